package io.checkoutbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SealTest {
  private final Seal seal = new Seal("0123456789abcdef0123456789abcdef");

  @Test
  void aSealVerifiesOnlyForItsOwnPaymentAndSecret() {
    String s = seal.seal("payment-1");
    assertThat(seal.verify("payment-1", s)).isTrue();
    assertThat(seal.verify("payment-2", s)).isFalse();
    assertThat(new Seal("another-secret-another-secret-1234").verify("payment-1", s)).isFalse();
    assertThat(seal.verify("payment-1", null)).isFalse();
    assertThat(seal.verify("payment-1", s.substring(1))).isFalse();
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new Seal("short")).hasMessageContaining("32");
  }

  @Test
  void sealedUrlsCarryThePaymentAndItsSeal() {
    SealedEndpoints endpoints = new SealedEndpoints(URI.create("https://shop.example/"), seal);
    URI callback = endpoints.callbackUrl("dintero", "p-1");
    assertThat(callback.toString()).startsWith("https://shop.example/payments/callback/dintero?pid=p-1&seal=");
    String given = callback.getQuery().substring(callback.getQuery().indexOf("seal=") + 5);
    assertThat(seal.verify("p-1", given)).isTrue();
    assertThat(endpoints.returnUrl("dintero", "p-1").getPath()).isEqualTo("/payments/return/dintero");
  }
}
