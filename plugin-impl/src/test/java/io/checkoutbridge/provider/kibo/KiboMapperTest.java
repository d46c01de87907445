package io.checkoutbridge.provider.kibo;

import static org.assertj.core.api.Assertions.assertThat;

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
    return items.stream().map(KiboMapper.OrderItem::totalPrice).reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  @Test
  void usdAmountsCarryTwoDecimals() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Mug", "1", Money.of("2", "USD"), "0"))));

    assertThat(mapping.amount()).isEqualTo(new BigDecimal("2.00"));
    assertThat(mapping.items().get(0).unitPrice()).isEqualTo(new BigDecimal("2.00"));
    assertThat(mapping.rules()).isEmpty();
  }

  @Test
  void yenAmountsHaveNoDecimals() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("JPY"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Tea", "3", Money.of("1200", "JPY"), "10"),
        CartLine.of("s", LineKind.SHIPPING, "", "Shipping", "1", Money.of("500", "JPY"), "10"))));

    assertThat(mapping.amount()).isEqualTo(new BigDecimal("4100"));
    assertThat(mapping.amount().scale()).isZero();
    assertThat(sum(mapping.items())).isEqualTo(mapping.amount());
  }

  @Test
  void kuwaitiDinarAmountsHaveThreeDecimals() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("KWD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Pen", "2", Money.of("1.25", "KWD"), "0"))));

    assertThat(mapping.amount()).isEqualTo(new BigDecimal("2.500"));
    assertThat(mapping.items().get(0).unitPrice()).isEqualTo(new BigDecimal("1.250"));
  }

  @Test
  void lineWhoseTotalDoesNotDivideIsSplitOneMinorUnitApart() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        new CartLine("3", LineKind.PRODUCT, "S", "Socks", new BigDecimal("3"), Money.of("3.33", "USD"),
            BigDecimal.ZERO, Money.of("10.00", "USD"), null, null))));

    assertThat(mapping.items()).extracting(KiboMapper.OrderItem::externalLineID, KiboMapper.OrderItem::quantity,
            KiboMapper.OrderItem::unitPrice, KiboMapper.OrderItem::totalPrice)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("3", BigInteger.TWO, new BigDecimal("3.33"), new BigDecimal("6.66")),
            org.assertj.core.groups.Tuple.tuple("3#2", BigInteger.ONE, new BigDecimal("3.34"), new BigDecimal("3.34")));
    assertThat(mapping.rules()).containsExactly("line 3 split into 2 × 3.33 and 1 × 3.34 (item 3#2) so that quantity"
        + " × unit price is exact and the items add up to the line total 10.00");
  }

  @Test
  void negativeLineIsSplitAwayFromZero() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Chair", "1", Money.of("50.00", "USD"), "0"),
        new CartLine("d", LineKind.DISCOUNT, "", "3 for 2", new BigDecimal("3"), Money.of("-3.33", "USD"),
            BigDecimal.ZERO, Money.of("-10.00", "USD"), null, null))));

    assertThat(mapping.items()).extracting(KiboMapper.OrderItem::unitPrice)
        .containsExactly(new BigDecimal("50.00"), new BigDecimal("-3.33"), new BigDecimal("-3.34"));
    assertThat(sum(mapping.items())).isEqualTo(new BigDecimal("40.00")).isEqualTo(mapping.amount());
  }

  @Test
  void fractionalQuantityIsSentAsOneUnitOfTheLineTotal() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("EUR"), List.of(
        CartLine.of("7", LineKind.PRODUCT, "CHEESE", "Cheese", "1.5", Money.of("5.99", "EUR"), "7"))));

    KiboMapper.OrderItem item = mapping.items().get(0);
    assertThat(item.quantity()).isEqualTo(BigInteger.ONE);
    assertThat(item.totalPrice()).isEqualTo(new BigDecimal("8.98"));
    assertThat(mapping.rules()).containsExactly(
        "line 7: quantity 1.5 sent as 1 × 8.98 because Kibo order items take whole quantities");
  }

  @Test
  void storefrontRoundedUnitPriceIsReplacedByTheExactOne() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        new CartLine("1", LineKind.PRODUCT, "A", "Pack", new BigDecimal("2"), Money.of("4.99", "USD"),
            BigDecimal.ZERO, Money.of("10.00", "USD"), null, null))));

    assertThat(mapping.items().get(0).unitPrice()).isEqualTo(new BigDecimal("5.00"));
    assertThat(mapping.rules()).singleElement().asString().contains("unit price sent as 5.00 instead of 4.99");
  }

  @Test
  void everyLineKindBecomesAnItemOfThatType() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        CartLine.of("p", LineKind.PRODUCT, "A", "Chair", "1", Money.of("50.00", "USD"), "0"),
        CartLine.of("s", LineKind.SHIPPING, "", "Shipping", "1", Money.of("5.00", "USD"), "0"),
        CartLine.of("f", LineKind.FEE, "", "Handling", "1", Money.of("1.00", "USD"), "0"),
        CartLine.of("d", LineKind.DISCOUNT, "", "Promo", "1", Money.of("-6.00", "USD"), "0"),
        CartLine.of("g", LineKind.GIFT_CARD, "", "Gift card", "1", Money.of("-10.00", "USD"), "0"))));

    assertThat(mapping.items()).extracting(KiboMapper.OrderItem::itemType)
        .containsExactly("PRODUCT", "SHIPPING", "FEE", "DISCOUNT", "GIFT_CARD");
    assertThat(mapping.amount()).isEqualTo(new BigDecimal("40.00"));
    assertThat(sum(mapping.items())).isEqualTo(mapping.amount());
  }

  @Test
  void splitSuffixNeverCollidesWithAnotherLineId() {
    KiboMapper.Mapping mapping = KiboMapper.map(new Cart(Money.currency("USD"), List.of(
        new CartLine("a", LineKind.PRODUCT, "A", "Socks", new BigDecimal("3"), Money.of("3.33", "USD"),
            BigDecimal.ZERO, Money.of("10.00", "USD"), null, null),
        CartLine.of("a#2", LineKind.PRODUCT, "B", "Hat", "1", Money.of("1.00", "USD"), "0"))));

    assertThat(mapping.items()).extracting(KiboMapper.OrderItem::externalLineID)
        .doesNotHaveDuplicates().containsExactly("a", "a#2#", "a#2");
  }

  @Test
  void shipFromsCountTheShopAndEachSupplier() {
    Cart cart = new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Chair", "1", Money.of("1.00", "USD"), "0"),
        CartLine.of("s", LineKind.SHIPPING, "", "Shipping", "1", Money.of("1.00", "USD"), "0"),
        CartLine.of("2", LineKind.PRODUCT, "B", "Lamp", "1", Money.of("1.00", "USD"), "0").withSupplier("acme", "Acme")));

    assertThat(KiboMapper.shipFroms(cart)).containsExactly(KiboMapper.SHOP, "acme");
  }
}
