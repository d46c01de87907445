package io.checkoutbridge.provider.dintero;

import static io.checkoutbridge.provider.dintero.DinteroProvider.REF_AUTHORIZATION_RECORDED;
import static io.checkoutbridge.provider.dintero.DinteroProvider.REF_ORDER;
import static io.checkoutbridge.provider.dintero.DinteroProvider.REF_TRANSACTION;
import static io.checkoutbridge.provider.dintero.DinteroProvider.recordedRef;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ACCOUNT;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.CLOCK;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ORDER_ID;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.TRANSACTION_ID;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.body;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.discountedCart;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.expect;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.fixture;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.json;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.line;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ok;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.operation;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.parse;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.payment;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.provider;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.seedCart;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.voidRemaining;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.OperationResult.Outcome;
import io.checkoutbridge.api.spi.ProviderOperation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DinteroOperationsTest {
  private static final String TX = "/checkout/v1/transactions/" + TRANSACTION_ID;
  private static final String ORDERS = "/api/v1/accounts/" + ACCOUNT + "/shopping/orders/" + ORDER_ID;
  private static final Map<String, String> REFS = Map.of(REF_ORDER, ORDER_ID, REF_TRANSACTION, TRANSACTION_ID,
      REF_AUTHORIZATION_RECORDED, "true");

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    server.enqueue(ok("token.json"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private OperationResult capture(Cart cart, ProviderOperation operation) throws PaymentException {
    return provider(server).capture(payment(cart, REFS), operation);
  }

  private static ProviderOperation halfCapture() {
    return operation(OperationKind.CAPTURE, "199.00", "capture-key-1", line("1", "1", "199.00"));
  }

  @Test
  void captureSendsLineIdsOfTheAllocationAndRecordsItOnTheOrder() throws Exception {
    server.enqueue(ok("transaction_captured.json"));
    server.enqueue(ok("order_record.json"));

    OperationResult result = capture(seedCart(), halfCapture());

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.providerRequestId()).isEqualTo("req-transaction_captured");
    assertThat(result.providerReference()).isEqualTo("e3");
    assertThat(result.refs()).isEqualTo(Map.of(recordedRef("CAPTURE:e3"), "true",
        DinteroProvider.REF_ITEMS_CAPTURED, "{\"1\":19900}"));
    expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/auth/token");
    RecordedRequest capture = expect(server, "POST", TX + "/capture");
    assertThat(capture.getHeaders().get("Authorization")).startsWith("Bearer ");
    // capture_reference is the shop's order reference, as the WooCommerce plugin sends its order id
    // (class-dintero-checkout-capture-order.php); the operation's own key travels in its own header.
    assertThat(capture.getHeaders().get("Idempotency-Key")).isEqualTo("capture-key-1");
    assertThat(body(capture)).isEqualTo(parse("""
        {"amount":19900,"capture_reference":"ORDER-1001","items":[{"line_id":"1","amount":19900,"quantity":1}]}"""));
    // Order record: items, payment_details.payment_id, success (seed 002 "Marking the order as
    // captured") and the top-level amount the orders API reference shows on every record.
    RecordedRequest record = expect(server, "POST", ORDERS + "/captures");
    assertThat(body(record)).isEqualTo(parse("""
        {"items":[{"amount":19900,"line_id":1}],"amount":19900,"payment_details":{"payment_id":"%s"},"success":true}"""
        .formatted(TRANSACTION_ID)));
  }

  @Test
  void captureOfADiscountedCartSendsTheDiscountedItems() throws Exception {
    server.enqueue(ok("transaction_captured.json"));
    server.enqueue(ok("order_record.json"));

    capture(discountedCart(), operation(OperationKind.CAPTURE, "369.00", "capture-all",
        line("A", "1", "300.00"), line("B", "2", "100.00"), line("S", "1", "49.00"), line("D", "1", "-80.00")));

    server.takeRequest();
    assertThat(body(server.takeRequest())).isEqualTo(parse("""
        {"amount":36900,"capture_reference":"ORDER-1001","items":[
          {"line_id":"A","amount":24000,"quantity":1},
          {"line_id":"B","amount":8000,"quantity":2},
          {"line_id":"S","amount":4900,"quantity":1}]}"""));
    assertThat(body(server.takeRequest()).path("items")).isEqualTo(parse("""
        [{"amount":24000,"line_id":1},{"amount":8000,"line_id":2},{"amount":4900,"line_id":3}]"""));
  }

  @Test
  void captureAcceptedAsynchronouslyIsPendingAndNotYetRecorded() throws Exception {
    server.enqueue(new MockResponse.Builder().code(202).addHeader("request-id", "req-202")
        .addHeader("event-request-id", "evt-1").body(fixture("transaction_authorized.json")).build());

    OperationResult result = capture(seedCart(), halfCapture());

    assertThat(result.outcome()).isEqualTo(Outcome.PENDING);
    assertThat(result.providerRequestId()).isEqualTo("req-202");
    assertThat(result.providerReference()).isEqualTo("capture-key-1");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void captureThatTimesOutIsTransientAndNeverSentTwice() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).headersDelay(2, TimeUnit.SECONDS)
        .body(fixture("transaction_captured.json")).build());
    DinteroProvider provider = new DinteroProvider(DinteroTestSupport.settings(server, null),
        DinteroTestSupport.http(Duration.ofMillis(300)), CLOCK);

    assertThatThrownBy(() -> provider.capture(payment(seedCart(), REFS), halfCapture()))
        .isInstanceOf(TransientNetworkException.class)
        .hasMessageContaining("/capture");
    Thread.sleep(300);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void captureServerErrorIsTransientWithoutASecondPost() {
    server.enqueue(json(500, "error_server.json"));

    assertThatThrownBy(() -> capture(seedCart(), halfCapture()))
        .isInstanceOf(TransientNetworkException.class)
        .satisfies(e -> assertThat(((PaymentException) e).providerRequestId()).isEqualTo("req-error_server"));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void captureRefusedWith402IsDeclined() throws Exception {
    server.enqueue(new MockResponse.Builder().code(402).addHeader("request-id", "req-402")
        .body("{\"error\":{\"code\":\"DECLINED\",\"message\":\"Capture not allowed\"}}").build());

    OperationResult result = capture(seedCart(), halfCapture());

    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.message()).contains("Capture not allowed");
    assertThat(result.providerRequestId()).isEqualTo("req-402");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void captureWhoseEventFailedIsDeclined() throws Exception {
    server.enqueue(ok("transaction_capture_failed.json"));

    OperationResult result = capture(seedCart(), halfCapture());

    assertThat(result.outcome()).isEqualTo(Outcome.DECLINED);
    assertThat(result.message()).isEqualTo("Capture declined by acquirer");
    assertThat(server.getRequestCount()).as("nothing recorded on the order").isEqualTo(2);
  }

  @Test
  void captureValidationErrorIsInvalidRequestNamingTheField() {
    server.enqueue(json(400, "error_validation.json"));

    assertThatThrownBy(() -> capture(seedCart(), halfCapture()))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(".order.items[0].vat_amount");
  }

  @Test
  void captureSucceedsEvenWhenRecordingOnTheOrderFails() throws Exception {
    server.enqueue(ok("transaction_captured.json"));
    server.enqueue(json(503, "error_server.json"));

    OperationResult result = capture(seedCart(), halfCapture());

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.refs()).as("recorded at the next state fetch")
        .doesNotContainKey(recordedRef("CAPTURE:e3")).containsKey(DinteroProvider.REF_ITEMS_CAPTURED);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void capturedThatTimedOutIsRecordedWhenTheStateShowsIt() throws Exception {
    server.enqueue(ok("transaction_captured.json"));
    server.enqueue(ok("order_record.json"));

    var state = provider(server).fetchState(payment(seedCart(), REFS));

    assertThat(state.captured().toMinor()).isEqualTo(19900);
    assertThat(state.refs()).containsEntry(recordedRef("CAPTURE:e3"), "true");
    server.takeRequest();
    server.takeRequest();
    expect(server, "POST", ORDERS + "/captures");
  }

  @Test
  void stateFetchAfterARecordedCaptureRecordsNothing() throws Exception {
    server.enqueue(ok("transaction_captured.json"));
    Map<String, String> refs = new java.util.HashMap<>(REFS);
    refs.put(recordedRef("CAPTURE:e3"), "true");

    provider(server).fetchState(payment(seedCart(), refs));

    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void captureFlaggedUnderItsOldIdempotencyKeyIsNotRecordedAgainAfterAnUpgrade() throws Exception {
    server.enqueue(ok("transaction_captured.json")); // its CAPTURE event has event_reference capture-key-1
    Map<String, String> refs = new java.util.HashMap<>(REFS);
    refs.put(recordedRef("capture-key-1"), "true");

    var state = provider(server).fetchState(payment(seedCart(), refs));

    assertThat(server.getRequestCount()).as("token and transaction only: no second record").isEqualTo(2);
    assertThat(state.refs()).containsEntry(recordedRef("CAPTURE:e3"), "true");
  }

  @Test
  void finalCaptureAfterAGrossLineCaptureTakesExactlyWhatIsOpenOnEachItem() throws Exception {
    server.enqueue(ok("transaction_captured.json"));
    server.enqueue(ok("order_record.json"));
    Map<String, String> refs = new java.util.HashMap<>(REFS);
    // line A was captured at its gross 300.00 earlier: Dintero items A 240.00 and B 60.00
    refs.put(DinteroProvider.REF_ITEMS_CAPTURED, "{\"A\":24000,\"B\":6000}");

    OperationResult result = provider(server).capture(payment(discountedCart(), refs),
        operation(OperationKind.CAPTURE, "69.00", "capture-rest",
            line("B", "2", "100.00"), line("S", "1", "49.00"), line("D", "1", "-80.00")));

    server.takeRequest();
    assertThat(body(server.takeRequest()).path("items")).isEqualTo(parse("""
        [{"line_id":"B","amount":2000,"quantity":2},{"line_id":"S","amount":4900,"quantity":1}]"""));
    assertThat(result.refs()).containsEntry(DinteroProvider.REF_ITEMS_CAPTURED, "{\"A\":24000,\"B\":8000,\"S\":4900}");
  }

  @Test
  void refundStaysWithinWhatEachItemHasCaptured() throws Exception {
    server.enqueue(ok("transaction_partially_captured_refunded.json"));
    server.enqueue(ok("order_record.json"));
    Map<String, String> refs = new java.util.HashMap<>(REFS);
    refs.put(DinteroProvider.REF_ITEMS_CAPTURED, "{\"A\":24000,\"B\":8000}");
    refs.put(DinteroProvider.REF_ITEMS_REFUNDED, "{\"A\":20000}");

    OperationResult result = provider(server).refund(payment(discountedCart(), refs),
        operation(OperationKind.REFUND, "100.00", "refund-2", line("A", "0", "100.00")));

    server.takeRequest();
    assertThat(body(server.takeRequest()).path("items")).isEqualTo(parse("""
        [{"line_id":"A","amount":4000},{"line_id":"B","amount":6000}]"""));
    assertThat(result.refs()).containsEntry(DinteroProvider.REF_ITEMS_REFUNDED, "{\"A\":24000,\"B\":6000}");
  }

  @Test
  void linesThatDoNotSumToTheAmountAreRefusedBeforeAnyCall() {
    ProviderOperation wrong = operation(OperationKind.CAPTURE, "100.00", "k", line("1", "1", "199.00"));

    assertThatThrownBy(() -> capture(seedCart(), wrong))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("199.00 NOK");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void captureWithoutARememberedTransactionLooksItUpFirst() throws Exception {
    server.enqueue(ok("transactions_declined_then_authorized.json"));
    server.enqueue(ok("transaction_captured.json"));
    server.enqueue(ok("order_record.json"));

    OperationResult result = provider(server).capture(payment(seedCart(), Map.of(REF_ORDER, ORDER_ID)), halfCapture());

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    server.takeRequest();
    expect(server, "GET", "/checkout/v1/transactions?merchant_reference=" + ORDER_ID + "&limit=100");
    expect(server, "POST", TX + "/capture");
  }

  @Test
  void refundSendsItsReferenceReasonAndItems() throws Exception {
    server.enqueue(ok("transaction_partially_captured_refunded.json"));
    server.enqueue(ok("order_record.json"));

    OperationResult result = provider(server).refund(payment(seedCart(), REFS),
        operation(OperationKind.REFUND, "50.00", "refund-key-1", line("1", "0", "50.00")));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.refs()).containsEntry(recordedRef("REFUND:e6"), "true");
    server.takeRequest();
    RecordedRequest refund = expect(server, "POST", TX + "/refund");
    assertThat(body(refund)).isEqualTo(parse("""
        {"amount":5000,"refund_reference":"ORDER-1001","reason":"damaged in transit",
         "items":[{"line_id":"1","amount":5000}]}"""));
    RecordedRequest record = expect(server, "POST", ORDERS + "/refunds");
    assertThat(body(record).at("/items/0")).isEqualTo(parse("{\"amount\":5000,\"line_id\":1}"));
  }

  @Test
  void cancelVoidsWithoutABodyAndRecordsTheCancel() throws Exception {
    server.enqueue(ok("transaction_authorized.json"));
    server.enqueue(ok("voided.json"));
    server.enqueue(ok("order_record.json"));

    OperationResult result = provider(server).cancel(payment(seedCart(), REFS), voidRemaining("398.00", "void-key-1"));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.providerReference()).isEqualTo("e7");
    assertThat(result.refs()).containsEntry(recordedRef("VOID:e7"), "true");
    server.takeRequest();
    expect(server, "GET", TX);
    RecordedRequest voided = expect(server, "POST", TX + "/void");
    assertThat(voided.getBodySize()).isZero();
    RecordedRequest record = expect(server, "POST", ORDERS + "/cancellations");
    assertThat(body(record)).isEqualTo(parse("""
        {"items":[{"amount":39800,"line_id":1}],"amount":39800,"payment_details":{"payment_id":"%s"},"success":true}"""
        .formatted(TRANSACTION_ID)));
  }

  @Test
  void voidAfterAPartCaptureIsRefusedForDinterosOwnCardsBeforeAskingDintero() throws Exception {
    server.enqueue(ok("transaction_captured.json")); // dintero_psp.creditcard, 199.00 of 398.00 captured

    assertThatThrownBy(() -> provider(server).cancel(payment(seedCart(), REFS), voidRemaining("199.00", "void-rest")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("dintero_psp.creditcard").hasMessageContaining("vipps");
    server.takeRequest();
    expect(server, "GET", TX);
    assertThat(server.getRequestCount()).as("no void sent").isEqualTo(2);
  }

  @Test
  void voidAfterAPartCaptureReleasesTheRestForAProductTheSpecLists() throws Exception {
    // payments.d.ts, POST /transactions/{id}/void, "Void on part capture": vipps may.
    server.enqueue(ok("transaction_captured.json").newBuilder()
        .body(fixture("transaction_captured.json").replace("dintero_psp.creditcard", "vipps")).build());
    server.enqueue(new MockResponse.Builder().code(200).addHeader("request-id", "req-void").body("""
        {"id":"%s","amount":39800,"currency":"NOK","merchant_reference":"%s","status":"PARTIALLY_CAPTURED",
         "payment_product_type":"vipps","events":[
          {"id":"e3","event":"CAPTURE","success":true,"amount":19900,"items":[{"line_id":"1","amount":19900}]},
          {"id":"e9","event":"VOID","success":true,"amount":19900,"request_id":"req-void"}]}"""
        .formatted(TRANSACTION_ID, ORDER_ID)).build());
    server.enqueue(ok("order_record.json"));

    OperationResult result = provider(server).cancel(payment(seedCart(), REFS), voidRemaining("199.00", "void-rest"));

    assertThat(result.outcome()).isEqualTo(Outcome.SUCCEEDED);
    assertThat(result.providerReference()).isEqualTo("e9");
    server.takeRequest();
    server.takeRequest();
    expect(server, "POST", TX + "/void");
    RecordedRequest record = expect(server, "POST", ORDERS + "/cancellations");
    assertThat(body(record).path("amount").asLong()).isEqualTo(19900);
  }

  @Test
  void rawResponseKeptForTheHistoryIsScrubbed() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"id":"%s","amount":39800,"currency":"NOK","status":"PARTIALLY_CAPTURED",
         "card":{"pan":"4761739001010416"},"access_token":"leaked-token"}""".formatted(TRANSACTION_ID)).build());
    server.enqueue(ok("order_record.json"));

    OperationResult result = capture(seedCart(), halfCapture());

    assertThat(result.rawResponse()).doesNotContain("4761739001010416").doesNotContain("leaked-token")
        .contains(TRANSACTION_ID);
  }
}
