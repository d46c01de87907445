package io.checkoutbridge.sandbox.dintero;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class DinteroSignatureTest {

  @Test
  void matchesTheExampleInDinterosDocumentation() {
    // docs.dintero.com/checkout-api/secrets/admin_signature_post: secret 123, account P00000000
    String header = DinteroSignature.header("123", 1582236537L, "P00000000", "GET",
        URI.create("https://example.com/callback?B=123&A=992"));
    assertThat(header).isEqualTo("t=1582236537,v0-hmac-sha256="
        + "6bed2ab1b919d460ef7465a20dc6c97260dca73fab6647106ca525f0908df64a");
  }

  @Test
  void payloadSortsParametersAndEncodesSpacesAsPlus() {
    String payload = DinteroSignature.payload(1, "T12345678", "post",
        URI.create("http://Shop.Example:8080/cb?z=1&note=a%20b&a=2&a=1"));
    assertThat(payload).isEqualTo("1\nT12345678\nPOST\nshop.example\n/cb\na=1&a=2&note=a+b&z=1");
  }
}
