package io.checkoutbridge.provider.kibo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class KiboMapperTest {

  private static BigDecimal sum(List<KiboMapper.OrderItem> items) {
    return items.stream().map(KiboMapper.OrderItem::total).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /**
   * The create-order body in public code (a WooCommerce plugin written against Kibo's
   * {@code /api/v2/createOrder/}, found by searching for {@code itemSpecifics} with {@code
   * orderPayments}) sells one item at retailPrice 3.6 with 20 % tax and 4.95 next-day postage
   * (its customOrderData: NOVA_POSTAGE 4.95, SHIFT_ORDERED_TAX_RATE 20.00) and sends actualPrice 3,
   * itemTaxOverride 0.6, shipping 4.13, shippingTax 0.82 and authAmount 8.55. The same cart maps
   * to exactly those numbers: 4.95 × 20 / 120 = 0.825, half-even 0.82.
   */
  @Test
  void theCartOfThePublicCreateOrderBodyMapsToItsExactAmounts() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        CartLine.of("101780", LineKind.PRODUCT, "S2721950_C128", "Lace Strapless Bra", "1", Money.of("3.60", "USD"),
            "20"),
        CartLine.of("ship", LineKind.SHIPPING, "", "Next day", "1", Money.of("4.95", "USD"), "20"))));

    assertThat(mapping.amount()).isEqualTo(new BigDecimal("8.55"));
    assertThat(mapping.items()).hasSize(1);
    KiboMapper.OrderItem item = mapping.items().get(0);
    assertThat(item.externalItemID()).isEqualTo("101780");
    assertThat(item.productID()).isEqualTo("S2721950_C128");
    assertThat(item.retailPrice()).isEqualTo(new BigDecimal("3.60"));
    assertThat(item.quantity()).isEqualTo(BigInteger.ONE);
    assertThat(item.actualPrice()).isEqualTo(new BigDecimal("3.00"));
    assertThat(item.itemTax()).isEqualTo(new BigDecimal("0.60"));
    assertThat(item.shipping()).isEqualTo(new BigDecimal("4.13"));
    assertThat(item.shippingTax()).isEqualTo(new BigDecimal("0.82"));
  }

  @Test
  void discountsAndShippingAreSpreadOverTheProductsAndTheItemsAddUpToTheAuthorisedAmount() {
    KiboMapper.Mapping mapping = KiboMapper.map(KiboTestData.cart());

    assertThat(mapping.amount()).isEqualTo(new BigDecimal("42.50"));
    assertThat(sum(mapping.items())).isEqualTo(new BigDecimal("42.50"));
    assertThat(mapping.items()).extracting(KiboMapper.OrderItem::externalItemID).doesNotContain("ship", "promo");
    assertThat(mapping.items().stream().map(KiboMapper.OrderItem::shipping).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualTo(new BigDecimal("5.00"));
    assertThat(mapping.rules()).anyMatch(r -> r.contains("discount promo")).anyMatch(r -> r.contains("shipping ship"));
  }

  @Test
  void yenAmountsHaveNoDecimals() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("JPY"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Tea", "3", Money.of("1200", "JPY"), "10"),
        CartLine.of("s", LineKind.SHIPPING, "", "Shipping", "1", Money.of("500", "JPY"), "10"))));

    assertThat(mapping.amount()).isEqualTo(new BigDecimal("4100"));
    assertThat(mapping.items().get(0).actualPrice().scale()).isZero();
    assertThat(sum(mapping.items())).isEqualTo(mapping.amount());
  }

  @Test
  void aNetThatDoesNotDivideByTheQuantityIsSentAsTwoItemsOneMinorUnitApart() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        new CartLine("socks", LineKind.PRODUCT, "S", "Socks", new BigDecimal("3"), Money.of("3.33", "USD"),
            BigDecimal.ZERO, Money.of("10.00", "USD"), null, null))));

    assertThat(mapping.items()).extracting(KiboMapper.OrderItem::externalItemID).containsExactly("socks", "socks#2");
    assertThat(mapping.items()).extracting(KiboMapper.OrderItem::quantity)
        .containsExactly(BigInteger.TWO, BigInteger.ONE);
    assertThat(mapping.items()).extracting(KiboMapper.OrderItem::actualPrice)
        .containsExactly(new BigDecimal("3.33"), new BigDecimal("3.34"));
    assertThat(sum(mapping.items())).isEqualTo(new BigDecimal("10.00"));
  }

  @Test
  void aGiftCardLineOrACartWithoutProductsCannotBeCarried() {
    assertThatThrownBy(() -> KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Mug", "1", Money.of("20", "USD"), "0"),
        CartLine.of("gc", LineKind.GIFT_CARD, "", "Gift card", "1", Money.of("-5", "USD"), "0")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("orderPayments");
    assertThatThrownBy(() -> KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        CartLine.of("s", LineKind.SHIPPING, "", "Shipping", "1", Money.of("5", "USD"), "0")))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no product line");
  }
}
