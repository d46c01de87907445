package io.checkoutbridge.provider.dintero;

import static io.checkoutbridge.provider.dintero.DinteroProvider.REF_AUTHORIZATION_RECORDED;
import static io.checkoutbridge.provider.dintero.DinteroProvider.REF_ORDER;
import static io.checkoutbridge.provider.dintero.DinteroProvider.REF_SESSION;
import static io.checkoutbridge.provider.dintero.DinteroProvider.REF_TRANSACTION;
import static io.checkoutbridge.provider.dintero.DinteroProvider.recordedRef;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ACCOUNT;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ORDER_ID;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.TRANSACTION_ID;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.body;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.expect;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.json;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ok;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.parse;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.payment;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.provider;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.seedCart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.spi.ProviderState;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DinteroStateTest {
  private static final String ORDERS = "/api/v1/accounts/" + ACCOUNT + "/shopping/orders/" + ORDER_ID;
  private static final Map<String, String> KNOWN = Map.of(REF_ORDER, ORDER_ID, REF_TRANSACTION, TRANSACTION_ID,
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

  private ProviderState fetch(Map<String, String> refs) throws PaymentException {
    return provider(server).fetchState(payment(seedCart(), refs));
  }

  @Test
  void transactionIsFoundByTheOrderIdAndTheAuthorizationRecordedOnTheOrder() throws Exception {
    server.enqueue(ok("transactions_declined_then_authorized.json"));
    server.enqueue(ok("order_record.json"));

    ProviderState state = fetch(Map.of(REF_ORDER, ORDER_ID, REF_SESSION, "T12345678.56ZCpbrbmqC5pq93Ts6ukC"));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.providerStatus()).isEqualTo("AUTHORIZED");
    assertThat(state.merchantReference()).isEqualTo(ORDER_ID);
    assertThat(state.amount()).isEqualTo(Money.of("398.00", "NOK"));
    assertThat(state.captured()).isEqualTo(Money.of("0.00", "NOK"));
    assertThat(state.providerPaymentId()).isEqualTo(TRANSACTION_ID);
    assertThat(state.providerRequestId()).isEqualTo("req-transactions_declined_then_authorized");
    assertThat(state.refs()).isEqualTo(Map.of(REF_TRANSACTION, TRANSACTION_ID, REF_AUTHORIZATION_RECORDED, "true"));

    expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/auth/token");
    expect(server, "GET", "/checkout/v1/transactions?merchant_reference=" + ORDER_ID + "&limit=100");
    RecordedRequest record = expect(server, "POST", ORDERS + "/authorizations");
    assertThat(body(record)).isEqualTo(parse("""
        {"items":[{"amount":39800,"line_id":1}],"amount":39800,"payment_details":{"payment_id":"%s"},"success":true}"""
        .formatted(TRANSACTION_ID)));
  }

  @Test
  void noTransactionYetIsNone() throws Exception {
    server.enqueue(ok("transactions_empty.json"));

    ProviderState state = fetch(Map.of(REF_ORDER, ORDER_ID));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.NONE);
    assertThat(state.merchantReference()).isEqualTo(ORDER_ID);
    assertThat(state.amount()).isEqualTo(Money.of("398.00", "NOK"));
    assertThat(state.refs()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void sessionPastItsExpiryWithoutATransactionIsCancelledSoNothingCanPayIt() throws Exception {
    String session = "T12345678.56ZCpbrbmqC5pq93Ts6ukC";
    server.enqueue(ok("transactions_empty.json"));
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"id":"%s","expires_at":"2026-11-20T09:59:59Z","order":{"merchant_reference":"%s"}}"""
        .formatted(session, ORDER_ID)).build());
    server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"%s\",\"cancelled_at\":\"2026-11-20T10:00:00Z\"}"
        .formatted(session)).build());

    ProviderState state = fetch(Map.of(REF_ORDER, ORDER_ID, REF_SESSION, session));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.FAILED);
    assertThat(state.providerStatus()).isEqualTo("SESSION_EXPIRED");
    server.takeRequest();
    server.takeRequest();
    expect(server, "GET", "/checkout/v1/sessions/" + session);
    // Payments spec checkout_session_cancel_post: POST /sessions/{session_id}/cancel
    expect(server, "POST", "/checkout/v1/sessions/" + session + "/cancel");
  }

  @Test
  void openSessionWithoutATransactionIsLeftAlone() throws Exception {
    String session = "T12345678.56ZCpbrbmqC5pq93Ts6ukC";
    server.enqueue(ok("transactions_empty.json"));
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"id":"%s","expires_at":"2026-11-21T10:00:00Z"}""".formatted(session)).build());

    ProviderState state = fetch(Map.of(REF_ORDER, ORDER_ID, REF_SESSION, session));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.NONE);
    assertThat(server.getRequestCount()).as("no cancel").isEqualTo(3);
  }

  @Test
  void declinedPaymentIsDeclinedAndNothingIsRecorded() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200)
        .body("[" + DinteroTestSupport.fixture("transaction_declined.json") + "]").build());

    ProviderState state = fetch(Map.of(REF_ORDER, ORDER_ID));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.DECLINED);
    assertThat(state.refs()).containsEntry(REF_TRANSACTION, "T12345678.9QwErTyUiOpAsDfGhJkLzX")
        .doesNotContainKey(REF_AUTHORIZATION_RECORDED);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void rememberedTransactionIsReadDirectlyAndTheAuthorizationRecordedOnlyOnce() throws Exception {
    server.enqueue(ok("transaction_authorized.json"));

    ProviderState state = fetch(KNOWN);

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.refs()).as("the session is learned, nothing recorded again")
        .isEqualTo(Map.of(REF_TRANSACTION, TRANSACTION_ID, REF_SESSION, "T12345678.56ZCpbrbmqC5pq93Ts6ukC"));
    expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/auth/token");
    expect(server, "GET", "/checkout/v1/transactions/" + TRANSACTION_ID);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void anAuthorizationRecordedMeanwhileByARacingFetchIsNotRecordedAgain() throws Exception {
    server.enqueue(ok("transaction_authorized.json"));
    server.enqueue(new MockResponse.Builder().code(400).body(
        "{\"error\":{\"code\":\"line_amount_exceeded\",\"message\":\"Line 1 would be authorized twice\"}}").build());
    server.enqueue(new MockResponse.Builder().code(200).body(
        "{\"authorizations\":[{\"amount\":1,\"success\":true,\"payment_details\":{\"payment_id\":\""
            + TRANSACTION_ID + "\"}}]}").build());

    ProviderState state = fetch(Map.of(REF_ORDER, ORDER_ID, REF_TRANSACTION, TRANSACTION_ID));

    assertThat(state.refs()).containsEntry(REF_AUTHORIZATION_RECORDED, "true");
    expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/auth/token");
    expect(server, "GET", "/checkout/v1/transactions/" + TRANSACTION_ID);
    expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/shopping/orders/" + ORDER_ID + "/authorizations");
    expect(server, "GET", "/api/v1/accounts/" + ACCOUNT + "/shopping/orders/" + ORDER_ID + "/authorizations");
  }

  @Test
  void aSecondFetchBeforeTheFirstWasAppliedDoesNotRecordTheAuthorizationAgain() throws Exception {
    server.enqueue(ok("transaction_authorized.json"));
    server.enqueue(ok("order_record.json"));
    server.enqueue(ok("transaction_authorized.json"));
    DinteroProvider dintero = provider(server);
    Map<String, String> unrecorded = Map.of(REF_ORDER, ORDER_ID, REF_TRANSACTION, TRANSACTION_ID);

    ProviderState callback = dintero.fetchState(payment(seedCart(), unrecorded));
    ProviderState shopperReturn = dintero.fetchState(payment(seedCart(), unrecorded));

    assertThat(callback.refs()).containsEntry(REF_AUTHORIZATION_RECORDED, "true");
    assertThat(shopperReturn.refs()).containsEntry(REF_AUTHORIZATION_RECORDED, "true");
    expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/auth/token");
    expect(server, "GET", "/checkout/v1/transactions/" + TRANSACTION_ID);
    expect(server, "POST", ORDERS + "/authorizations");
    expect(server, "GET", "/checkout/v1/transactions/" + TRANSACTION_ID);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void failedAuthorizationRecordDoesNotFailTheFetchAndIsTriedAgainLater() throws Exception {
    server.enqueue(ok("transaction_authorized.json"));
    server.enqueue(json(503, "error_server.json"));

    ProviderState state = fetch(Map.of(REF_ORDER, ORDER_ID, REF_TRANSACTION, TRANSACTION_ID));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.refs()).doesNotContainKey(REF_AUTHORIZATION_RECORDED);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void amountsAreSummedFromSuccessfulEventsOnly() throws Exception {
    server.enqueue(ok("transaction_partially_captured_refunded.json"));
    server.enqueue(ok("order_record.json"));
    server.enqueue(ok("order_record.json"));

    ProviderState state = fetch(KNOWN);

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.providerStatus()).isEqualTo("PARTIALLY_CAPTURED_REFUNDED");
    assertThat(state.captured()).isEqualTo(Money.of("199.00", "NOK"));
    assertThat(state.refunded()).isEqualTo(Money.of("50.00", "NOK"));
    assertThat(state.voided()).isEqualTo(Money.of("0.00", "NOK"));
    assertThat(state.refs()).as("what each item holds, from the events")
        .containsEntry(DinteroProvider.REF_ITEMS_CAPTURED, "{\"1\":19900}")
        .containsEntry(DinteroProvider.REF_ITEMS_REFUNDED, "{\"1\":5000}");
  }

  @Test
  void capturesAndRefundsMissingFromTheOrderAreRecordedOnce() throws Exception {
    server.enqueue(ok("transaction_partially_captured_refunded.json"));
    server.enqueue(ok("order_record.json"));
    server.enqueue(ok("order_record.json"));

    ProviderState state = fetch(KNOWN);

    // Keyed by Dintero's event ids: the references are the shop's order reference on every event.
    assertThat(state.refs()).containsEntry(recordedRef("CAPTURE:e3"), "true").containsEntry(recordedRef("REFUND:e6"), "true");
    server.takeRequest();
    server.takeRequest();
    RecordedRequest capture = expect(server, "POST", ORDERS + "/captures");
    assertThat(body(capture)).isEqualTo(parse("""
        {"items":[{"amount":19900,"line_id":1}],"amount":19900,"payment_details":{"payment_id":"%s"},"success":true}"""
        .formatted(TRANSACTION_ID)));
    RecordedRequest refund = expect(server, "POST", ORDERS + "/refunds");
    assertThat(body(refund).at("/items/0/amount").asLong()).isEqualTo(5000);

    Map<String, String> after = new java.util.HashMap<>(KNOWN);
    after.putAll(state.refs());
    server.enqueue(ok("token.json"));
    server.enqueue(ok("transaction_partially_captured_refunded.json"));
    int before = server.getRequestCount();
    provider(server).fetchState(payment(seedCart(), after));
    assertThat(server.getRequestCount() - before).as("token + GET, no record").isEqualTo(2);
  }

  @Test
  void voidWithoutAmountReleasedTheWholeAuthorization() throws Exception {
    server.enqueue(ok("voided.json"));
    server.enqueue(ok("order_record.json"));

    ProviderState state = fetch(KNOWN);

    assertThat(state.voided()).isEqualTo(Money.of("398.00", "NOK"));
    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.refs()).containsEntry(recordedRef("VOID:e7"), "true");
    server.takeRequest();
    server.takeRequest();
    expect(server, "POST", ORDERS + "/cancellations");
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "INITIATED, PENDING, 0, 0, 0",
      "ON_HOLD, PENDING, 0, 0, 0",
      "AUTHORIZED, AUTHORIZED, 0, 0, 0",
      "CAPTURED, AUTHORIZED, 39800, 0, 0",
      "REFUNDED, AUTHORIZED, 39800, 39800, 0",
      "AUTHORIZATION_VOIDED, AUTHORIZED, 0, 0, 39800",
      "DECLINED, DECLINED, 0, 0, 0",
      "FAILED, FAILED, 0, 0, 0",
      // UNKNOWN: in the Payments spec's Transaction.status enum (Dintero.Node.SDK
      // src/generated/payments.d.ts) with no description saying it is final, so it stays undecided.
      "UNKNOWN, PENDING, 0, 0, 0"})
  void statusesWithoutEventsMapToTheLedgersWords(String status, AuthorizationState expected, long captured,
      long refunded, long voided) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"id":"%s","amount":39800,"currency":"NOK","merchant_reference":"%s","status":"%s"}"""
        .formatted(TRANSACTION_ID, ORDER_ID, status)).build());

    ProviderState state = fetch(KNOWN);

    assertThat(state.authorization()).isEqualTo(expected);
    assertThat(state.captured().toMinor()).isEqualTo(captured);
    assertThat(state.refunded().toMinor()).isEqualTo(refunded);
    assertThat(state.voided().toMinor()).isEqualTo(voided);
  }

  @Test
  void partialStatusListedWithoutEventsIsReadInFull() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("""
        [{"id":"%s","amount":39800,"currency":"NOK","merchant_reference":"%s","status":"PARTIALLY_CAPTURED"}]"""
        .formatted(TRANSACTION_ID, ORDER_ID)).build());
    server.enqueue(ok("transaction_captured.json"));
    server.enqueue(ok("order_record.json"));
    server.enqueue(ok("order_record.json"));

    ProviderState state = fetch(Map.of(REF_ORDER, ORDER_ID));

    assertThat(state.captured()).isEqualTo(Money.of("199.00", "NOK"));
    server.takeRequest();
    server.takeRequest();
    expect(server, "GET", "/checkout/v1/transactions/" + TRANSACTION_ID);
  }

  @Test
  void statusThisAdapterDoesNotKnowIsUndecidedAndLaterFetchesStillWork() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"id":"%s","amount":39800,"currency":"NOK","merchant_reference":"%s","status":"TELEPORTED"}"""
        .formatted(TRANSACTION_ID, ORDER_ID)).build());
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"id":"%s","amount":39800,"currency":"NOK","merchant_reference":"%s","status":"AUTHORIZED"}"""
        .formatted(TRANSACTION_ID, ORDER_ID)).build());

    DinteroProvider provider = provider(server);
    ProviderState first = provider.fetchState(payment(seedCart(), KNOWN));
    ProviderState later = provider.fetchState(payment(seedCart(), KNOWN));

    assertThat(first.authorization()).isEqualTo(AuthorizationState.PENDING);
    assertThat(first.providerStatus()).isEqualTo("TELEPORTED");
    assertThat(later.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
  }

  @Test
  void unknownLeavesTheWayOpenForALaterAuthorization() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"id":"%s","amount":39800,"currency":"NOK","merchant_reference":"%s","status":"UNKNOWN"}"""
        .formatted(TRANSACTION_ID, ORDER_ID)).build());

    ProviderState state = fetch(KNOWN);

    assertThat(state.authorization()).isEqualTo(AuthorizationState.PENDING);
    assertThat(state.authorization().canMoveTo(AuthorizationState.AUTHORIZED)).isTrue();
  }

  @Test
  void unreachableDinteroIsTransient() {
    server.enqueue(json(502, "error_server.json"));

    assertThatThrownBy(() -> fetch(KNOWN)).isInstanceOf(TransientNetworkException.class);
  }

  @Test
  void missingTransactionIsNotFound() {
    server.enqueue(json(404, "error_server.json"));

    assertThatThrownBy(() -> fetch(KNOWN))
        .isInstanceOf(PaymentException.class)
        .satisfies(e -> assertThat(((PaymentException) e).code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
