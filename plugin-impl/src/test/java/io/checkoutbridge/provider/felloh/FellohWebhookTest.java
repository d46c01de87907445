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

  /** The JDK's own HMAC, not the adapter's: the OpenSSL vector below pins that both agree with the real thing. */
  private static String sign(String secret, byte[] body) {
    try {
      javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
      mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static CallbackRequest callback(byte[] body, Map<String, List<String>> headers) {
    return new CallbackRequest("POST", URI.create("https://shop.example.com/payments/callback/felloh"), headers,
        Map.of(), body);
  }

  private static byte[] body() {
    return fixture("webhook-transaction-complete.json").getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Computed outside this code, with OpenSSL 3:
   * {@code openssl dgst -sha256 -hmac whsec-felloh-test-secret fixtures/felloh/webhook-signed-by-openssl.json}
   * (the file holds the body exactly, without a final newline; the same as
   * {@code printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret"}). Felloh's node-sdk
   * {@code src/webhooks.ts} signs the same way: {@code createHmac('sha256', secret).update(payload).digest('hex')}.
   */
  static final String OPENSSL_SIGNATURE = "76a497444990957af4d1514617b8d32ee08e1a2910dce1237f5ce3d9a29b8072";

  @Test
  void signatureComputedByOpensslIsAcceptedAndNamesThePaymentLink() throws Exception {
    byte[] body = fixture("webhook-signed-by-openssl.json").getBytes(StandardCharsets.UTF_8);

    CallbackVerification verified = provider.verifyCallback(
        callback(body, Map.of("X-Signature", List.of(OPENSSL_SIGNATURE))));

    assertThat(verified.paymentReference()).isEqualTo("9f1c1e55-6f7a-4b8e-8a0e-3c5d2b7a1f42");
  }

  @Test
  void opensslSignatureOfAnotherSecretIsRefused() {
    byte[] body = fixture("webhook-signed-by-openssl.json").getBytes(StandardCharsets.UTF_8);
    FellohSettings base = FellohFixtures.settings(server);
    FellohProvider other = new FellohProvider(new FellohSettings(true, base.publicKey(), base.privateKey(),
        base.organisation(), base.baseUrl(), base.payUrl(), base.linkUrl(), "another-webhook-secret", true, true,
        List.of(), List.of(), false, base.sessionExpiry(), base.checkoutMode()), FellohFixtures.http(),
        java.time.Clock.systemUTC());

    assertThatThrownBy(() -> other.verifyCallback(callback(body, Map.of("X-Signature", List.of(OPENSSL_SIGNATURE)))))
        .isInstanceOf(SignatureException.class);
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
