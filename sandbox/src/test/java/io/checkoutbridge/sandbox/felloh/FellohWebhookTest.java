package io.checkoutbridge.sandbox.felloh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.sandbox.CallbackReceiver;
import io.checkoutbridge.sandbox.CallbackReceiver.Received;
import io.checkoutbridge.sandbox.Fault;
import io.checkoutbridge.sandbox.FaultMode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FellohWebhookTest {
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String SECRET = "whsec-sandbox-test";

  private final CallbackReceiver shop;
  private final FellohFixture f;

  FellohWebhookTest() throws IOException {
    shop = new CallbackReceiver();
    f = new FellohFixture(b -> b.setting(FellohSimulator.SETTING_WEBHOOK_URL, shop.url() + "/payments/callback/felloh")
        .setting(FellohSimulator.SETTING_WEBHOOK_SECRET, SECRET));
  }

  @AfterEach
  void close() {
    f.close();
    shop.close();
  }

  private void idle() throws InterruptedException {
    assertThat(f.sandbox.callbacks().awaitIdle(WAIT)).isTrue();
  }

  @Test
  void paymentIsAnnouncedWithASignedWebhook() throws Exception {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(12345, false)), "card");

    Received r = shop.await(1, WAIT).get(0);

    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.uri().getPath()).isEqualTo("/payments/callback/felloh");
    assertThat(r.header("content-type")).startsWith("application/json");
    assertThat(r.header("x-signature"))
        .isEqualTo(FellohWebhooks.sign(SECRET, r.body().getBytes(StandardCharsets.UTF_8)));
    JsonNode body = Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(body.path("event").asText()).isEqualTo("transaction.complete");
    assertThat(body.path("data").path("id").asText()).isEqualTo(tx);
    assertThat(body.path("data").path("status").asText()).isEqualTo("COMPLETE");
  }

  /**
   * The signature vector computed outside this code, with OpenSSL 3:
   * {@code openssl dgst -sha256 -hmac whsec-felloh-test-secret fixtures/felloh/webhook-signed-by-openssl.json}
   * (the body without a final newline, as {@code printf '%s' "$body" | openssl dgst -sha256 -hmac "$secret"}).
   * The adapter's FellohWebhookTest checks the same file against the same value.
   */
  @Test
  void signatureMatchesTheOneOpensslComputedForTheSameBody() throws IOException {
    byte[] body;
    try (var in = FellohWebhookTest.class.getResourceAsStream("/fixtures/felloh/webhook-signed-by-openssl.json")) {
      body = in.readAllBytes();
    }

    assertThat(FellohWebhooks.sign("whsec-felloh-test-secret", body))
        .isEqualTo("76a497444990957af4d1514617b8d32ee08e1a2910dce1237f5ce3d9a29b8072");
  }

  @Test
  void everyStepOfAPreAuthorisationAndRefundIsAnnounced() throws Exception {
    f.settings(Json.object().put("refund_approval_above", 1000));
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(5000, true)), "card");
    f.data(f.call(f.get("/agent/transactions/" + tx + "/complete")));
    f.data(f.refund(tx, 2000));
    String code = f.refundsOf(tx).get(0).path("authorisation_code").asText();
    f.data(f.call(f.get("/agent/refunds/" + code + "/authorise")));
    idle();

    List<String> events = shop.await(4, WAIT).stream()
        .map(r -> Json.parse(r.body().getBytes(StandardCharsets.UTF_8)).path("event").asText()).toList();
    assertThat(events).containsExactlyInAnyOrder("transaction.authorised", "transaction.complete",
        "refund.pending_authorisation", "refund.complete");
  }

  @Test
  void withoutAWebhookUrlNothingIsSent() throws Exception {
    f.settings(Json.object().putNull("webhook_url"));

    f.paid(f.createSession(FellohFixture.sessionBody(100, false)), "card");
    idle();

    assertThat(shop.received()).isEmpty();
  }

  @Test
  void webhookUrlAndSecretCanBeChangedAtRunTime() throws Exception {
    SandboxResponse r = f.settings(Json.object().put("webhook_url", shop.url() + "/other").put("webhook_secret", "new-secret"));
    assertThat(r.bodyJson().path("webhook_url").asText()).endsWith("/other");
    assertThat(r.bodyJson().has("webhook_secret")).isFalse();

    f.paid(f.createSession(FellohFixture.sessionBody(100, false)), "card");

    Received received = shop.await(1, WAIT).get(0);
    assertThat(received.uri().getPath()).isEqualTo("/other");
    assertThat(received.header("x-signature"))
        .isEqualTo(FellohWebhooks.sign("new-secret", received.body().getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void duplicateFaultDeliversTheSameSignedBodyTwice() throws Exception {
    f.sandbox.faults().add(new Fault("felloh", "callback", FaultMode.DUPLICATE, 1, 503, 0));

    f.paid(f.createSession(FellohFixture.sessionBody(100, false)), "card");

    List<Received> both = shop.await(2, WAIT);
    assertThat(both.get(1).body()).isEqualTo(both.get(0).body());
    assertThat(both.get(1).header("x-signature")).isEqualTo(both.get(0).header("x-signature"));
  }

  @Test
  void refusedWebhookIsRetried() throws Exception {
    shop.answer(500);

    f.paid(f.createSession(FellohFixture.sessionBody(100, false)), "card");

    assertThat(shop.await(2, WAIT)).hasSize(2);
  }

  @Test
  void scriptedErrorOnRefundAnswersInFellohsShapeAndMovesNoMoney() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(9000, false)), "card");
    f.sandbox.faults().add(new Fault("felloh", "refund", FaultMode.ERROR, 1, 503, 0));

    SandboxResponse r = f.refund(tx, 1000);

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.bodyJson().path("errors").get(0).path("code").asText()).isEqualTo("sandbox_fault");
    assertThat(f.refundsOf(tx)).isEmpty();
  }
}
