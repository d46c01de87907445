package io.checkoutbridge.sandbox.hokodo;

import static io.checkoutbridge.sandbox.hokodo.HokodoFixture.ACME;
import static io.checkoutbridge.sandbox.hokodo.HokodoFixture.DECLINED;
import static io.checkoutbridge.sandbox.hokodo.HokodoFixture.REVIEW;
import static io.checkoutbridge.sandbox.hokodo.HokodoFixture.V1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.sandbox.CallbackReceiver;
import io.checkoutbridge.sandbox.CallbackReceiver.Received;
import io.checkoutbridge.sandbox.Fault;
import io.checkoutbridge.sandbox.FaultMode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.JournalEntry;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where each checked field comes from (Hokodo's Magento plugin unless said otherwise).
 * <ul>
 *   <li>Deferred payment {@code number} ({@code P-7WR2-PR0S}), {@code order}, {@code payment_plan},
 *       {@code status}, {@code authorisation}, {@code protected_captures}, {@code refunds},
 *       {@code voided_authorisation}: {@code Test/Integration/Gateway/Service/DeferredPaymentTest.php};
 *       statuses {@code accepted}, {@code pending_review}, {@code rejected}:
 *       {@code Api/Data/DeferredPaymentInterface.php}; the order's {@code deferred_payment}:
 *       {@code Api/Data/OrderInterface.php} (as an id or expanded is unverified).</li>
 *   <li>Notification: a POST to the offer's {@code urls.notification} (seed 000) with
 *       {@code created} and {@code data} (the plugin's {@code etc/webapi.xml}
 *       {@code /V1/deferredpayment/update} → {@code DeferredPaymentProcessorInterface::process($created,
 *       $data)}); retries while the shop fails are unverified.</li>
 *   <li>The SDK stand-in: {@code Hokodo(config.key, config.sdkConfig)}
 *       ({@code view/frontend/web/js/sdk/core.js}), {@code elements()} and
 *       {@code create("checkout", {paymentOffer, …})} ({@code bnpl-sdk.js}; seed 000 "Non-API:
 *       Checkout").</li>
 *   <li>Post-sale {@code capture}, {@code capture_remaining}, {@code refund}, {@code void},
 *       {@code void_remaining} at {@code payment/deferred_payments/:payment_id/:type}
 *       ({@code etc/di.xml}, {@code Api/Data/Gateway/DeferredPaymentsPostSaleActionInterface.php});
 *       PUT with {@code amount}: seed 000 "Post-sale". The idempotency key, the fault's error body
 *       and the plan page's layout are the sandbox's assumptions, unverified.</li>
 * </ul>
 */
class HokodoPaymentFlowTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  private final HokodoFixture f = new HokodoFixture();
  private final CallbackReceiver shop;

  HokodoPaymentFlowTest() throws IOException {
    shop = new CallbackReceiver();
    f.notificationUrl = shop.url() + "/payments/callback/hokodo?pid=p1&seal=s3al";
  }

  @AfterEach
  void close() {
    f.close();
    shop.close();
  }

  private void idle() throws InterruptedException {
    assertThat(f.sandbox.callbacks().awaitIdle(WAIT)).isTrue();
  }

  private static JsonNode json(Received r) {
    return Json.parse(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void acceptingAPlanMakesAnAcceptedDeferredPaymentAndNotifiesTheShop() throws Exception {
    JsonNode offer = f.offerFor(ACME, 12500);

    SandboxResponse redirect = f.pay(offer, "accept");

    assertThat(redirect.header("Location")).hasValue("https://shop.example/return?pid=p1&outcome=success");
    String id = f.deferredPaymentId(offer);
    JsonNode dp = f.deferredPayment(id);
    assertThat(dp.get("status").asText()).isEqualTo("accepted");
    assertThat(dp.get("authorisation").asLong()).isEqualTo(12500);
    assertThat(dp.get("number").asText()).matches("P-[A-Z0-9]{4}-[A-Z0-9]{4}");
    assertThat(dp.get("order").asText()).isEqualTo(offer.get("order").asText());
    assertThat(dp.get("payment_plan").asText()).isEqualTo(offer.get("offered_payment_plans").get(0).get("id").asText());

    List<Received> received = shop.await(1, WAIT);
    Received notification = received.get(0);
    assertThat(notification.method()).isEqualTo("POST");
    assertThat(notification.uri().getRawQuery()).isEqualTo("pid=p1&seal=s3al");
    assertThat(notification.header("authorization")).isNull();
    JsonNode body = json(notification);
    assertThat(body.get("created").asText()).isNotBlank();
    JsonNode order = body.get("data").get("order");
    assertThat(order.get("id").asText()).isEqualTo(offer.get("order").asText());
    assertThat(order.get("unique_id").asText()).isEqualTo("ORD-1001");
    assertThat(order.get("deferred_payment").toString()).isEqualTo("{\"id\":\"" + id + "\",\"number\":\""
        + dp.get("number").asText() + "\",\"status\":\"accepted\"}");
  }

  @Test
  void theOrderShowsItsDeferredPaymentAsAnIdOrExpanded() {
    JsonNode offer = f.offerFor(ACME, 12500);
    f.pay(offer, "accept");
    String path = V1 + "/payment/orders/" + offer.get("order").asText();

    JsonNode plain = f.ok(f.get(path));
    JsonNode expanded = f.ok(f.call(HokodoFixture.authed("GET", path).query("expand", "deferred_payment")));

    assertThat(plain.get("deferred_payment").isTextual()).isTrue();
    assertThat(expanded.get("deferred_payment").get("status").asText()).isEqualTo("accepted");
  }

  @Test
  void repeatedSubmitOfThePlanPageLandsOnTheFirstRedirect() {
    JsonNode offer = f.offerFor(ACME, 12500);
    String first = f.pay(offer, "accept").header("Location").orElseThrow();

    String second = f.pay(offer, "reject").header("Location").orElseThrow();

    assertThat(second).isEqualTo(first);
    assertThat(f.deferredPayment(f.deferredPaymentId(offer)).get("status").asText()).isEqualTo("accepted");
  }

  @Test
  void planPageShowsAmountsAsTheShopperReadsThem() {
    JsonNode offer = f.offerFor(ACME, 5395);
    String url = offer.get("offered_payment_plans").get(0).get("payment_url").asText();

    SandboxResponse page = f.call(SandboxRequest.builder("GET", url.substring(url.indexOf("/hokodo/"))));

    // The order's item is 5395 pence: shown as 53.95 GBP beside the total, never as "5395".
    assertThat(page.bodyText()).contains("<td class=\"num\">1</td>")
        .contains("<td class=\"num\">53.95 GBP</td>").doesNotContain(">5395<");
    assertThat(HokodoPages.major(Json.parse("62.5".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "GBP")).isEqualTo("0.625 GBP");
    assertThat(HokodoPages.major(Json.parse("4900".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "GBP")).isEqualTo("49.00 GBP");
    assertThat(HokodoPages.major(Json.parse("3000".getBytes(java.nio.charset.StandardCharsets.UTF_8)), "JPY")).isEqualTo("3000 JPY");
  }

  @Test
  void checkoutElementsDecisionIsAnsweredAsJsonForTheElement() throws Exception {
    JsonNode offer = f.offerFor(ACME, 12500);
    String url = offer.get("offered_payment_plans").get(0).get("payment_url").asText();

    SandboxResponse answer = f.call(SandboxRequest.builder("POST", url.substring(url.indexOf("/hokodo/")))
        .json(Json.object().put("action", "accept")));

    assertThat(answer.status()).as(answer.bodyText()).isEqualTo(200);
    assertThat(answer.bodyJson().get("status").asText()).isEqualTo("accepted");
    assertThat(answer.bodyJson().get("deferred_payment").asText()).isEqualTo(f.deferredPaymentId(offer));
    assertThat(answer.bodyJson().get("redirect").asText()).isEqualTo("https://shop.example/return?pid=p1&outcome=success");
    assertThat(json(shop.await(1, WAIT).get(0)).at("/data/order/deferred_payment/status").asText()).isEqualTo("accepted");
  }

  @Test
  void sdkStandInIsServedWhereTheSdkUrlPoints() {
    SandboxResponse script = f.call(SandboxRequest.builder("GET", "/hokodo/js/hokodo-js/v1/"));

    assertThat(script.status()).isEqualTo(200);
    assertThat(script.contentType()).startsWith("text/javascript");
    // The calls Hokodo's Magento plugin makes (sdk/core.js, bnpl-sdk.js), and the offer-object check.
    assertThat(script.bodyText()).contains("window.Hokodo = function (sdkKey, config)")
        .contains("create: function (type, options)").contains("paymentOffer must be the offer object")
        .contains("'success'").contains("'failure'");
  }

  @Test
  void rejectingAPlanMakesARejectedDeferredPayment() throws Exception {
    JsonNode offer = f.offerFor(ACME, 12500);

    SandboxResponse redirect = f.pay(offer, "reject");

    assertThat(redirect.header("Location")).hasValue("https://shop.example/return?pid=p1&outcome=failure");
    JsonNode dp = f.deferredPayment(f.deferredPaymentId(offer));
    assertThat(dp.get("status").asText()).isEqualTo("rejected");
    assertThat(dp.get("authorisation").asLong()).isZero();
    assertThat(json(shop.await(1, WAIT).get(0)).at("/data/order/deferred_payment/status").asText()).isEqualTo("rejected");
  }

  @Test
  void cancellingLeavesNoDeferredPaymentAndSendsNothing() throws Exception {
    JsonNode offer = f.offerFor(ACME, 12500);

    SandboxResponse redirect = f.pay(offer, "cancel");

    assertThat(redirect.header("Location").orElseThrow()).contains("outcome=cancel");
    assertThat(f.ok(f.get(V1 + "/payment/orders/" + offer.get("order").asText())).get("deferred_payment").isNull()).isTrue();
    idle();
    assertThat(shop.received()).isEmpty();
  }

  @Test
  void declinedPersonaGetsOnlyDeclinedPlansWithAReason() {
    JsonNode offer = f.offerFor(DECLINED, 12500);

    for (JsonNode plan : offer.get("offered_payment_plans")) {
      assertThat(plan.get("status").asText()).isEqualTo("declined");
      assertThat(plan.get("rejection_reason").get("code").asText()).isEqualTo("buyer-credit-limit");
    }
    String url = offer.get("offered_payment_plans").get(0).get("payment_url").asText();
    SandboxResponse page = f.call(SandboxRequest.builder("GET", url.substring(url.indexOf("/hokodo/"))));
    assertThat(page.bodyText()).contains("This plan is declined.").doesNotContain("id=\"accept\"");
  }

  @Test
  void plansExpireAfterTheirValidity() {
    JsonNode offer = f.offerFor(ACME, 12500);
    f.clock.advance(Duration.ofDays(2));

    String url = offer.get("offered_payment_plans").get(0).get("payment_url").asText();
    SandboxResponse r = f.call(SandboxRequest.builder("POST", url.substring(url.indexOf("/hokodo/"))).form("action", "accept"));

    assertThat(r.status()).isEqualTo(409);
    JsonNode again = f.ok(f.get(V1 + "/payment/offers/" + offer.get("id").asText()));
    assertThat(again.get("offered_payment_plans").get(0).get("status").asText()).isEqualTo("expired");
  }

  @Test
  void reviewPersonaWaitsForTheReviewDeskThenIsAccepted() throws Exception {
    JsonNode offer = f.offerFor(REVIEW, 12500);
    f.pay(offer, "accept");
    String id = f.deferredPaymentId(offer);
    assertThat(f.deferredPayment(id).get("status").asText()).isEqualTo("pending_review");
    SandboxResponse refused = f.postSale(id, "capture", Json.object().put("amount", 100), null);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.bodyJson().get("non_field_errors").get(0).asText()).contains("pending_review");

    SandboxResponse desk = f.call(SandboxRequest.builder("GET", "/hokodo/review/" + id));
    assertThat(desk.bodyText()).contains("id=\"accept\"");
    SandboxResponse decided = f.call(SandboxRequest.builder("POST", "/hokodo/review/" + id).json("{\"action\":\"accept\"}"));

    assertThat(decided.status()).isEqualTo(200);
    assertThat(decided.bodyJson().get("status").asText()).isEqualTo("accepted");
    List<Received> received = shop.await(2, WAIT);
    assertThat(received).extracting(r -> json(r).at("/data/order/deferred_payment/status").asText())
        .containsExactlyInAnyOrder("pending_review", "accepted"); // delivered concurrently, as Hokodo may
    SandboxResponse twice = f.call(SandboxRequest.builder("POST", "/hokodo/review/" + id).form("action", "reject"));
    assertThat(twice.status()).isEqualTo(409);
  }

  @Test
  void partialCaptureThenCaptureRemainingFollowsHokodosLedger() throws Exception {
    String id = f.acceptedDeferredPayment(12500);

    JsonNode first = f.ok(f.postSale(id, "capture", Json.object().put("amount", 5000), "k-1"));
    JsonNode part = f.deferredPayment(id);
    JsonNode rest = f.ok(f.postSale(id, "capture_remaining", Json.object().put("amount", 7500), "k-2"));
    JsonNode done = f.deferredPayment(id);

    assertThat(first.get("type").asText()).isEqualTo("capture");
    assertThat(first.get("changes").toString()).isEqualTo("{\"authorisation\":-5000,\"protected_captures\":5000,"
        + "\"unprotected_captures\":0,\"refunds\":0,\"voided_authorisation\":0,\"expired_authorisation\":0}");
    assertThat(part.get("status").asText()).isEqualTo("part_captured");
    assertThat(part.get("authorisation").asLong()).isEqualTo(7500);
    assertThat(rest.get("amount").asLong()).isEqualTo(7500);
    assertThat(done.get("status").asText()).isEqualTo("captured");
    assertThat(done.get("protected_captures").asLong()).isEqualTo(12500);
    assertThat(done.get("authorisation").asLong()).isZero();
    List<Received> received = shop.await(3, WAIT);
    assertThat(received).extracting(r -> json(r).at("/data/order/deferred_payment/status").asText())
        .containsExactlyInAnyOrder("accepted", "part_captured", "captured");
  }

  @Test
  void overCaptureOverRefundAndAWrongRemainderAreRefused() {
    String id = f.acceptedDeferredPayment(12500);

    SandboxResponse over = f.postSale(id, "capture", Json.object().put("amount", 20000), null);
    SandboxResponse earlyRefund = f.postSale(id, "refund", Json.object().put("amount", 1), null);
    SandboxResponse wrongRest = f.postSale(id, "capture_remaining", Json.object().put("amount", 100), null);
    SandboxResponse notInteger = f.postSale(id, "capture", Json.object().put("amount", new java.math.BigDecimal("10.5")), null);

    assertThat(over.status()).isEqualTo(400);
    assertThat(over.bodyJson().toString())
        .isEqualTo("{\"amount\":[\"Capture amount 20000 exceeds the remaining authorisation 12500.\"]}");
    assertThat(earlyRefund.bodyJson().get("amount").get(0).asText()).contains("exceeds the captured amount");
    assertThat(wrongRest.bodyJson().get("amount").get(0).asText()).isEqualTo("The remaining authorisation is 12500, not 100.");
    assertThat(notInteger.bodyJson().get("amount").get(0).asText()).isEqualTo("A valid integer is required.");
    assertThat(f.deferredPayment(id).get("authorisation").asLong()).isEqualTo(12500);
  }

  @Test
  void refundAfterCaptureIsRecordedInTheLedger() {
    String id = f.acceptedDeferredPayment(12500);
    f.ok(f.postSale(id, "capture", Json.object().put("amount", 12500), null));

    JsonNode refund = f.ok(f.postSale(id, "refund", Json.object().put("amount", 2500), null));
    SandboxResponse tooMuch = f.postSale(id, "refund", Json.object().put("amount", 10001), null);

    assertThat(refund.get("changes").get("refunds").asLong()).isEqualTo(2500);
    assertThat(tooMuch.status()).isEqualTo(400);
    JsonNode dp = f.deferredPayment(id);
    assertThat(dp.get("refunds").asLong()).isEqualTo(2500);
    assertThat(dp.get("repayment_info").get("outstanding_amount").asLong()).isEqualTo(10000);
  }

  @Test
  void voidBeforeCaptureAndVoidRemainingAfterOne() {
    String whole = f.acceptedDeferredPayment(12500);
    String part = f.acceptedDeferredPayment(12500);

    f.ok(f.postSale(whole, "void_remaining", Json.object(), null));
    f.ok(f.postSale(part, "capture", Json.object().put("amount", 10000), null));
    f.ok(f.postSale(part, "void", Json.object().put("amount", 500), null));
    JsonNode rest = f.ok(f.postSale(part, "void_remaining", Json.object().putObject("metadata"), null));
    SandboxResponse nothingLeft = f.postSale(part, "void_remaining", Json.object(), null);

    JsonNode voided = f.deferredPayment(whole);
    assertThat(voided.get("status").asText()).isEqualTo("voided");
    assertThat(voided.get("voided_authorisation").asLong()).isEqualTo(12500);
    assertThat(rest.get("amount").asLong()).isEqualTo(2000);
    JsonNode captured = f.deferredPayment(part);
    assertThat(captured.get("status").asText()).isEqualTo("captured");
    assertThat(captured.get("voided_authorisation").asLong()).isEqualTo(2500);
    assertThat(nothingLeft.status()).isEqualTo(400);
  }

  @Test
  void putIsAcceptedForPostSaleAsTheOlderGuideWritesIt() {
    String id = f.acceptedDeferredPayment(12500);

    SandboxResponse put = f.call(HokodoFixture.authed("PUT", V1 + "/payment/deferred_payments/" + id + "/capture/")
        .json(Json.object().put("amount", 30841).put("metadata", "Shipment #ab1947fg")));

    assertThat(put.status()).as(put.bodyText()).isEqualTo(400);
    assertThat(put.bodyJson().get("amount").get(0).asText()).contains("exceeds");
    SandboxResponse ok = f.call(HokodoFixture.authed("PUT", V1 + "/payment/deferred_payments/" + id + "/capture")
        .json(Json.object().put("amount", 3084).put("metadata", "Shipment #ab1947fg")));
    assertThat(ok.status()).isEqualTo(200);
    assertThat(ok.bodyJson().get("metadata").asText()).isEqualTo("Shipment #ab1947fg");
  }

  @Test
  void idempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherRequest() {
    String id = f.acceptedDeferredPayment(12500);

    SandboxResponse first = f.postSale(id, "capture", Json.object().put("amount", 5000), "cap-1");
    SandboxResponse again = f.postSale(id, "capture", Json.object().put("amount", 5000), "cap-1");
    SandboxResponse other = f.postSale(id, "capture", Json.object().put("amount", 6000), "cap-1");

    assertThat(again.status()).isEqualTo(200);
    assertThat(again.bodyText()).isEqualTo(first.bodyText());
    assertThat(other.status()).isEqualTo(409);
    assertThat(f.deferredPayment(id).get("protected_captures").asLong()).isEqualTo(5000);
  }

  @Test
  void notificationIsRetriedWhileTheShopFails() throws Exception {
    shop.answer(500, 503);
    JsonNode offer = f.offerFor(ACME, 12500);

    f.pay(offer, "accept");

    List<Received> received = shop.await(3, WAIT);
    idle();
    assertThat(received).hasSize(3);
    assertThat(received.get(2).body()).isEqualTo(received.get(0).body());
    List<JournalEntry> out = f.sandbox.journal().entries("hokodo", "out", 0);
    assertThat(out).extracting(JournalEntry::status).containsExactly(500, 503, 200);
  }

  @Test
  void scriptedFaultAnswersInHokodosErrorShape() {
    String id = f.acceptedDeferredPayment(12500);
    f.sandbox.faults().add(new Fault("hokodo", "capture", FaultMode.ERROR, 1, 503, 0));

    SandboxResponse r = f.postSale(id, "capture", Json.object().put("amount", 100), null);

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.bodyJson().get("detail").asText()).contains("Scripted fault");
    assertThat(f.deferredPayment(id).get("protected_captures").asLong()).isZero();
  }
}
