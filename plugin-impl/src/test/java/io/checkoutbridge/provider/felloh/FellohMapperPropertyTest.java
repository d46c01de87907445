package io.checkoutbridge.provider.felloh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any cart total maps to its exact lowest-denomination integer, or to a clear refusal. */
class FellohMapperPropertyTest {

  record Priced(long unitMinor, BigDecimal quantity) {}

  @Provide
  Arbitrary<List<Priced>> lines() {
    return Combinators.combine(
        Arbitraries.longs().between(1, 5_000_000),
        Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("50")).ofScale(3))
        .as(Priced::new)
        .list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<String> acceptedCurrencies() {
    return Arbitraries.of("GBP", "EUR", "USD");
  }

  @Provide
  Arbitrary<String> refusedCurrencies() {
    return Arbitraries.of(Currency.getAvailableCurrencies()).map(Currency::getCurrencyCode)
        .filter(code -> !List.of("GBP", "EUR", "USD").contains(code))
        .filter(code -> Currency.getInstance(code).getDefaultFractionDigits() >= 0);
  }

  private static Cart cart(String code, List<Priced> priced, long discountMinor) {
    Currency currency = Currency.getInstance(code);
    List<CartLine> lines = new ArrayList<>();
    for (int i = 0; i < priced.size(); i++) {
      Priced p = priced.get(i);
      Money unit = Money.ofMinor(p.unitMinor(), currency);
      // Totals rounded the storefront's way: the cart keeps what the shopper saw.
      lines.add(new CartLine("l" + i, LineKind.PRODUCT, "S" + i, "Line " + i, p.quantity(), unit, BigDecimal.ZERO,
          unit.times(p.quantity(), java.math.RoundingMode.HALF_UP), null, null));
    }
    // A cart is never negative: the discount takes at most the whole subtotal (total zero is possible).
    long subtotal = new Cart(currency, lines).total().toMinor();
    long applied = Math.min(discountMinor, subtotal);
    if (applied > 0) {
      Money discount = Money.ofMinor(-applied, currency);
      lines.add(CartLine.of("d", LineKind.DISCOUNT, "", "Discount", "1", discount, "0"));
    }
    return new Cart(currency, lines);
  }

  @Property(tries = 500)
  void cartTotalMapsToItsExactLowestDenomination(
      @ForAll("acceptedCurrencies") String code,
      @ForAll("lines") List<Priced> priced,
      @ForAll @net.jqwik.api.constraints.LongRange(min = 0, max = 100_000) long discountMinor) throws Exception {
    Cart cart = cart(code, priced, discountMinor);
    Money total = cart.total();
    boolean takeable = total.isPositive()
        && total.amount().movePointRight(2).compareTo(BigDecimal.valueOf(FellohMapper.MAX_AMOUNT)) <= 0;

    if (!takeable) {
      assertThatThrownBy(() -> FellohMapper.map(cart, FellohMapperTest.code(code))).isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("cart total");
      return;
    }
    FellohMapper.Mapping mapping = FellohMapper.map(cart, FellohMapperTest.code(code));

    // No rounding ever: the integer is the total's unscaled value, and maps back to the same money.
    assertThat(BigInteger.valueOf(mapping.amount())).isEqualTo(total.amount().unscaledValue());
    assertThat(FellohMapper.fromLowestDenomination(mapping.amount(), FellohMapperTest.code(code))).isEqualTo(total);
    assertThat(mapping.total()).isEqualTo(total);
    assertThat(mapping.currencyCode()).isEqualTo(switch (code) {
      case "GBP" -> "GBX";
      case "EUR" -> "EUX";
      default -> "USX";
    });
    assertThat(mapping.rules()).anySatisfy(rule -> assertThat(rule).contains(Long.toString(mapping.amount())));
  }

  @Property(tries = 200)
  void cartNotInTheCodesCurrencyIsRefusedClearly(
      @ForAll("refusedCurrencies") String code,
      @ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 10_000_000) long minor) {
    Currency currency = Currency.getInstance(code);
    Money unit = Money.ofMinor(minor, currency);
    Cart cart = new Cart(currency, List.of(CartLine.of("l1", LineKind.PRODUCT, "S", "Seat", "1", unit, "0")));

    assertThatThrownBy(() -> FellohMapper.map(cart, FellohEnums.GBX))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("not in GBP");
  }
}
