package io.checkoutbridge.provider.hokodo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code tax_rate} is a two-decimal string: seed 001, "Item 1" ({@code "tax_rate": "20.00"}), and
 * Hokodo's Magento plugin test {@code Test/Integration/Gateway/Service/OrderTest.php}
 * ({@code 'tax_rate' => '0.00'}). That Hokodo refuses a third decimal is unverified: no source shows
 * one, so the mapper refuses it before anything is sent.
 */
class HokodoTaxRateTest {
  private static final Currency GBP = Currency.getInstance("GBP");

  @Test
  void aRateWithTwoDecimalsIsWrittenExactly() {
    assertThat(HokodoMapper.taxRate(new BigDecimal("12.25"))).isEqualTo("12.25");
    assertThat(HokodoMapper.taxRate(new BigDecimal("20"))).isEqualTo("20.00");
  }

  @Test
  void aRateWithMoreDecimalsThanHokodoTakesIsRefusedBeforeAnythingIsSent() {
    Cart cart = new Cart(GBP, List.of(CartLine.of("1", LineKind.PRODUCT, "SKU", "Desk", "1", Money.of("108.88", "GBP"),
        "8.875")));

    assertThatThrownBy(() -> HokodoMapper.map(cart)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("8.875").hasMessageContaining("at most 2 decimals");
  }
}
