package io.checkoutbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaskingTest {

  private final Masking masking = Masking.defaults();

  @Test
  void secretHeadersAreMaskedWhateverTheirCase() {
    Map<String, String> out = masking.headers(Map.of(
        "Authorization", List.of("Bearer abc"), "X-API-Key", List.of("k"),
        "api-key", List.of("k2"), "Cookie", List.of("s=1"), "Accept", List.of("a", "b")));
    assertThat(out).containsEntry("authorization", "***").containsEntry("x-api-key", "***")
        .containsEntry("api-key", "***").containsEntry("cookie", "***")
        .containsEntry("accept", "a, b");
  }

  @Test
  void secretJsonFieldsAreMaskedAtAnyDepthAndInAnySpelling() {
    String json = "{\"client_secret\":\"s1\",\"a\":{\"b\":[{\"cardNumber\":\"4111111111111111\","
        + "\"card_security_code\":\"123\",\"last4\":\"1111\"}]},\"privateKey\":\"p\","
        + "\"password\":\"pw\",\"secret\":{\"nested\":true},\"amount\":100}";
    JsonNode body = masking.body(json.getBytes(StandardCharsets.UTF_8), "application/json");
    assertThat(body.get("client_secret").asText()).isEqualTo("***");
    assertThat(body.at("/a/b/0/cardNumber").asText()).isEqualTo("***");
    assertThat(body.at("/a/b/0/card_security_code").asText()).isEqualTo("***");
    assertThat(body.at("/a/b/0/last4").asText()).isEqualTo("1111");
    assertThat(body.get("privateKey").asText()).isEqualTo("***");
    assertThat(body.get("password").asText()).isEqualTo("***");
    assertThat(body.get("secret").asText()).isEqualTo("***");
    assertThat(body.get("amount").asInt()).isEqualTo(100);
    assertThat(body.toString()).doesNotContain("4111111111111111");
  }

  @Test
  void formBodiesAndQueryStringsAreMaskedByName() {
    JsonNode form = masking.body("grant_type=client_credentials&client_secret=s%20x"
        .getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
    assertThat(form.asText()).isEqualTo("grant_type=client_credentials&client_secret=***");
    assertThat(masking.query("a=1&b=2")).isEqualTo("a=1&b=2");
    assertThat(masking.query("password=x&a=1")).doesNotContain("password=x");
  }

  @Test
  void nonJsonTextIsKeptAsText() {
    JsonNode body = masking.body("hello".getBytes(StandardCharsets.UTF_8), "text/plain");
    assertThat(body.isTextual()).isTrue();
    assertThat(body.asText()).isEqualTo("hello");
    assertThat(masking.body(new byte[0], "application/json")).isNull();
  }

  @Test
  void simulatorsCanAddFields() {
    Masking more = masking.withFields(List.of("pin"));
    JsonNode body = more.body("{\"PIN\":\"1234\"}".getBytes(StandardCharsets.UTF_8), null);
    assertThat(body.get("PIN").asText()).isEqualTo("***");
  }
}
