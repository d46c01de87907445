package io.checkoutbridge.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class ScrubberTest {

  @Test
  void secretsAndCardNumbersAreMaskedAnywhereInTheTree() throws Exception {
    JsonNode json = JsonHttp.MAPPER.readTree("""
        {"access_token":"eyJabc","data":{"token":"t0k3n","items":[{"cardNumber":"4111111111111111"}]},
         "paymentMethod":{"cardSecurityCode":"123","ccLastFour":"1111"},
         "note":"card 4000 0000 0000 0002 used, pan 4000000000000002","amount":5000}
        """);
    String scrubbed = Scrubber.scrubToString(json);
    assertThat(scrubbed).doesNotContain("eyJabc", "t0k3n", "4111111111111111", "4000000000000002", "\"123\"");
    assertThat(scrubbed).contains("\"ccLastFour\":\"1111\"", "\"amount\":5000");
  }

  @Test
  void theOriginalIsLeftUntouched() throws Exception {
    JsonNode json = JsonHttp.MAPPER.readTree("{\"client_secret\":\"s3cr3t\"}");
    Scrubber.scrub(json);
    assertThat(json.get("client_secret").asText()).isEqualTo("s3cr3t");
  }
}
