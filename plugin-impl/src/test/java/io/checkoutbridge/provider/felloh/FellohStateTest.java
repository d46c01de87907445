package io.checkoutbridge.provider.felloh;

import static io.checkoutbridge.provider.felloh.FellohFixtures.ECOMMERCE_ID;
import static io.checkoutbridge.provider.felloh.FellohFixtures.TRANSACTION_ID;
import static io.checkoutbridge.provider.felloh.FellohFixtures.bodyOf;
import static io.checkoutbridge.provider.felloh.FellohFixtures.gbp;
import static io.checkoutbridge.provider.felloh.FellohFixtures.json;
import static io.checkoutbridge.provider.felloh.FellohFixtures.ok;
import static io.checkoutbridge.provider.felloh.FellohFixtures.path;
import static io.checkoutbridge.provider.felloh.FellohFixtures.payment;
import static io.checkoutbridge.provider.felloh.FellohFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.spi.ProviderState;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FellohStateTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
    server.enqueue(ok("token.json"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ProviderState fetch(Map<String, String> refs) throws PaymentException {
    return FellohFixtures.provider(server).fetchState(payment(refs));
  }

  private ProviderState fetchNew() throws PaymentException {
    return fetch(Map.of(FellohProvider.REF_ECOMMERCE, ECOMMERCE_ID));
  }

  @Test
  void completedPaymentIsAuthorizedAndCapturedInFull() throws Exception {
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-complete.json"));
    server.enqueue(ok("refunds-empty.json"));

    ProviderState state = fetchNew();

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.providerStatus()).isEqualTo("COMPLETE");
    assertThat(state.merchantReference()).isEqualTo(ECOMMERCE_ID);
    assertThat(state.amount()).isEqualTo(gbp("123.45"));
    assertThat(state.captured()).isEqualTo(gbp("123.45"));
    assertThat(state.refunded()).isEqualTo(gbp("0.00"));
    assertThat(state.voided()).isEqualTo(gbp("0.00"));
    assertThat(state.providerPaymentId()).isEqualTo(TRANSACTION_ID);
    assertThat(state.providerRequestId()).isEqualTo("7d1b2c3e-0000-4000-8000-00000000t001");
    assertThat(state.refs()).isEqualTo(Map.of(FellohProvider.REF_TRANSACTION, TRANSACTION_ID));

    server.takeRequest();
    RecordedRequest session = server.takeRequest();
    assertThat(session.getMethod()).isEqualTo("GET");
    assertThat(path(session)).isEqualTo("/agent/ecommerce/" + ECOMMERCE_ID);
    assertThat(session.getHeaders().get("Authorization")).isEqualTo("Bearer tok-first");
    RecordedRequest tx = server.takeRequest();
    assertThat(tx.getMethod()).isEqualTo("GET");
    assertThat(path(tx)).isEqualTo("/agent/transactions/" + TRANSACTION_ID);
    RecordedRequest refunds = server.takeRequest();
    assertThat(refunds.getMethod() + " " + path(refunds)).isEqualTo("POST /agent/refunds");
    // node-sdk ListRefundsParams: organisation, skip, take; nothing else.
    assertThat(bodyOf(refunds)).isEqualTo(tree("{\"organisation\":\"X9876\",\"skip\":0,\"take\":100}"));
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void statusGivenAsAnObjectIsRead() throws Exception {
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-status-object.json"));
    server.enqueue(ok("refunds-empty.json"));

    ProviderState state = fetchNew();

    assertThat(state.providerStatus()).isEqualTo("COMPLETE");
    assertThat(state.captured()).isEqualTo(gbp("123.45"));
  }

  @Test
  void preAuthorisationIsAuthorizedWithNothingCaptured() throws Exception {
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-authorised.json"));

    ProviderState state = fetchNew();

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.providerStatus()).isEqualTo("AUTHORISED");
    assertThat(state.captured()).isEqualTo(gbp("0.00"));
    assertThat(state.voided()).isEqualTo(gbp("0.00"));
  }

  @Test
  void reversedPreAuthorisationIsVoidedInFull() throws Exception {
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-reversed.json"));

    ProviderState state = fetchNew();

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.captured()).isEqualTo(gbp("0.00"));
    assertThat(state.voided()).isEqualTo(gbp("123.45"));
  }

  @Test
  void declinedOnlyAttemptIsDeclined() throws Exception {
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-declined.json"));

    ProviderState state = fetchNew();

    assertThat(state.authorization()).isEqualTo(AuthorizationState.DECLINED);
    assertThat(state.captured()).isEqualTo(gbp("0.00"));
  }

  @Test
  void pendingTransactionIsPending() throws Exception {
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-pending.json"));

    assertThat(fetchNew().authorization()).isEqualTo(AuthorizationState.PENDING);
  }

  @Test
  void unknownStatusIsPendingAndKeepsFellohsWord() throws Exception {
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-unknown-status.json"));

    ProviderState state = fetchNew();

    assertThat(state.authorization()).isEqualTo(AuthorizationState.PENDING);
    assertThat(state.providerStatus()).isEqualTo("ON_HOLD_FOR_REVIEW");
  }

  @Test
  void unknownStatusIsAskedAgainLaterAndLoggedOnceNotAsAFailure() throws Exception {
    java.util.List<String> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(FellohEnums.class.getName());
    java.util.logging.Handler handler = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord record) {
        logged.add(record.getMessage());
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    logger.addHandler(handler);
    try {
      String word = "AWAITING_3DS_" + System.nanoTime();
      String body = FellohFixtures.fixture("transaction-unknown-status.json").replace("ON_HOLD_FOR_REVIEW", word);
      FellohProvider provider = FellohFixtures.provider(server);
      for (int i = 0; i < 3; i++) {
        server.enqueue(ok("ecommerce-paid.json"));
        server.enqueue(new mockwebserver3.MockResponse.Builder().setHeader("Content-Type", "application/json")
            .body(body).build());

        ProviderState state = provider.fetchState(payment(Map.of(FellohProvider.REF_ECOMMERCE, ECOMMERCE_ID)));

        assertThat(state.authorization()).isEqualTo(AuthorizationState.PENDING);
        assertThat(state.providerStatus()).isEqualTo(word);
      }
      assertThat(logged).filteredOn(m -> m.contains(word)).hasSize(1);
    } finally {
      logger.removeHandler(handler);
    }
  }

  @Test
  void everyStatusFellohsEnumsListIsMappedOrAskedAgainLater() {
    // The transaction statuses of enums.json (node-sdk EnumsResponse.transaction.status).
    for (String status : java.util.List.of("PENDING", "AUTHORISED", "COMPLETE", "REVERSED", "DECLINED", "FAILED")) {
      assertThat(FellohStates.known(status)).as(status).isTrue();
    }
    assertThat(FellohStates.known("ON_HOLD")).isFalse();
    assertThat(FellohStates.authorization("ON_HOLD")).isEqualTo(AuthorizationState.PENDING);
  }

  @Test
  void sessionWithoutTransactionIsNothingYet() throws Exception {
    server.enqueue(ok("ecommerce-unpaid.json"));

    ProviderState state = fetchNew();

    assertThat(state.authorization()).isEqualTo(AuthorizationState.NONE);
    assertThat(state.providerStatus()).isEqualTo("NO_TRANSACTION");
    assertThat(state.amount()).isEqualTo(gbp("123.45"));
    assertThat(state.providerPaymentId()).isNull();
    assertThat(state.refs()).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void expiredSessionWithoutTransactionHasFailed() throws Exception {
    server.enqueue(ok("ecommerce-expired.json"));

    ProviderState state = fetchNew();

    assertThat(state.authorization()).isEqualTo(AuthorizationState.FAILED);
    assertThat(state.providerStatus()).isEqualTo("EXPIRED");
  }

  @Test
  void laterDeclinedAttemptDoesNotHideAnEarlierAuthorisedOne() throws Exception {
    server.enqueue(ok("ecommerce-two-attempts.json"));
    server.enqueue(ok("transaction-declined.json"));
    server.enqueue(ok("transaction-authorised-older.json"));

    ProviderState state = fetchNew();

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.providerPaymentId()).isEqualTo("0a7d5a6e-1111-4c80-922b-000000000001");
    server.takeRequest();
    server.takeRequest();
    assertThat(path(server.takeRequest())).endsWith("/0a7d5a6e-2222-4c80-922b-000000000002");
    assertThat(path(server.takeRequest())).endsWith("/0a7d5a6e-1111-4c80-922b-000000000001");
  }

  @Test
  void rememberedTransactionIsReadFirstAndAloneWhenItPaid() throws Exception {
    server.enqueue(ok("ecommerce-two-attempts.json"));
    server.enqueue(ok("transaction-authorised-older.json"));

    ProviderState state = fetch(Map.of(FellohProvider.REF_ECOMMERCE, ECOMMERCE_ID,
        FellohProvider.REF_TRANSACTION, "0a7d5a6e-1111-4c80-922b-000000000001"));

    assertThat(state.providerPaymentId()).isEqualTo("0a7d5a6e-1111-4c80-922b-000000000001");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void approvedRefundsOfTheTransactionAreSummedAndThoseAwaitingApprovalOrDeclinedAreNot() throws Exception {
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-complete.json"));
    server.enqueue(ok("refunds-list.json"));

    ProviderState state = fetchNew();

    // 20.00 complete + 5.00 authorised; 10.00 awaiting approval, 7.00 declined and another
    // transaction's 9.99 do not count.
    assertThat(state.refunded()).isEqualTo(gbp("25.00"));
    assertThat(state.captured()).isEqualTo(gbp("123.45"));
    // The declined one is named by its code and by the key refund() may have reported.
    assertThat(state.refusedOperations()).containsExactlyInAnyOrder("RA-0400", "op-declined");
  }

  @Test
  void transactionInAnotherCurrencyThanItsSessionIsAMismatch() {
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-in-euro.json"));
    server.enqueue(ok("enums.json"));

    assertThatThrownBy(this::fetchNew)
        .isInstanceOf(PaymentException.class)
        .extracting(e -> ((PaymentException) e).code())
        .isEqualTo(ErrorCode.STATE_MISMATCH);
  }

  @Test
  void unknownSessionIsNotFound() {
    server.enqueue(json(404, "error-not-found.json"));

    assertThatThrownBy(this::fetchNew)
        .isInstanceOf(PaymentException.class)
        .extracting(e -> ((PaymentException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void serverErrorWhileReadingIsTransient() {
    server.enqueue(json(502, "error-server.json"));

    assertThatThrownBy(this::fetchNew).isInstanceOf(TransientNetworkException.class);
  }

  @Test
  void paymentWithoutSessionRefIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> fetch(Map.of()))
        .isInstanceOf(PaymentException.class)
        .hasMessageContaining("payment_link_id").hasMessageContaining("ecommerce_id");
    assertThat(server.getRequestCount()).isZero();
  }
}
