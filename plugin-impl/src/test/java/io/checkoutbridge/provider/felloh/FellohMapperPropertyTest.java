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

  record Priced(long unitMinor, BigDecimal quantity, BigDecimal taxRate) {}

  /** Rates as storefronts send them: none, whole, and fractional percents. */
  private static final List<String> RATES = List.of("0", "5", "8.25", "12.5", "20", "25");

  @Provide
  Arbitrary<List<Priced>> lines() {
    return Combinators.combine(
        Arbitraries.longs().between(1, 5_000_000),
        Arbitraries.bigDecimals().between(new BigDecimal("0.001"), new BigDecimal("50")).ofScale(3),
        Arbitraries.of(RATES).map(BigDecimal::new))
        .as(Priced::new)
        .list().ofMinSize(1).ofMaxSize(40);
  }

  /** Up to three discounts, a shipping line and a gift card, each in minor units (0 = none). */
  record Extras(List<Long> discounts, long shipping, long giftCard) {}

  @Provide
  Arbitrary<Extras> extras() {
    return Combinators.combine(
        Arbitraries.longs().between(1, 100_000).list().ofMaxSize(3),
        Arbitraries.longs().between(0, 20_000),
        Arbitraries.longs().between(0, 50_000))
        .as(Extras::new);
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

  private static Cart cart(String code, List<Priced> priced, Extras extras) {
    Currency currency = Currency.getInstance(code);
    List<CartLine> lines = new ArrayList<>();
    for (int i = 0; i < priced.size(); i++) {
      Priced p = priced.get(i);
      Money unit = Money.ofMinor(p.unitMinor(), currency);
      // Totals rounded the storefront's way: the cart keeps what the shopper saw.
      lines.add(new CartLine("l" + i, LineKind.PRODUCT, "S" + i, "Line " + i, p.quantity(), unit, p.taxRate(),
          unit.times(p.quantity(), java.math.RoundingMode.HALF_UP), null, null));
    }
    if (extras.shipping() > 0) {
      lines.add(CartLine.of("ship", LineKind.SHIPPING, "", "Delivery", "1", Money.ofMinor(extras.shipping(), currency),
          "20"));
    }
    // A cart is never negative: discounts and the gift card take at most what is left (zero is possible).
    long left = new Cart(currency, lines).total().toMinor();
    for (int i = 0; i < extras.discounts().size(); i++) {
      long applied = Math.min(extras.discounts().get(i), left);
      if (applied > 0) {
        lines.add(CartLine.of("d" + i, LineKind.DISCOUNT, "", "Discount " + i, "1", Money.ofMinor(-applied, currency),
            "20"));
        left -= applied;
      }
    }
    long gift = Math.min(extras.giftCard(), left);
    if (gift > 0) {
      lines.add(CartLine.of("gift", LineKind.GIFT_CARD, "", "Gift card", "1", Money.ofMinor(-gift, currency), "0"));
    }
    return new Cart(currency, lines);
  }

  @Property(tries = 500)
  void cartTotalMapsToItsExactLowestDenomination(
      @ForAll("acceptedCurrencies") String code,
      @ForAll("lines") List<Priced> priced,
      @ForAll("extras") Extras extras) throws Exception {
    Cart cart = cart(code, priced, extras);
    Money total = cart.total();
    // The amount to take, summed here from the lines in cents, not read from the cart's own total.
    long cents = cart.lines().stream().mapToLong(l -> l.total().amount().movePointRight(2).longValueExact()).sum();
    assertThat(total.toMinor()).isEqualTo(cents);
    boolean takeable = total.isPositive()
        && total.amount().movePointRight(2).compareTo(BigDecimal.valueOf(FellohMapper.MAX_AMOUNT)) <= 0;

    if (!takeable) {
      assertThatThrownBy(() -> FellohMapper.map(cart, FellohMapperTest.code(code))).isInstanceOf(InvalidRequestException.class)
          .hasMessageContaining("cart total");
      return;
    }
    FellohMapper.Mapping mapping = FellohMapper.map(cart, FellohMapperTest.code(code));

    // No rounding ever: the integer is the sum of the lines in cents, and maps back to the same money.
    assertThat(mapping.amount()).isEqualTo(cents);
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
