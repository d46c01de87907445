package io.checkoutbridge.sandbox.dintero;

import static io.checkoutbridge.sandbox.dintero.DinteroFixture.ACCOUNT;
import static io.checkoutbridge.sandbox.dintero.DinteroFixture.API;
import static io.checkoutbridge.sandbox.dintero.DinteroFixture.CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Where the checked fields come from, besides the sources named beside single tests.
 * <ul>
 *   <li>Draft order ({@code generate_order_id}, numeric {@code line_id}, {@code gross_amount},
 *       {@code tax_lines}), session with the order id as {@code merchant_reference}, and the order
 *       records ({@code items}, {@code payment_details.payment_id}, {@code success}): seed 002,
 *       "Create order", "Create session", "Marking the order as authorized/captured", "Mark order as
 *       refunded". The records' top-level {@code amount} and the per-line limits are unverified
 *       here; the sandbox assumes {@code amount} = Σ items.</li>
 *   <li>Return URL: {@code transaction_id} appended on success (not on failure): Dintero.Node.SDK
 *       {@code src/generated/payments.d.ts}, {@code SessionUrls.return_url}; {@code error} values
 *       {@code authorization} and {@code cancelled}: {@code CallbackUrl} ("failed with error
 *       cancelled, authorization or failed").</li>
 *   <li>Transaction statuses (AUTHORIZED, PARTIALLY_CAPTURED, CAPTURED,
 *       PARTIALLY_CAPTURED_REFUNDED, AUTHORIZATION_VOIDED, ON_HOLD, DECLINED, FAILED…): payments.d.ts
 *       {@code Transaction}; ON_HOLD later AUTHORIZED or FAILED: {@code SessionUrls.return_url};
 *       session cancel only while initialized or authorized: {@code checkout_session_cancel_post};
 *       capture/refund bodies {@code amount}, {@code capture_reference}/{@code refund_reference},
 *       {@code items[].line_id}: {@code transactions_id_capture_post} and its refund twin.</li>
 *   <li>{@code GET /transactions} by {@code merchant_reference}: payments.d.ts
 *       {@code transactions_get}; newest first and the limit are unverified, assumed by the sandbox.
 *       The hosted page's HTML is the sandbox's own.</li>
 * </ul>
 */
class DinteroPaymentFlowTest {

  private final DinteroFixture f = new DinteroFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static ObjectNode money(long amount, String reference, Object... lineAmounts) {
    ObjectNode body = Json.object().put("amount", amount);
    if (reference != null) {
      body.put(reference.startsWith("R") ? "refund_reference" : "capture_reference", reference);
    }
    if (lineAmounts.length > 0) {
      ArrayNode items = body.putArray("items");
      for (int i = 0; i < lineAmounts.length; i += 2) {
        items.addObject().put("line_id", (String) lineAmounts[i])
            .put("amount", ((Number) lineAmounts[i + 1]).longValue());
      }
    }
    return body;
  }

  private static ObjectNode record(String txId, Object... lineAmounts) {
    ObjectNode body = Json.object();
    ArrayNode items = body.putArray("items");
    for (int i = 0; i < lineAmounts.length; i += 2) {
      items.addObject().put("amount", ((Number) lineAmounts[i + 1]).longValue())
          .put("line_id", (Integer) lineAmounts[i]);
    }
    body.putObject("payment_details").put("payment_id", txId);
    body.put("success", true);
    return body;
  }

  private static List<String> events(JsonNode tx) {
    List<String> out = new ArrayList<>();
    tx.get("events").forEach(e -> out.add(e.get("event").asText() + ":"
        + e.get("transaction_status").asText()));
    return out;
  }

  @Test
  void draftOrderToRefundHappyPath() {
    // draft order → complete → session
    String orderId = f.createOrder();
    assertThat(orderId).matches("[A-Z0-9]{9}");
    String sessionId = f.createSession(DinteroFixture.sessionBody(orderId, null));

    // the hosted page shows the amount with the currency's decimals and the buttons
    SandboxResponse page = f.call(SandboxRequest.builder("GET", "/dintero/pay/" + sessionId));
    assertThat(page.status()).isEqualTo(200);
    assertThat(page.bodyText()).contains("<title>Dintero Checkout: pay 498.00 NOK</title>",
        "id=\"approve\"", "id=\"hold\"", "id=\"decline\"", "id=\"cancel\"",
        "Stablestol &lt;for&gt; utendørsbruk", "398.00 NOK");

    // approve: 303 to return_url, keeping its own parameter, with Dintero's parameters
    SandboxResponse redirect = f.pay(sessionId, "approve");
    String location = redirect.header("Location").orElseThrow();
    assertThat(location).startsWith("https://shop.example/return?cart=42&transaction_id=");
    Map<String, List<String>> q = DinteroFixture.query(redirect);
    assertThat(q.get("merchant_reference")).containsExactly(orderId);
    assertThat(q.get("session_id")).containsExactly(sessionId);
    assertThat(q).doesNotContainKey("error");
    String txId = q.get("transaction_id").get(0);
    assertThat(txId).matches("T12345678\\.[0-9A-Za-z]{22}");

    JsonNode tx = f.transaction(txId);
    assertThat(tx.get("status").asText()).isEqualTo("AUTHORIZED");
    assertThat(tx.get("amount").asLong()).isEqualTo(49800);
    assertThat(tx.get("currency").asText()).isEqualTo("NOK");
    assertThat(tx.get("merchant_reference").asText()).isEqualTo(orderId);
    assertThat(tx.get("session_id").asText()).isEqualTo(sessionId);
    assertThat(tx.get("payment_product").asText()).isEqualTo("dintero_psp");
    assertThat(tx.get("payment_product_type").asText()).isEqualTo("dintero_psp.creditcard");
    assertThat(tx.at("/items/0/line_id").asText()).isEqualTo("1");
    assertThat(tx.at("/items/0/amount").asLong()).isEqualTo(39800);
    assertThat(tx.at("/items/0/quantity").asInt()).isEqualTo(2);
    assertThat(tx.has("created_at") && tx.has("updated_at")).isTrue();

    // the session now points at the transaction
    JsonNode session = f.call(f.get(CHECKOUT + "/sessions/" + sessionId)).bodyJson();
    assertThat(session.get("transaction_id").asText()).isEqualTo(txId);

    String orderPath = API + "/accounts/" + ACCOUNT + "/shopping/orders/" + orderId;
    assertThat(f.call(f.post(orderPath + "/authorizations", record(txId, 1, 39800, 2, 10000)))
        .status()).isEqualTo(200);

    // partial capture of line 1, then the rest
    SandboxResponse first = f.capture(txId, money(39800, "C-1", "1", 39800));
    assertThat(first.status()).as(first.bodyText()).isEqualTo(200);
    assertThat(first.header("request-id")).isPresent();
    assertThat(first.bodyJson().get("status").asText()).isEqualTo("PARTIALLY_CAPTURED");
    JsonNode captureEvent = first.bodyJson().get("events").get(1);
    assertThat(captureEvent.get("event").asText()).isEqualTo("CAPTURE");
    assertThat(captureEvent.get("amount").asLong()).isEqualTo(39800);
    assertThat(captureEvent.get("success").asBoolean()).isTrue();
    assertThat(captureEvent.get("event_reference").asText()).isEqualTo("C-1");
    assertThat(captureEvent.get("request_id").asText()).isEqualTo(first.header("request-id").get());
    assertThat(captureEvent.at("/items/0/line_id").asText()).isEqualTo("1");
    assertThat(f.call(f.post(orderPath + "/captures", record(txId, 1, 39800))).status())
        .isEqualTo(200);

    SandboxResponse rest = f.capture(txId, money(10000, "C-2", "2", 10000));
    assertThat(rest.bodyJson().get("status").asText()).isEqualTo("CAPTURED");
    assertThat(f.call(f.post(orderPath + "/captures", record(txId, 2, 10000))).status())
        .isEqualTo(200);

    // partial refund of the shipping line, then the rest
    SandboxResponse refund = f.refund(txId, money(10000, "R-1", "2", 10000));
    assertThat(refund.status()).as(refund.bodyText()).isEqualTo(200);
    assertThat(refund.bodyJson().get("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(f.call(f.post(orderPath + "/refunds", record(txId, 2, 10000))).status())
        .isEqualTo(200);
    assertThat(f.refund(txId, money(39800, "R-2", "1", 39800)).bodyJson().get("status").asText())
        .isEqualTo("REFUNDED");

    assertThat(events(f.transaction(txId))).containsExactly("AUTHORIZE:AUTHORIZED",
        "CAPTURE:PARTIALLY_CAPTURED", "CAPTURE:CAPTURED", "REFUND:PARTIALLY_REFUNDED",
        "REFUND:REFUNDED");

    // the order carries its records
    JsonNode order = f.call(f.get(orderPath)).bodyJson();
    assertThat(order.get("status").asText()).isEqualTo("open");
    assertThat(order.get("gross_amount").asLong()).isEqualTo(49800);
    assertThat(order.get("net_amount").asLong()).isEqualTo(39840);
    assertThat(order.get("authorizations")).hasSize(1);
    assertThat(order.get("captures")).hasSize(2);
    assertThat(order.get("refunds")).hasSize(1);
    assertThat(order.get("payment_status").asText()).isEqualTo("partially_refunded");
    JsonNode auths = f.call(f.get(orderPath + "/authorizations")).bodyJson();
    assertThat(auths.at("/authorizations/0/amount").asLong()).isEqualTo(49800);
    assertThat(auths.at("/authorizations/0/payment_details/payment_id").asText()).isEqualTo(txId);
  }

  @Test
  void completeDraftOrderIsOpenAndPending() {
    ObjectNode body = Json.object();
    body.putObject("options").put("generate_order_id", "ALPHANUMERIC_9");
    ObjectNode order = body.putObject("order").put("currency", "NOK");
    order.putArray("items").addObject().put("id", "175938").put("line_id", 1).put("quantity", 2)
        .put("gross_amount", 39800).put("description", "Stablestol")
        .putArray("tax_lines").addObject().put("amount", 7960).put("percentage", 25);
    String draftsPath = API + "/accounts/" + ACCOUNT + "/shopping/draft_orders";
    SandboxResponse draft = f.call(f.post(draftsPath, body));
    String draftId = draft.bodyJson().get("id").asText();
    SandboxRequest.Builder complete = SandboxRequest.builder("PUT", draftsPath + "/" + draftId
        + "/complete").bearer(f.token()).json("{}");
    JsonNode done = f.call(complete).bodyJson().get("orders").get(0);
    assertThat(done.get("id").asText()).hasSize(9);
    assertThat(done.get("status").asText()).isEqualTo("open");
    assertThat(done.get("payment_status").asText()).isEqualTo("pending");
    assertThat(done.get("currency").asText()).isEqualTo("NOK");
    assertThat(done.get("gross_amount").asLong()).isEqualTo(39800);
    assertThat(done.get("net_amount").asLong()).isEqualTo(31840);

    SandboxResponse again = f.call(SandboxRequest.builder("PUT", draftsPath + "/" + draftId
        + "/complete").bearer(f.token()).json("{}"));
    assertThat(again.status()).isEqualTo(409);
  }

  @Test
  void draftOrderWithStringLineIdIsRefused() {
    ObjectNode body = Json.object();
    body.putObject("options").put("generate_order_id", "ALPHANUMERIC_9");
    body.putObject("order").put("currency", "NOK").putArray("items").addObject()
        .put("line_id", "one").put("quantity", 1).put("gross_amount", 100);
    SandboxResponse r = f.call(f.post(API + "/accounts/" + ACCOUNT + "/shopping/draft_orders",
        body));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/errors/0/field").asText())
        .isEqualTo("order.items[0].line_id");
  }

  @Test
  void orderRecordsCannotCaptureMoreThanAuthorizedOnALine() {
    String orderId = f.createOrder();
    String orderPath = API + "/accounts/" + ACCOUNT + "/shopping/orders/" + orderId;
    f.call(f.post(orderPath + "/authorizations", record("T12345678.x", 1, 39800)));
    SandboxResponse r = f.call(f.post(orderPath + "/captures", record("T12345678.x", 2, 10000)));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("line_amount_exceeded");
    SandboxResponse unknownLine = f.call(f.post(orderPath + "/authorizations",
        record("T12345678.x", 7, 1)));
    assertThat(unknownLine.bodyJson().at("/error/errors/0/field").asText())
        .isEqualTo("items[0].line_id");
  }

  @Test
  void cancelledOrderRefusesNewAuthorizations() {
    String orderId = f.createOrder();
    String orderPath = API + "/accounts/" + ACCOUNT + "/shopping/orders/" + orderId;
    SandboxResponse cancelled = f.call(f.post(orderPath + "/cancel", "{}"));
    assertThat(cancelled.bodyJson().get("status").asText()).isEqualTo("cancelled");
    assertThat(f.call(f.post(orderPath + "/authorizations", record("T12345678.x", 1, 100)))
        .status()).isEqualTo(409);
  }

  @Test
  void cancellationRecordGoesToTheCancellationsPathAndCancelsTheOrder() {
    // docs.dintero.com orders API reference: "Create a cancellation for an order",
    // POST /accounts/{aid}/shopping/orders/{order_id}/cancellations, a record with items and amount.
    String orderId = f.createOrder();
    String orderPath = API + "/accounts/" + ACCOUNT + "/shopping/orders/" + orderId;
    ObjectNode cancellation = record("T12345678.x", 1, 100).put("amount", 100);

    SandboxResponse r = f.call(f.post(orderPath + "/cancellations", cancellation));

    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    assertThat(r.bodyJson().get("amount").asLong()).isEqualTo(100);
    assertThat(f.call(f.post(orderPath + "/authorizations", record("T12345678.x", 1, 100)))
        .status()).isEqualTo(409);
  }

  @Test
  void recordWhoseAmountIsNotTheSumOfItsItemsIsRefused() {
    String orderId = f.createOrder();
    String orderPath = API + "/accounts/" + ACCOUNT + "/shopping/orders/" + orderId;

    SandboxResponse wrong = f.call(f.post(orderPath + "/authorizations",
        record("T12345678.x", 1, 100).put("amount", 99)));
    SandboxResponse right = f.call(f.post(orderPath + "/authorizations",
        record("T12345678.x", 1, 100).put("amount", 100)));

    assertThat(wrong.status()).isEqualTo(400);
    assertThat(wrong.bodyJson().at("/error/errors/0/field").asText()).isEqualTo("amount");
    assertThat(right.status()).as(right.bodyText()).isEqualTo(200);
  }

  @Test
  void overCaptureIsRefused() {
    String tx = f.authorizedTransaction();
    SandboxResponse r = f.capture(tx, money(49801, null));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("amount_exceeds_authorized");
    assertThat(f.capture(tx, money(40000, null)).status()).isEqualTo(200);
    assertThat(f.capture(tx, money(9801, null)).status()).isEqualTo(400);
    assertThat(f.transaction(tx).get("status").asText()).isEqualTo("PARTIALLY_CAPTURED");
  }

  @Test
  void captureBeyondALinesAuthorizedAmountIsRefused() {
    String tx = f.authorizedTransaction();
    SandboxResponse r = f.capture(tx, money(10001, null, "2", 10001));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("line_amount_exceeded");
    assertThat(r.bodyJson().at("/error/errors/0/field").asText()).isEqualTo("items[0].amount");
    assertThat(f.capture(tx, money(100, null, "9", 100)).bodyJson()
        .at("/error/code").asText()).isEqualTo("unknown_line_id");
  }

  @Test
  void captureItemsMustAddUpToTheAmount() {
    String tx = f.authorizedTransaction();
    SandboxResponse r = f.capture(tx, money(20000, null, "1", 10000, "2", 5000));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("items_amount_mismatch");
    assertThat(f.transaction(tx).get("status").asText()).isEqualTo("AUTHORIZED");
  }

  @Test
  void overRefundIsRefused() {
    String tx = f.authorizedTransaction();
    f.capture(tx, money(49800, null));
    assertThat(f.refund(tx, money(49801, null)).status()).isEqualTo(400);
    assertThat(f.refund(tx, money(40000, null)).status()).isEqualTo(200);
    SandboxResponse r = f.refund(tx, money(9801, null));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("amount_exceeds_captured");
  }

  @Test
  void refundOfALineMayNotPassWhatWasCapturedOnIt() {
    String tx = f.authorizedTransaction();
    f.capture(tx, money(39800, null, "1", 39800));
    SandboxResponse r = f.refund(tx, money(100, null, "2", 100));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("line_amount_exceeded");
  }

  @Test
  void refundAfterPartialCaptureIsPartiallyCapturedRefunded() {
    String tx = f.authorizedTransaction();
    f.capture(tx, money(39800, null, "1", 39800));
    SandboxResponse r = f.refund(tx, money(1000, null, "1", 1000));
    assertThat(r.bodyJson().get("status").asText()).isEqualTo("PARTIALLY_CAPTURED_REFUNDED");
    // the documented state machine only captures from AUTHORIZED or PARTIALLY_CAPTURED
    SandboxResponse capture = f.capture(tx, money(10000, null));
    assertThat(capture.status()).isEqualTo(400);
    assertThat(capture.bodyJson().at("/error/code").asText())
        .isEqualTo("invalid_transaction_state");
  }

  @Test
  void refundBeforeCaptureIsRefused() {
    String tx = f.authorizedTransaction();
    assertThat(f.refund(tx, money(100, null)).bodyJson().at("/error/code").asText())
        .isEqualTo("invalid_transaction_state");
  }

  @Test
  void captureReferenceIsTheMerchantsLabelNotADedupeKey() {
    // The WooCommerce plugin sends its order id as capture_reference on every capture
    // (class-dintero-checkout-capture-order.php); nothing in the Payments spec makes it unique.
    String tx = f.authorizedTransaction();
    assertThat(f.capture(tx, money(10000, "ORDER-7")).status()).isEqualTo(200);
    assertThat(f.capture(tx, money(10000, "ORDER-7")).status()).isEqualTo(200);
    JsonNode after = f.transaction(tx);
    assertThat(events(after)).containsExactly("AUTHORIZE:AUTHORIZED",
        "CAPTURE:PARTIALLY_CAPTURED", "CAPTURE:PARTIALLY_CAPTURED");
    assertThat(after.at("/events/1/event_reference").asText()).isEqualTo("ORDER-7");
  }

  @Test
  void refundReferenceIsKeptOnTheEvent() {
    String tx = f.authorizedTransaction();
    f.capture(tx, money(49800, "ORDER-8"));
    ObjectNode refund = Json.object().put("amount", 1000).put("refund_reference", "ORDER-8");
    assertThat(f.refund(tx, refund).bodyJson().get("status").asText())
        .isEqualTo("PARTIALLY_REFUNDED");
    assertThat(f.refund(tx, refund).status()).isEqualTo(200);
    JsonNode after = f.transaction(tx);
    assertThat(events(after)).hasSize(4);
    assertThat(after.at("/events/3/event_reference").asText()).isEqualTo("ORDER-8");
  }

  @Test
  void voidAfterPartCaptureIsRefusedForDinterosOwnCards() {
    String tx = f.authorizedTransaction();
    f.capture(tx, money(10000, null));
    SandboxResponse r = f.call(f.post(CHECKOUT + "/transactions/" + tx + "/void", "{}"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("void_not_allowed");
  }

  @Test
  void voidAfterPartCaptureReleasesTheRestForAProductTheSpecLists() {
    // payments.d.ts, POST /transactions/{id}/void, "Void on part capture": vipps is listed.
    String tx = f.approve(f.createSession(DinteroFixture.sessionBody(f.createOrder(), null)),
        "vipps");
    f.capture(tx, money(10000, null));
    SandboxResponse r = f.call(f.post(CHECKOUT + "/transactions/" + tx + "/void", "{}"));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    assertThat(r.bodyJson().get("payment_product_type").asText()).isEqualTo("vipps");
    assertThat(events(r.bodyJson())).endsWith("VOID:PARTIALLY_CAPTURED");
    assertThat(r.bodyJson().at("/events/2/amount").asLong()).isEqualTo(49800 - 10000);
    assertThat(f.capture(tx, money(100, null)).status()).as("nothing left to capture").isEqualTo(400);
    assertThat(f.refund(tx, money(10000, null)).status()).as("the captured part can be refunded")
        .isEqualTo(200);
  }

  @Test
  void voidReleasesAnAuthorizedTransaction() {
    String tx = f.authorizedTransaction();
    SandboxResponse r = f.call(SandboxRequest.builder("POST",
        CHECKOUT + "/transactions/" + tx + "/void").bearer(f.token()));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    assertThat(r.bodyJson().get("status").asText()).isEqualTo("AUTHORIZATION_VOIDED");
    assertThat(events(r.bodyJson())).endsWith("VOID:AUTHORIZATION_VOIDED");
    assertThat(r.bodyJson().get("events").get(1).get("amount").asLong()).isEqualTo(49800);
    // voided transactions refuse everything
    assertThat(f.capture(tx, money(100, null)).status()).isEqualTo(400);
    assertThat(f.refund(tx, money(100, null)).status()).isEqualTo(400);
    assertThat(f.call(f.post(CHECKOUT + "/transactions/" + tx + "/void", "{}")).status())
        .isEqualTo(400);
  }

  @Test
  void voidToleratesAnEmptyObjectOrAnIdBody() {
    String tx = f.authorizedTransaction();
    SandboxResponse r = f.call(f.post(CHECKOUT + "/transactions/" + tx + "/void",
        Json.object().put("id", tx)));
    assertThat(r.status()).isEqualTo(200);
  }

  @Test
  void voidAfterPartialCaptureIsRefusedForDinteroPsp() {
    String tx = f.authorizedTransaction();
    f.capture(tx, money(100, null));
    SandboxResponse r = f.call(f.post(CHECKOUT + "/transactions/" + tx + "/void", "{}"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("void_not_allowed");
  }

  @Test
  void declineRedirectsWithAuthorizationErrorAndNoTransactionId() {
    String orderId = f.createOrder();
    String sessionId = f.createSession(DinteroFixture.sessionBody(orderId, null));
    Map<String, List<String>> q = DinteroFixture.query(f.pay(sessionId, "decline"));
    assertThat(q.get("error")).containsExactly("authorization");
    assertThat(q.get("merchant_reference")).containsExactly(orderId);
    assertThat(q.get("cart")).containsExactly("42");
    assertThat(q).doesNotContainKey("transaction_id");

    // the declined attempt is still visible by merchant reference, and refuses everything
    JsonNode list = f.call(f.get(CHECKOUT + "/transactions").query("merchant_reference", orderId))
        .bodyJson();
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("status").asText()).isEqualTo("DECLINED");
    String tx = list.get(0).get("id").asText();
    assertThat(f.capture(tx, money(100, null)).status()).isEqualTo(400);
    assertThat(f.call(f.post(CHECKOUT + "/transactions/" + tx + "/void", "{}")).status())
        .isEqualTo(400);
  }

  @Test
  void cancelRedirectsWithCancelledError() {
    String sessionId = f.createSession(DinteroFixture.sessionBody("REF-1", null));
    Map<String, List<String>> q = DinteroFixture.query(f.pay(sessionId, "cancel"));
    assertThat(q.get("error")).containsExactly("cancelled");
    assertThat(q).doesNotContainKey("transaction_id");
    JsonNode session = f.call(f.get(CHECKOUT + "/sessions/" + sessionId)).bodyJson();
    assertThat(session.has("cancelled_at")).isTrue();
  }

  @Test
  void secondSubmitOfThePageLandsWhereTheFirstDid() {
    String sessionId = f.createSession(DinteroFixture.sessionBody("REF-2", null));
    String first = f.pay(sessionId, "approve").header("Location").orElseThrow();
    String second = f.pay(sessionId, "decline").header("Location").orElseThrow();
    assertThat(second).isEqualTo(first);
    JsonNode list = f.call(f.get(CHECKOUT + "/transactions").query("merchant_reference", "REF-2"))
        .bodyJson();
    assertThat(list).hasSize(1);
  }

  @Test
  void heldPaymentIsDecidedLater() {
    String sessionId = f.createSession(DinteroFixture.sessionBody("REF-3", null));
    String tx = DinteroFixture.query(f.pay(sessionId, "hold")).get("transaction_id").get(0);
    assertThat(f.transaction(tx).get("status").asText()).isEqualTo("ON_HOLD");
    assertThat(f.capture(tx, money(100, null)).status()).isEqualTo(400);

    SandboxResponse page = f.call(SandboxRequest.builder("GET", "/dintero/pay/" + sessionId));
    assertThat(page.bodyText()).contains("/decide", "id=\"approve\"", "id=\"decline\"");

    SandboxResponse decided = f.call(SandboxRequest.builder("POST",
        "/dintero/pay/" + sessionId + "/decide").json(Json.object().put("action", "approve")));
    assertThat(decided.status()).isEqualTo(200);
    assertThat(decided.bodyJson().get("status").asText()).isEqualTo("AUTHORIZED");
    assertThat(f.capture(tx, money(100, null)).status()).isEqualTo(200);

    SandboxResponse twice = f.call(SandboxRequest.builder("POST",
        "/dintero/pay/" + sessionId + "/decide").form("action", "decline"));
    assertThat(twice.status()).isEqualTo(409);
  }

  @Test
  void heldPaymentCanFail() {
    String sessionId = f.createSession(DinteroFixture.sessionBody("REF-4", null));
    String tx = DinteroFixture.query(f.pay(sessionId, "hold")).get("transaction_id").get(0);
    SandboxResponse decided = f.call(SandboxRequest.builder("POST",
        "/dintero/pay/" + sessionId + "/decide").form("action", "decline"));
    assertThat(decided.status()).isEqualTo(303);
    assertThat(f.transaction(tx).get("status").asText()).isEqualTo("FAILED");
  }

  @Test
  void sessionCancelVoidsAnAuthorizedTransaction() {
    String sessionId = f.createSession(DinteroFixture.sessionBody("REF-5", null));
    String tx = f.approve(sessionId);
    SandboxResponse r = f.call(f.post(CHECKOUT + "/sessions/" + sessionId + "/cancel", "{}"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(f.transaction(tx).get("status").asText()).isEqualTo("AUTHORIZATION_VOIDED");
  }

  @Test
  void sessionCancelAfterCaptureIsRefused() {
    String sessionId = f.createSession(DinteroFixture.sessionBody("REF-6", null));
    String tx = f.approve(sessionId);
    f.capture(tx, money(100, null));
    SandboxResponse r = f.call(f.post(CHECKOUT + "/sessions/" + sessionId + "/cancel", "{}"));
    assertThat(r.status()).isEqualTo(400);
  }

  @Test
  void transactionListIsNewestFirstAndLimited() {
    for (int i = 0; i < 3; i++) {
      f.approve(f.createSession(DinteroFixture.sessionBody("SAME", null)));
    }
    JsonNode all = f.call(f.get(CHECKOUT + "/transactions").query("merchant_reference", "SAME"))
        .bodyJson();
    assertThat(all).hasSize(3);
    assertThat(all.get(0).get("created_at").asText())
        .isGreaterThanOrEqualTo(all.get(2).get("created_at").asText());
    JsonNode two = f.call(f.get(CHECKOUT + "/transactions").query("merchant_reference", "SAME")
        .query("limit", "2")).bodyJson();
    assertThat(two).hasSize(2);
    assertThat(f.call(f.get(CHECKOUT + "/transactions").query("limit", "101")).status())
        .isEqualTo(400);
    assertThat(f.call(f.get(CHECKOUT + "/transactions").query("limit", "0")).status())
        .isEqualTo(400);
  }

  @Test
  void unknownTransactionIs404AndWrongMethodIs405() {
    assertThat(f.call(f.get(CHECKOUT + "/transactions/T12345678.nope")).status()).isEqualTo(404);
    SandboxResponse r = f.call(SandboxRequest.builder("DELETE",
        CHECKOUT + "/transactions/T12345678.nope").bearer(f.token()));
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("method_not_allowed");
  }

  @Test
  void hostedPageEscapesWhatCameFromTheRequest() {
    ObjectNode body = DinteroFixture.sessionBody("<script>alert(1)</script>", null);
    String sessionId = f.createSession(body);
    String html = f.call(SandboxRequest.builder("GET", "/dintero/pay/" + sessionId)).bodyText();
    assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
  }

  @Test
  void hostedPageFormatsZeroDecimalCurrencies() {
    ObjectNode body = DinteroFixture.sessionBody("JPY-1", null);
    ((ObjectNode) body.get("order")).put("currency", "JPY");
    String sessionId = f.createSession(body);
    String html = f.call(SandboxRequest.builder("GET", "/dintero/pay/" + sessionId)).bodyText();
    assertThat(html).contains("49800 JPY").doesNotContain("498.00");
  }

  @Test
  void unknownSessionPageIs404() {
    SandboxResponse r = f.call(SandboxRequest.builder("GET", "/dintero/pay/T12345678.none"));
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.contentType()).startsWith("text/html");
  }
}
