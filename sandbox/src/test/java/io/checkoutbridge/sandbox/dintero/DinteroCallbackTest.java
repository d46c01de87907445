package io.checkoutbridge.sandbox.dintero;

import static io.checkoutbridge.sandbox.dintero.DinteroFixture.CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.sandbox.CallbackReceiver;
import io.checkoutbridge.sandbox.CallbackReceiver.Received;
import io.checkoutbridge.sandbox.Fault;
import io.checkoutbridge.sandbox.FaultMode;
import io.checkoutbridge.sandbox.Faults;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.JournalEntry;
import io.checkoutbridge.sandbox.QueryStrings;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where each checked callback field comes from: the query ({@code transaction_id},
 * {@code session_id}, {@code merchant_reference}, {@code time}, {@code error}, {@code event},
 * {@code event_id}), the URL options ({@code method=POST}, {@code report_error},
 * {@code report_event} repeated with {@code CAPTURE}/{@code REFUND}/{@code VOID},
 * {@code delay_callback} of at most 60 seconds), the {@code event-delivery} header and the retry
 * rule (5xx, timeouts and connection errors, not 4xx): Dintero.Node.SDK
 * {@code src/generated/payments.d.ts}, {@code CallbackUrl} and {@code /examples/session_url_callback}.
 * {@code Dintero-Signature}: docs.dintero.com {@code /checkout-api/secrets/admin_signature_post} and
 * {@code /docs/checkout/validating-callbacks} (sorted query, spaces as {@code +}). A callback on
 * ON_HOLD and a second one when it is decided: payments.d.ts {@code SessionUrls.return_url} ("we
 * recommend that callback_url is used to receive the callback when the transaction changes status
 * from ON_HOLD"). Unverified, assumed by the sandbox: the number of attempts (Dintero retries 20
 * times; the fixture stops at 3) and the order of two events' callbacks.
 */
class DinteroCallbackTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final CallbackReceiver shop;
  private final DinteroFixture f = new DinteroFixture();

  DinteroCallbackTest() throws IOException {
    shop = new CallbackReceiver();
  }

  @AfterEach
  void close() {
    f.close();
    shop.close();
  }

  private String session(String reference, String callbackQuery) {
    return f.createSession(DinteroFixture.sessionBody(reference,
        shop.url() + "/dintero/callback" + callbackQuery));
  }

  private void idle() throws InterruptedException {
    assertThat(f.sandbox.callbacks().awaitIdle(WAIT)).isTrue();
  }

  private static Map<String, List<String>> query(Received r) {
    return QueryStrings.parse(r.uri().getRawQuery());
  }

  @Test
  void callbackIsAGetByDefaultWithDinterosParametersAndTheShopsOwn() throws Exception {
    String sessionId = session("ORD-1", "?shop=1");
    String tx = f.approve(sessionId);
    Received r = shop.await(1, WAIT).get(0);

    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.uri().getPath()).isEqualTo("/dintero/callback");
    Map<String, List<String>> q = query(r);
    assertThat(q.get("shop")).containsExactly("1");
    assertThat(q.get("transaction_id")).containsExactly(tx);
    assertThat(q.get("session_id")).containsExactly(sessionId);
    assertThat(q.get("merchant_reference")).containsExactly("ORD-1");
    assertThat(Instant.parse(q.get("time").get(0))).isNotNull();
    assertThat(r.header("event-delivery")).isNotBlank();
    assertThat(r.header("Dintero-Signature")).as("no secret yet, so no signature").isNull();
  }

  @Test
  void callbackIsAPostWithTheTransactionWhenTheUrlSaysMethodPost() throws Exception {
    String tx = f.approve(session("ORD-2", "?method=POST&includes=session"));
    Received r = shop.await(1, WAIT).get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode body = Json.parse(r.body().getBytes(StandardCharsets.UTF_8));
    assertThat(body.get("id").asText()).isEqualTo(tx);
    assertThat(body.get("status").asText()).isEqualTo("AUTHORIZED");
    assertThat(body.at("/session/order/merchant_reference").asText()).isEqualTo("ORD-2");
    assertThat(query(r).get("method")).containsExactly("POST");
  }

  @Test
  void signatureVerifiesWithAnIndependentComputation() throws Exception {
    SandboxResponse created = f.call(SandboxRequest.builder("POST", CHECKOUT + "/admin/signature")
        .header("x-api-key", DinteroSimulator.API_KEY));
    String secret = created.bodyJson().get("secret").asText();

    f.approve(session("ORD 3 with spaces", "?zeta=last&alpha=first%20word"));
    Received r = shop.await(1, WAIT).get(0);
    String header = r.header("Dintero-Signature");
    assertThat(header).matches("t=\\d+,v0-hmac-sha256=[0-9a-f]{64}");

    long t = Long.parseLong(header.substring(2, header.indexOf(',')));
    assertThat(Math.abs(t - f.clock.instant().getEpochSecond())).isLessThanOrEqualTo(1);
    String expected = "t=" + t + ",v0-hmac-sha256=" + hmac(secret, t + "\n"
        + DinteroSimulator.ACCOUNT_ID + "\nGET\n127.0.0.1\n/dintero/callback\n"
        + sortedQuery(r.uri().getRawQuery()));
    // The shop's URL carries "first%20word"; URLSearchParams, which Dintero's canonical query
    // follows, writes the space as "+", so a simulator signing "%20" fails the comparison below.
    assertThat(r.uri().getRawQuery()).contains("alpha=first%20word");
    assertThat(sortedQuery(r.uri().getRawQuery())).contains("alpha=first+word");
    assertThat(header).isEqualTo(expected);
  }

  @Test
  void presetSecretSignsFromTheStart() throws Exception {
    try (DinteroFixture preset = new DinteroFixture(
        b -> b.setting(DinteroSimulator.SETTING_SIGNATURE_SECRET, "preset-secret"))) {
      preset.approve(preset.createSession(DinteroFixture.sessionBody("ORD-4",
          shop.url() + "/cb?method=POST")));
      Received r = shop.await(1, WAIT).get(0);
      String header = r.header("Dintero-Signature");
      long t = Long.parseLong(header.substring(2, header.indexOf(',')));
      assertThat(header).endsWith(hmac("preset-secret", t + "\nT12345678\nPOST\n127.0.0.1\n/cb\n"
          + sortedQuery(r.uri().getRawQuery())));
    }
  }

  @Test
  void duplicateCallbackFaultDeliversTwice() throws Exception {
    f.sandbox.faults().add(Fault.of("dintero", Faults.CALLBACK, FaultMode.DUPLICATE));
    f.approve(session("ORD-5", ""));
    idle();
    List<Received> got = shop.received();
    assertThat(got).hasSize(2);
    assertThat(got.get(1).uri()).isEqualTo(got.get(0).uri());
    assertThat(got.get(1).header("event-delivery")).isEqualTo(got.get(0).header("event-delivery"));
    assertThat(f.sandbox.faults().active()).isEmpty();
  }

  @Test
  void callbackIsRetriedAfterA500() throws Exception {
    shop.answer(500);
    f.approve(session("ORD-6", ""));
    idle();
    assertThat(shop.received()).hasSize(2);
    List<JournalEntry> out = f.sandbox.journal().entries("dintero", JournalEntry.OUT, 0);
    assertThat(out).extracting(JournalEntry::status).containsExactly(500, 200);
    assertThat(out).extracting(JournalEntry::attempt).containsExactly(1, 2);
    assertThat(out.get(0).url()).startsWith(shop.url() + "/dintero/callback?");
  }

  @Test
  void a4xxAnswerIsNotRetried() throws Exception {
    shop.answer(400);
    f.approve(session("ORD-7", ""));
    idle();
    assertThat(shop.received()).hasSize(1);
  }

  @Test
  void unreachableEndpointIsRetriedThenGivenUp() throws Exception {
    String dead = "http://127.0.0.1:" + freePort() + "/cb";
    f.approve(f.createSession(DinteroFixture.sessionBody("ORD-8", dead)));
    idle();
    List<JournalEntry> out = f.sandbox.journal().entries("dintero", JournalEntry.OUT, 0);
    assertThat(out).hasSize(3); // maxAttempts in the fixture
    assertThat(out).allSatisfy(e -> {
      assertThat(e.status()).isNull();
      assertThat(e.error()).isNotBlank();
    });
  }

  @Test
  void droppedCallbackIsJournalledButNeverSent() throws Exception {
    f.sandbox.faults().add(Fault.of("dintero", Faults.CALLBACK, FaultMode.DROP));
    f.approve(session("ORD-9", ""));
    idle();
    Thread.sleep(100);
    assertThat(shop.received()).isEmpty();
    List<JournalEntry> out = f.sandbox.journal().entries("dintero", JournalEntry.OUT, 0);
    assertThat(out).singleElement().satisfies(e -> {
      assertThat(e.fault()).isEqualTo("drop");
      assertThat(e.status()).isNull();
    });
  }

  @Test
  void lateCallbackArrivesAfterTheDelay() throws Exception {
    f.sandbox.faults().add(Fault.of("dintero", Faults.CALLBACK, FaultMode.LATE).withDelayMs(400));
    long start = System.nanoTime();
    f.approve(session("ORD-10", ""));
    Received r = shop.await(1, WAIT).get(0);
    assertThat(Duration.ofNanos(r.receivedAtNanos() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(400));
  }

  @Test
  void outOfOrderCallbackIsDeliveredAfterTheNextOne() throws Exception {
    f.sandbox.faults().add(Fault.of("dintero", Faults.CALLBACK, FaultMode.OUT_OF_ORDER)
        .withDelayMs(10_000));
    f.approve(session("FIRST", ""));
    Thread.sleep(150);
    assertThat(shop.received()).as("held back").isEmpty();
    f.approve(session("SECOND", ""));
    idle();
    assertThat(shop.received()).extracting(r -> query(r).get("merchant_reference").get(0))
        .containsExactly("SECOND", "FIRST");
  }

  @Test
  void outOfOrderCallbackWithNoSuccessorIsDeliveredAfterTheDelay() throws Exception {
    f.sandbox.faults().add(Fault.of("dintero", Faults.CALLBACK, FaultMode.OUT_OF_ORDER)
        .withDelayMs(200));
    f.approve(session("ALONE", ""));
    assertThat(shop.await(1, WAIT)).hasSize(1);
  }

  @Test
  void heldPaymentGetsASecondCallbackWhenDecided() throws Exception {
    String sessionId = session("ORD-11", "?method=POST");
    f.pay(sessionId, "hold");
    Received first = shop.await(1, WAIT).get(0);
    assertThat(Json.parse(first.body().getBytes(StandardCharsets.UTF_8)).get("status").asText())
        .isEqualTo("ON_HOLD");
    f.call(SandboxRequest.builder("POST", "/dintero/pay/" + sessionId + "/decide")
        .form("action", "approve"));
    Received second = shop.await(2, WAIT).get(1);
    assertThat(Json.parse(second.body().getBytes(StandardCharsets.UTF_8)).get("status").asText())
        .isEqualTo("AUTHORIZED");
    assertThat(query(second).get("transaction_id")).isEqualTo(query(first).get("transaction_id"));
  }

  @Test
  void declineIsReportedOnlyWithReportError() throws Exception {
    f.pay(session("QUIET", ""), "decline");
    idle();
    assertThat(shop.received()).isEmpty();

    f.pay(session("LOUD", "?report_error=true&sid_parameter_name=sid"), "decline");
    Received r = shop.await(1, WAIT).get(0);
    Map<String, List<String>> q = query(r);
    assertThat(q.get("error")).containsExactly("authorization");
    assertThat(q.get("merchant_reference")).containsExactly("LOUD");
    assertThat(q).containsKey("sid").doesNotContainKeys("transaction_id", "session_id");
  }

  @Test
  void captureIsReportedWhenReportEventAsksForIt() throws Exception {
    String tx = f.approve(session("ORD-12", "?report_event=CAPTURE"));
    shop.await(1, WAIT);
    f.capture(tx, Json.object().put("amount", 100));
    f.refund(tx, Json.object().put("amount", 100)); // REFUND not asked for
    idle();
    List<Received> got = shop.received();
    assertThat(got).hasSize(2);
    Map<String, List<String>> q = query(got.get(1));
    assertThat(q.get("event")).containsExactly("CAPTURE");
    assertThat(q.get("event_id").get(0)).isNotBlank();
    assertThat(q.get("transaction_id")).containsExactly(tx);
  }

  @Test
  void captureInTheBackOfficeIsReportedLikeAnApiCaptureAndChangesTheTransaction() throws Exception {
    // The callback URL the WooCommerce plugin registers (class-dintero-checkout-callback.php).
    String tx = f.approve(session("ORD-14",
        "?report_error=true&report_event=CAPTURE&report_event=REFUND&report_event=VOID"));
    shop.await(1, WAIT);

    SandboxResponse captured = f.backOffice(tx, "capture", 20000L);
    SandboxResponse refunded = f.backOffice(tx, "refund", 5000L);

    assertThat(captured.status()).isEqualTo(303);
    assertThat(refunded.status()).isEqualTo(303);
    List<Received> got = shop.await(3, WAIT);
    // Each event's callback is sent on its own, so they may arrive in either order, as from Dintero.
    List<Map<String, List<String>>> events = got.subList(1, 3).stream().map(DinteroCallbackTest::query).toList();
    assertThat(events).extracting(q -> q.get("event")).containsExactlyInAnyOrder(List.of("CAPTURE"), List.of("REFUND"));
    assertThat(events).allSatisfy(q -> assertThat(q.get("transaction_id")).containsExactly(tx));
    JsonNode after = f.transaction(tx);
    assertThat(after.get("status").asText()).isEqualTo("PARTIALLY_CAPTURED_REFUNDED");
    assertThat(after.at("/events/1/created_by").asText()).isEqualTo(BackOffice.ACTOR);
    assertThat(after.at("/events/1/amount").asLong()).isEqualTo(20000);
  }

  @Test
  void backOfficeRefusesWhatTheApiRefuses() throws Exception {
    String tx = f.approve(session("ORD-15", "?report_event=CAPTURE"));
    shop.await(1, WAIT);

    SandboxResponse tooMuch = f.backOffice(tx, "capture", 10_000_000L);
    SandboxResponse noAmount = f.backOffice(tx, "capture", null);

    assertThat(tooMuch.status()).isEqualTo(400);
    assertThat(noAmount.status()).isEqualTo(400);
    idle();
    assertThat(shop.received()).hasSize(1);
    assertThat(f.transaction(tx).get("status").asText()).isEqualTo("AUTHORIZED");
  }

  @Test
  void delayCallbackIsHonouredUpToTheConfiguredMaximum() throws Exception {
    try (DinteroFixture capped = new DinteroFixture(
        b -> b.setting(DinteroSimulator.SETTING_MAX_CALLBACK_DELAY, "0"))) {
      long start = System.nanoTime();
      capped.approve(capped.createSession(DinteroFixture.sessionBody("ORD-13",
          shop.url() + "/cb?delay_callback=120")));
      Received r = shop.await(1, WAIT).get(0);
      assertThat(Duration.ofNanos(r.receivedAtNanos() - start)).isLessThan(Duration.ofSeconds(3));
    }
  }

  // ---- an independent implementation of Dintero's documented verification ----

  private static String sortedQuery(String rawQuery) {
    List<String[]> pairs = new ArrayList<>();
    for (String part : rawQuery.split("&")) {
      String[] kv = part.split("=", 2);
      pairs.add(new String[] {URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8)});
    }
    pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder out = new StringBuilder();
    for (String[] p : pairs) {
      out.append(out.length() == 0 ? "" : "&")
          .append(URLEncoder.encode(p[0], StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(p[1], StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static String hmac(String secret, String payload) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
