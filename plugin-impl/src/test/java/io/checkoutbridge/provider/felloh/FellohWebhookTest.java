package io.checkoutbridge.provider.felloh;

import static io.checkoutbridge.provider.felloh.FellohFixtures.WEBHOOK_SECRET;
import static io.checkoutbridge.provider.felloh.FellohFixtures.fixture;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FellohWebhookTest {
  private final MockWebServer server = new MockWebServer();
  private FellohProvider provider;

  @BeforeEach
  void start() throws Exception {
    server.start();
    provider = FellohFixtures.provider(server);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String sign(String secret, byte[] body) {
    return HexFormat.of().formatHex(FellohWebhooks.hmac(secret, body));
  }

  private static CallbackRequest callback(byte[] body, Map<String, List<String>> headers) {
    return new CallbackRequest("POST", URI.create("https://shop.example.com/payments/callback/felloh"), headers,
        Map.of(), body);
  }

  private static byte[] body() {
    return fixture("webhook-transaction-complete.json").getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void signedWebhookIsAcceptedWithADigestOfTheBodyAsDedupeKey() throws Exception {
    byte[] body = body();

    CallbackVerification verified = provider.verifyCallback(
        callback(body, Map.of("X-Signature", List.of(sign(WEBHOOK_SECRET, body)))));

    assertThat(verified.dedupeKey()).matches("felloh:[0-9a-f]{64}");
    assertThat(verified.description()).isEqualTo("transaction.complete for b5e1bd24-7379-4d27-b4d8-07120fefc25c");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void redeliveryOfTheSameBodyHasTheSameDedupeKeyAndAnotherBodyAnother() throws Exception {
    byte[] body = body();
    byte[] other = "{\"event\":\"transaction.declined\",\"data\":{\"id\":\"x\"}}".getBytes(StandardCharsets.UTF_8);

    String first = provider.verifyCallback(callback(body, Map.of("x-signature", List.of(sign(WEBHOOK_SECRET, body))))).dedupeKey();
    String again = provider.verifyCallback(callback(body, Map.of("x-signature", List.of(sign(WEBHOOK_SECRET, body))))).dedupeKey();
    String another = provider.verifyCallback(callback(other, Map.of("x-signature", List.of(sign(WEBHOOK_SECRET, other))))).dedupeKey();

    assertThat(again).isEqualTo(first);
    assertThat(another).isNotEqualTo(first);
  }

  @Test
  void upperCaseHexSignatureIsAccepted() throws Exception {
    byte[] body = body();

    provider.verifyCallback(callback(body, Map.of("x-signature", List.of(sign(WEBHOOK_SECRET, body).toUpperCase(Locale.ROOT)))));
  }

  @Test
  void forgedSignatureIsRejected() {
    byte[] body = body();

    assertThatThrownBy(() -> provider.verifyCallback(
        callback(body, Map.of("x-signature", List.of(sign("someone-elses-secret", body))))))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("does not match")
        .hasMessageNotContaining(WEBHOOK_SECRET);
  }

  @Test
  void tamperedBodyIsRejected() {
    byte[] body = body();
    String signature = sign(WEBHOOK_SECRET, body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("12345", "1").getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> provider.verifyCallback(callback(tampered, Map.of("x-signature", List.of(signature)))))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void missingSignatureIsRejected() {
    assertThatThrownBy(() -> provider.verifyCallback(callback(body(), Map.of())))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("x-signature");
  }

  @Test
  void signatureThatIsNotHexIsRejected() {
    assertThatThrownBy(() -> provider.verifyCallback(callback(body(), Map.of("x-signature", List.of("not-a-digest")))))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void truncatedSignatureIsRejected() {
    byte[] body = body();
    String signature = sign(WEBHOOK_SECRET, body).substring(0, 32);

    assertThatThrownBy(() -> provider.verifyCallback(callback(body, Map.of("x-signature", List.of(signature)))))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void signedBodyThatIsNotJsonIsStillVerifiedAndNamedPlainly() throws Exception {
    byte[] body = "ping".getBytes(StandardCharsets.UTF_8);

    CallbackVerification verified = provider.verifyCallback(callback(body, Map.of("x-signature", List.of(sign(WEBHOOK_SECRET, body)))));

    assertThat(verified.description()).isEqualTo("Felloh webhook");
  }
}
