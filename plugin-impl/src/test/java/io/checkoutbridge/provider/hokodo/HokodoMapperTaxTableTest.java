package io.checkoutbridge.provider.hokodo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Item amounts and taxes worked out by hand, in minor units, for 0-, 2- and 3-decimal currencies.
 * The rule is Hokodo's order guide (seed 001: "tax_amount = total_amount × tax / 100", its example
 * 6000 at 20 % → 1200); each exact tax is floored and the units the order's half-even rounded total
 * still lacks go to the largest fractions.
 */
class HokodoMapperTaxTableTest {

  @Test
  void poundsTheGuidesOwnExampleBesideTwoLinesWithFractionsOfAPenny() throws Exception {
    Currency gbp = Money.currency("GBP");
    Cart cart = new Cart(gbp, List.of(
        CartLine.of("a", LineKind.PRODUCT, "A", "Chairs", "2", Money.of("30.00", "GBP"), "20"),
        CartLine.of("b", LineKind.PRODUCT, "B", "Pens", "1", Money.of("9.99", "GBP"), "5"),
        CartLine.of("ship", LineKind.SHIPPING, "", "Delivery", "1", Money.of("4.99", "GBP"), "20")));

    HokodoMapper.Mapping mapping = HokodoMapper.map(cart);

    // a: 2 × 3000 = 6000, 6000 × 20 / 100 = 1200 exactly (the guide's example)
    // b: 999 × 5 / 100 = 49.95; ship: 499 × 20 / 100 = 99.80
    // exact sum 1349.75 → 1350; floors 1200 + 49 + 99 = 1348, two units left:
    // b (.95) then ship (.80) get one each → 1200, 50, 100
    assertThat(mapping.items())
        .extracting(HokodoMapper.Item::lineId, i -> i.quantity().stripTrailingZeros().toPlainString(),
            i -> plain(i.unitPrice()), i -> plain(i.totalAmount()), i -> plain(i.taxAmount()))
        .containsExactly(
            tuple("a", "2", "3000", "6000", "1200"),
            tuple("b", "1", "999", "999", "50"),
            tuple("ship", "1", "499", "499", "100"));
    assertThat(plain(mapping.totalAmount())).isEqualTo("7498"); // 6000 + 999 + 499
    assertThat(plain(mapping.taxAmount())).isEqualTo("1350");
  }

  @Test
  void yenHasNoMinorUnitsToSpare() throws Exception {
    Cart cart = new Cart(Money.currency("JPY"), List.of(
        CartLine.of("a", LineKind.PRODUCT, "A", "Tea", "3", Money.of("333", "JPY"), "10"),
        CartLine.of("ship", LineKind.SHIPPING, "", "Delivery", "1", Money.of("500", "JPY"), "10")));

    HokodoMapper.Mapping mapping = HokodoMapper.map(cart);

    // a: 3 × 333 = 999, 999 × 10 / 100 = 99.9; ship: 500 × 10 / 100 = 50
    // exact sum 149.9 → 150; floors 99 + 50 = 149, the unit left goes to a (.9) → 100, 50
    assertThat(mapping.items())
        .extracting(HokodoMapper.Item::lineId, i -> plain(i.totalAmount()), i -> plain(i.taxAmount()))
        .containsExactly(tuple("a", "999", "100"), tuple("ship", "500", "50"));
    assertThat(plain(mapping.totalAmount())).isEqualTo("1499");
    assertThat(plain(mapping.taxAmount())).isEqualTo("150");
  }

  @Test
  void dinarsWithThreeDecimalsAndANegativeDiscount() throws Exception {
    Cart cart = new Cart(Money.currency("KWD"), List.of(
        CartLine.of("a", LineKind.PRODUCT, "A", "Lamps", "3", Money.of("1.250", "KWD"), "15"),
        CartLine.of("d", LineKind.DISCOUNT, "", "Spring offer", "1", Money.of("-0.500", "KWD"), "15")));

    HokodoMapper.Mapping mapping = HokodoMapper.map(cart);

    // a: 3 × 1250 = 3750 fils, 3750 × 15 / 100 = 562.5; d: -500 × 15 / 100 = -75 exactly
    // exact sum 487.5 → 488 (half-even: 487 is odd); floors 562 + (-75) = 487, one unit left,
    // a has the only fraction (.5) → 563, -75
    assertThat(mapping.items())
        .extracting(HokodoMapper.Item::lineId, i -> plain(i.totalAmount()), i -> plain(i.taxAmount()))
        .containsExactly(tuple("a", "3750", "563"), tuple("d", "-500", "-75"));
    assertThat(plain(mapping.totalAmount())).isEqualTo("3250"); // 3750 - 500
    assertThat(plain(mapping.taxAmount())).isEqualTo("488");
  }

  @Test
  void halvesRoundOnceForTheOrderNotOncePerItem() throws Exception {
    Cart cart = new Cart(Money.currency("GBP"), List.of(
        CartLine.of("a", LineKind.PRODUCT, "A", "Sample", "1", Money.of("0.05", "GBP"), "10"),
        CartLine.of("b", LineKind.PRODUCT, "B", "Sample", "1", Money.of("0.05", "GBP"), "10"),
        CartLine.of("c", LineKind.PRODUCT, "C", "Sample", "1", Money.of("0.05", "GBP"), "10")));

    HokodoMapper.Mapping mapping = HokodoMapper.map(cart);

    // each: 5 × 10 / 100 = 0.5; exact sum 1.5 → 2 (half-even); floors 0 + 0 + 0, two units left,
    // the fractions tie (.5 each), the earlier items get them → 1, 1, 0 (rounding each half up
    // would give 3)
    assertThat(mapping.items()).extracting(HokodoMapper.Item::lineId, i -> plain(i.taxAmount()))
        .containsExactly(tuple("a", "1"), tuple("b", "1"), tuple("c", "0"));
    assertThat(plain(mapping.taxAmount())).isEqualTo("2");
  }

  private static String plain(BigDecimal value) {
    return value.stripTrailingZeros().toPlainString();
  }
}
