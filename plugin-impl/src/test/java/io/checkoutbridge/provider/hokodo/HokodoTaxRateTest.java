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

/** Hokodo's order guide writes {@code tax_rate} as a two-decimal string ({@code "20.00"}). */
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
