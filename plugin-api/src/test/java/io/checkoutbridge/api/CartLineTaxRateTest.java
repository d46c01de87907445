package io.checkoutbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CartLineTaxRateTest {
  private static final Money PRICE = Money.of("108.88", "USD");

  @Test
  void aUsSalesTaxRateWithThreeDecimalsIsKeptExactly() {
    CartLine line = CartLine.of("1", LineKind.PRODUCT, "SKU", "Bagel box", "1", PRICE, "8.875");

    assertThat(line.taxRate()).isEqualByComparingTo("8.875");
  }

  @Test
  void fourDecimalsAreAcceptedAndAFifthIsRefused() {
    assertThat(CartLine.of("1", LineKind.PRODUCT, "SKU", "Box", "1", PRICE, "7.3125").taxRate())
        .isEqualByComparingTo("7.3125");
    assertThatThrownBy(() -> CartLine.of("1", LineKind.PRODUCT, "SKU", "Box", "1", PRICE, "7.31251"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most four decimals");
  }

  @Test
  void theTaxContainedInALineAtEightPointEightSevenFivePercentIsExact() {
    // 1088.75 including 8.875 % is 1000.00 net and 88.75 tax: 1088.75 × 8.875 / 108.875 = 88.75
    CartLine line = CartLine.of("1", LineKind.PRODUCT, "SKU", "Bagel box", "1", Money.of("1088.75", "USD"), "8.875");

    assertThat(line.exactTax()).isEqualByComparingTo(new BigDecimal("88.75"));
  }
}
