package io.checkoutbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class CartTest {
  private static final Currency GBP = Currency.getInstance("GBP");

  @Test
  void theTotalIsTheExactSumOfLinesIncludingDiscountsAndShipping() {
    Cart cart = new Cart(GBP, List.of(
        CartLine.of("a", LineKind.PRODUCT, "A", "A", "3", Money.of("3.33", "GBP"), "20"),
        CartLine.of("d", LineKind.DISCOUNT, "", "Discount", "1", Money.of("-1.00", "GBP"), "20"),
        CartLine.of("s", LineKind.SHIPPING, "", "Shipping", "1", Money.of("4.95", "GBP"), "20")));
    assertThat(cart.total()).isEqualTo(Money.of("13.94", "GBP"));
  }

  @Test
  void aDiscountWithAPositiveTotalIsRefused() {
    assertThatThrownBy(() -> CartLine.of("d", LineKind.DISCOUNT, "", "Discount", "1", Money.of("1.00", "GBP"), "20"))
        .hasMessageContaining("non-positive");
  }

  @Test
  void duplicateLineIdsAndMixedCurrenciesAreRefused() {
    CartLine a = CartLine.of("a", LineKind.PRODUCT, "A", "A", "1", Money.of("1.00", "GBP"), "0");
    assertThatThrownBy(() -> new Cart(GBP, List.of(a, a))).hasMessageContaining("duplicate line id a");
    CartLine eur = CartLine.of("e", LineKind.PRODUCT, "E", "E", "1", Money.of("1.00", "EUR"), "0");
    assertThatThrownBy(() -> new Cart(GBP, List.of(a, eur))).hasMessageContaining("EUR");
  }

  @Test
  void aNegativeCartTotalIsRefused() {
    CartLine a = CartLine.of("a", LineKind.PRODUCT, "A", "A", "1", Money.of("1.00", "GBP"), "0");
    CartLine d = CartLine.of("d", LineKind.DISCOUNT, "", "D", "1", Money.of("-2.00", "GBP"), "0");
    assertThatThrownBy(() -> new Cart(GBP, List.of(a, d))).hasMessageContaining("negative");
  }

  @Test
  void taxRatesNeedAtMostFourDecimals() {
    assertThatThrownBy(() -> CartLine.of("a", LineKind.PRODUCT, "A", "A", "1", Money.of("1.00", "GBP"), "20.12345"))
        .hasMessageContaining("tax rate");
    assertThat(CartLine.of("a", LineKind.PRODUCT, "A", "A", "1", Money.of("1.00", "GBP"), "20.50").taxRate())
        .isEqualByComparingTo("20.5");
  }

  @Test
  void cardDetailsNeverShowTheirNumber() {
    var card = new PaymentMethodDetails.Card("4111 1111 1111 1111", "10", "2030", "123", "Ada");
    assertThat(card.toString()).doesNotContain("4111111111111111").contains("1111");
    assertThat(card.lastFour()).isEqualTo("1111");
  }
}
