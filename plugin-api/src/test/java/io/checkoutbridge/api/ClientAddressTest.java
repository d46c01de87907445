package io.checkoutbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  @Test
  void theConnectionsAddressIsUsedWhenForwardingHeadersAreNotTrusted() {
    assertThat(ClientAddress.resolve("198.51.100.4", "203.0.113.9", false)).isEqualTo("198.51.100.4");
  }

  @Test
  void aTrustedProxysEntryIsTheRightMostOneOfTheHeader() {
    assertThat(ClientAddress.resolve("10.0.0.2", "192.0.2.1, 203.0.113.9", true)).isEqualTo("203.0.113.9");
    assertThat(ClientAddress.resolve("10.0.0.2", "2001:db8::7", true)).isEqualTo("2001:db8::7");
  }

  @Test
  void somethingThatIsNotAnAddressIsNeverPassedOn() {
    assertThat(ClientAddress.resolve("10.0.0.2", "evil.example", true)).isEqualTo("10.0.0.2");
    assertThat(ClientAddress.resolve("unix:/run/socket", null, false)).isNull();
    assertThat(ClientAddress.isIpLiteral("256.1.1.1")).isFalse();
    assertThat(ClientAddress.isIpLiteral("1.2.3")).isFalse();
  }

  @Test
  void aCheckoutRequestRefusesAnIpThatIsNotAnAddress() {
    Cart cart = new Cart(Money.currency("GBP"), java.util.List.of(
        CartLine.of("1", LineKind.PRODUCT, "A", "Mug", "1", Money.of("5", "GBP"), "0")));
    Customer customer = new Customer(null, "A", "B", "a@example.com", null, null,
        new Address("A B", "1 High St", null, "Leeds", null, "LS1 1AA", "GB", null), null, null);
    CheckoutRequest request = new CheckoutRequest("ORD-1", cart, customer, Locale.UK, true, null, null);

    assertThat(request.withCustomerIp("203.0.113.7").customerIp()).isEqualTo("203.0.113.7");
    assertThat(request.customerIp()).isNull();
    assertThatThrownBy(() -> request.withCustomerIp("shop.example")).isInstanceOf(IllegalArgumentException.class);
  }
}
