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

  /**
   * Card numbers are found where a word boundary is missing (glued to letters or underscores) and
   * where a provider sends them as JSON numbers. Vectors: the card networks' published test numbers
   * (Visa 4111111111111111, Mastercard 5555555555554444, Amex 378282246310005, Discover
   * 6011111111111117), each Luhn-valid (checked with {@code python3}: the doubled-digit sum mod 10 is 0).
   */
  @Test
  void cardNumbersGluedToLettersOrSentAsJsonNumbersAreMasked() throws Exception {
    JsonNode json = JsonHttp.MAPPER.readTree("""
        {"ref":"order4111111111111111x","under":"pan_5555555555554444_end","pan":5555555555554444,
         "amex":378282246310005,"list":[6011111111111117, "card:6011111111111117"],
         "dashed":"x4111-1111-1111-1111y","float":4111111111111111.0,"amount":5000,"minor":123456789}
        """);
    String scrubbed = Scrubber.scrubToString(json);
    assertThat(scrubbed).doesNotContain("4111111111111111", "5555555555554444", "378282246310005",
        "6011111111111117", "4111-1111-1111-1111", "4.111111111111111E15");
    assertThat(scrubbed).contains("\"amount\":5000", "\"minor\":123456789", "order", "pan_");
    assertThat(Scrubber.scrubText("id=ab4111111111111111cd")).isEqualTo("id=ab" + Scrubber.MASK + "cd");
  }
}
