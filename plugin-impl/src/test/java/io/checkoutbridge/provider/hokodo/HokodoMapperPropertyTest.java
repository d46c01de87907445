package io.checkoutbridge.provider.hokodo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hokodo's five item rules hold for every cart the mapper accepts.
 *
 * <p>Sources: the five rules and {@code tax_rate} as {@code "20.00"}: seed 001, "The 5 unbreakable
 * rules of Order Items" and "Item 1"; order {@code total_amount}/{@code tax_amount} as the item sums:
 * seed 001, "Total order". Integer minor units as the default: Hokodo's Magento plugin sends integers
 * ({@code Model/RequestBuilder/OrderBuilder.php}; {@code Test/Integration/Gateway/Service/OrderTest.php}
 * {@code 'unit_price' => 24200}). Quantity as a string with up to three decimals: that test's
 * {@code 'quantity' => '1.000'} (seed 001 shows {@code "5.00"}); that Hokodo refuses a fourth
 * decimal is unverified.
 */
class HokodoMapperPropertyTest {

  record LineSpec(LineKind kind, long quantityUnscaled, int quantityScale, long unitMinor, int delta, int taxHundredths) {}

  @Property(tries = 1500)
  void randomCartsAlwaysSatisfyTheFiveRules(@ForAll("currencies") Currency currency,
      @ForAll("lines") List<LineSpec> specs) throws Exception {
    Cart cart = cart(currency, specs);
    Assume.that(cart != null);
    int decimals = Money.decimals(currency);

    HokodoMapper.Mapping mapping = HokodoMapper.map(cart);

    BigDecimal sumTotals = BigDecimal.ZERO;
    BigDecimal sumTaxes = BigDecimal.ZERO;
    for (HokodoMapper.Item item : mapping.items()) {
      // Rule 2: quantity × unit price is the total, exactly.
      assertThat(item.quantity().multiply(item.unitPrice())).isEqualByComparingTo(item.totalAmount());
      // Rule 5, in its default form: integer minor units (what Hokodo's own clients send); quantities
      // fit Hokodo's three decimals.
      assertThat(HokodoMapper.decimals(item.unitPrice())).isZero();
      assertThat(HokodoMapper.decimals(item.totalAmount())).isZero();
      assertThat(HokodoMapper.decimals(item.taxAmount())).isZero();
      assertThat(HokodoMapper.decimals(item.quantity())).isLessThanOrEqualTo(3);
      assertThat(item.quantity().signum()).isPositive();
      // Tax amounts are checked against hand-worked values in HokodoMapperTaxTableTest; here only
      // that a tax never takes the opposite sign of its item.
      assertThat(item.taxAmount().signum() * item.totalAmount().signum()).isNotNegative();
      JsonNode json = HokodoMapper.itemJson(item);
      assertThat(json.path("unit_price").isIntegralNumber())
          .isEqualTo(HokodoMapper.decimals(item.unitPrice()) == 0);
      assertThat(new BigDecimal(json.path("quantity").asText())).isEqualByComparingTo(item.quantity());
      assertThat(json.path("tax_rate").asText()).matches("\\d{1,3}\\.\\d{2}");
      sumTotals = sumTotals.add(item.totalAmount());
      sumTaxes = sumTaxes.add(item.taxAmount());
    }
    // The order's amounts are the exact sums, and the cart total is kept.
    assertThat(mapping.totalAmount()).isEqualByComparingTo(sumTotals);
    assertThat(mapping.taxAmount()).isEqualByComparingTo(sumTaxes);
    assertThat(mapping.totalAmount()).isEqualByComparingTo(cart.total().amount().movePointRight(decimals));

    for (CartLine line : cart.lines()) {
      List<HokodoMapper.Item> parts = mapping.items().stream().filter(i -> i.lineId().equals(line.lineId())).toList();
      assertThat(parts).isNotEmpty();
      assertThat(parts.stream().map(HokodoMapper.Item::totalAmount).reduce(BigDecimal.ZERO, BigDecimal::add))
          .isEqualByComparingTo(line.total().amount().movePointRight(decimals));
      for (HokodoMapper.Item part : parts) {
        // Rule 1: amounts keep their tax; rule 3: discounts negative; rule 4: shipping is an item.
        assertThat(part.taxRate()).isEqualByComparingTo(line.taxRate());
        assertThat(part.type()).isEqualTo(HokodoMapper.type(line.kind()));
        if (line.kind().negative()) {
          assertThat(part.totalAmount().signum()).isLessThanOrEqualTo(0);
        } else {
          assertThat(part.totalAmount().signum()).isGreaterThanOrEqualTo(0);
        }
      }
    }
    assertThat(mapping.items()).extracting(HokodoMapper.Item::itemId).doesNotHaveDuplicates();
  }

  @Provide
  Arbitrary<Currency> currencies() {
    return Arbitraries.of("GBP", "EUR", "JPY", "KWD").map(Money::currency);
  }

  @Provide
  Arbitrary<List<LineSpec>> lines() {
    Arbitrary<LineSpec> line = Combinators.combine(
            Arbitraries.of(LineKind.values()),
            Arbitraries.longs().between(1, 20_000),
            Arbitraries.integers().between(0, 3),
            Arbitraries.longs().between(0, 500_000),
            Arbitraries.integers().between(-7, 7),
            Arbitraries.of(0, 500, 550, 1000, 1755, 2000, 2100, 2500))
        .as(LineSpec::new);
    return line.list().ofMinSize(1).ofMaxSize(8);
  }

  /** A cart from the specs, or {@code null} when its total would be negative. */
  private static Cart cart(Currency currency, List<LineSpec> specs) {
    int decimals = Money.decimals(currency);
    List<CartLine> lines = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    int n = 0;
    for (LineSpec spec : specs) {
      n++;
      BigDecimal quantity = BigDecimal.valueOf(spec.quantityUnscaled(), spec.quantityScale());
      long sign = spec.kind().negative() ? -1 : 1;
      Money unit = Money.ofMinor(sign * spec.unitMinor(), currency);
      // The storefront's own rounding, possibly off the exact product by a few minor units.
      BigDecimal exact = unit.amount().multiply(quantity).setScale(decimals, RoundingMode.HALF_EVEN);
      BigDecimal lineTotal = exact.add(BigDecimal.valueOf(sign * Math.abs(spec.delta()), decimals));
      Money lineMoney = Money.of(lineTotal, currency);
      lines.add(new CartLine("l" + n, spec.kind(), "", "line " + n, quantity, unit,
          BigDecimal.valueOf(spec.taxHundredths(), 2), lineMoney, null, null));
      total = total.add(lineTotal);
    }
    return total.signum() < 0 ? null : new Cart(currency, lines);
  }
}
