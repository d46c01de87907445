package io.checkoutbridge.provider.dintero;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dintero's order item {@code vat} is "the VAT percentage", typed decimal with no limit on its
 * decimals (OrderItem in Dintero's own OpenAPI client, Dintero/Dintero.Checkout.DotNet,
 * openapi/generated/checkout/docs/OrderItem.md), so a four-decimal rate is sent as it is.
 */
class DinteroTaxRateTest {
  private static final Currency NOK = Currency.getInstance("NOK");

  @Test
  void aRateWithThreeDecimalsIsSentExactlyWithTheExactVatAmount() throws Exception {
    // 1088.75 including 8.875 % contains 88.75: 108875 × 8.875 / 108.875 = 8875 (python3 Decimal)
    Cart cart = new Cart(NOK, List.of(CartLine.of("1", LineKind.PRODUCT, "SKU", "Fish", "1",
        Money.of("1088.75", "NOK"), "8.875")));

    DinteroMapper.Mapping mapping = DinteroMapper.map(cart);
    DinteroMapper.Item item = mapping.items().get(0);
    // the draft order carries the rate as tax_lines[].percentage (seed 002), the session as vat
    JsonNode sent = DinteroRequests.draftOrder(mapping).findValue("percentage");

    assertThat(item.vat()).isEqualByComparingTo("8.875");
    assertThat(item.vatAmount()).isEqualTo(8_875);
    assertThat(sent.decimalValue()).isEqualByComparingTo("8.875");
    assertThat(sent.toString()).isEqualTo("8.875");
  }

  @Test
  void aRateWithFourDecimalsKeepsAllFour() throws Exception {
    // 107.3125 % of net 100.00 is 107.31 gross after rounding; the VAT in 10731 minor units is
    // 10731 × 7.3125 / 107.3125 = 731.2… so 731
    Cart cart = new Cart(NOK, List.of(CartLine.of("1", LineKind.PRODUCT, "SKU", "Fish", "1",
        Money.of("107.31", "NOK"), "7.3125")));

    DinteroMapper.Item item = DinteroMapper.map(cart).items().get(0);

    assertThat(item.vat()).isEqualByComparingTo("7.3125");
    assertThat(item.vatAmount()).isEqualTo(731);
  }
}
