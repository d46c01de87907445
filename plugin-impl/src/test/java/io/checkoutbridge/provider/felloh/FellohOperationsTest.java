package io.checkoutbridge.provider.felloh;

import static io.checkoutbridge.provider.felloh.FellohFixtures.ECOMMERCE_ID;
import static io.checkoutbridge.provider.felloh.FellohFixtures.TRANSACTION_ID;
import static io.checkoutbridge.provider.felloh.FellohFixtures.bodyOf;
import static io.checkoutbridge.provider.felloh.FellohFixtures.json;
import static io.checkoutbridge.provider.felloh.FellohFixtures.ok;
import static io.checkoutbridge.provider.felloh.FellohFixtures.operation;
import static io.checkoutbridge.provider.felloh.FellohFixtures.paidPayment;
import static io.checkoutbridge.provider.felloh.FellohFixtures.path;
import static io.checkoutbridge.provider.felloh.FellohFixtures.payment;
import static io.checkoutbridge.provider.felloh.FellohFixtures.text;
import static io.checkoutbridge.provider.felloh.FellohFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.OperationResult;
import java.time.Duration;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FellohOperationsTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void captureCompletesTheRememberedTransactionWithAGetAndNoBody() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("complete.json"));

    OperationResult result = FellohFixtures.provider(server).capture(paidPayment(), operation(OperationKind.CAPTURE, "123.45"));

    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.SUCCEEDED);
    assertThat(result.providerRequestId()).isEqualTo("5c5c0000-0000-4000-8000-00000000c001");
    assertThat(result.providerReference()).isEqualTo(TRANSACTION_ID);
    server.takeRequest();
    RecordedRequest complete = server.takeRequest();
    assertThat(complete.getMethod()).isEqualTo("GET");
    assertThat(path(complete)).isEqualTo("/agent/transactions/" + TRANSACTION_ID + "/complete");
    assertThat(text(complete)).isEmpty();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void rawResponseKeptForTheHistoryIsScrubbed() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("complete.json"));

    OperationResult result = FellohFixtures.provider(server).capture(paidPayment(), operation(OperationKind.CAPTURE, "123.45"));

    assertThat(result.rawResponse()).doesNotContain("card-token-must-not-leak").contains("\"token\":\"***\"")
        .contains("4242");
  }

  @Test
  void partialCaptureIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> FellohFixtures.provider(server)
        .capture(paidPayment(), operation(OperationKind.CAPTURE, "100.00")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("whole amount only")
        .hasMessageContaining("123.45 GBP")
        .hasMessageContaining("100.00 GBP");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void captureWithoutARememberedTransactionLooksItUpFirst() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-authorised.json"));
    server.enqueue(ok("complete.json"));

    FellohFixtures.provider(server).capture(payment(Map.of(FellohProvider.REF_ECOMMERCE, ECOMMERCE_ID)),
        operation(OperationKind.CAPTURE, "123.45"));

    server.takeRequest();
    assertThat(path(server.takeRequest())).isEqualTo("/agent/ecommerce/" + ECOMMERCE_ID);
    assertThat(path(server.takeRequest())).isEqualTo("/agent/transactions/" + TRANSACTION_ID);
    assertThat(path(server.takeRequest())).isEqualTo("/agent/transactions/" + TRANSACTION_ID + "/complete");
  }

  @Test
  void captureWhenNothingWasAuthorisedIsAnIllegalTransition() {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("ecommerce-paid.json"));
    server.enqueue(ok("transaction-declined.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server)
        .capture(payment(Map.of(FellohProvider.REF_ECOMMERCE, ECOMMERCE_ID)), operation(OperationKind.CAPTURE, "123.45")))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("no authorised transaction")
        .hasMessageContaining("DECLINED");
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void captureRefusedByFellohIsAnInvalidRequestWithItsReason() {
    server.enqueue(ok("token.json"));
    server.enqueue(json(400, "error-complete-refused.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server)
        .capture(paidPayment(), operation(OperationKind.CAPTURE, "123.45")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("Only an authorised transaction can be completed")
        .hasMessageContaining("transaction.not_authorised");
  }

  @Test
  void captureTimeoutIsTransientAndTheCompleteIsNotSentAgain() {
    server.enqueue(ok("token.json"));
    server.enqueue(FellohFixtures.slow("complete.json", Duration.ofSeconds(2)));

    assertThatThrownBy(() -> FellohFixtures.provider(server)
        .capture(paidPayment(), operation(OperationKind.CAPTURE, "123.45")))
        .isInstanceOf(TransientNetworkException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void voidReversesTheWholePreAuthorisation() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("reverse.json"));

    OperationResult result = FellohFixtures.provider(server).cancel(paidPayment(), operation(OperationKind.VOID, "123.45"));

    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.SUCCEEDED);
    assertThat(result.providerRequestId()).isEqualTo("5c5c0000-0000-4000-8000-00000000c002");
    server.takeRequest();
    RecordedRequest reverse = server.takeRequest();
    assertThat(reverse.getMethod()).isEqualTo("GET");
    assertThat(path(reverse)).isEqualTo("/agent/transactions/" + TRANSACTION_ID + "/reverse");
  }

  @Test
  void partialVoidIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> FellohFixtures.provider(server)
        .cancel(paidPayment(), operation(OperationKind.VOID, "23.45")))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void refundSendsTheAmountInPenceWithTheReasonAndTheActionKeyThenFindsItInTheList() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("refund-accepted.json"));
    server.enqueue(ok("refunds-list-paid.json"));

    OperationResult result = FellohFixtures.provider(server).refund(paidPayment(), operation(OperationKind.REFUND, "25.00"));

    // The refund answer has no data (node-sdk: FellohResponse<void>): what it became is read from the list.
    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.SUCCEEDED);
    assertThat(result.providerReference()).isEqualTo("RA-0500");
    assertThat(result.providerRequestId()).isEqualTo("9a0c0000-0000-4000-8000-0000000rf001");
    server.takeRequest();
    RecordedRequest refund = server.takeRequest();
    assertThat(refund.getMethod()).isEqualTo("POST");
    assertThat(path(refund)).isEqualTo("/agent/transactions/" + TRANSACTION_ID + "/refund");
    assertThat(refund.getHeaders().get("Authorization")).isEqualTo("Bearer tok-first");
    assertThat(bodyOf(refund)).isEqualTo(tree("""
        {"amount":2500,"description":"Customer changed plans",
         "metadata":{"idempotency_key":"op-key-0001","payment_id":"p-1","order_reference":"ORD-1001"}}"""));
    RecordedRequest list = server.takeRequest();
    assertThat(list.getMethod() + " " + path(list)).isEqualTo("POST /agent/refunds");
  }

  @Test
  void refundAnsweredWithoutDataAndNotListedYetIsPendingUnderTheActionKey() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("refund-accepted.json"));
    server.enqueue(ok("refunds-empty.json"));

    OperationResult result = FellohFixtures.provider(server).refund(paidPayment(), operation(OperationKind.REFUND, "25.00"));

    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.PENDING);
    assertThat(result.providerReference()).isEqualTo("op-key-0001");
  }

  @Test
  void refundAcceptedWhoseListCannotBeReadIsPendingNotAFailure() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("refund-accepted.json"));
    server.enqueue(json(502, "error-server.json"));

    OperationResult result = FellohFixtures.provider(server).refund(paidPayment(), operation(OperationKind.REFUND, "25.00"));

    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.PENDING);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void refundWaitingForApprovalIsPendingUnderItsAuthorisationCode() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("refund-accepted.json"));
    server.enqueue(ok("refunds-list-awaiting.json"));

    OperationResult result = FellohFixtures.provider(server).refund(paidPayment(), operation(OperationKind.REFUND, "25.00"));

    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.PENDING);
    assertThat(result.providerReference()).isEqualTo("RA-0600");
  }

  @Test
  void refundDeclinedByFellohIsDeclined() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("refund-accepted.json"));
    server.enqueue(ok("refunds-list-declined.json"));

    OperationResult result = FellohFixtures.provider(server).refund(paidPayment(), operation(OperationKind.REFUND, "25.00"));

    assertThat(result.outcome()).isEqualTo(OperationResult.Outcome.DECLINED);
    assertThat(result.message()).contains("declined");
  }

  @Test
  void refundIsNotSentAgainAfterAnUnauthorisedAnswerAndTheNextOneUsesAFreshToken() throws Exception {
    FellohProvider provider = FellohFixtures.provider(server);
    server.enqueue(ok("token.json"));
    server.enqueue(json(401, "error-unauthorised.json"));

    assertThatThrownBy(() -> provider.refund(paidPayment(), operation(OperationKind.REFUND, "25.00")))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("not sent again");
    assertThat(server.getRequestCount()).isEqualTo(2);

    server.enqueue(ok("token.json"));
    server.enqueue(ok("refund-accepted.json"));
    server.enqueue(ok("refunds-list-paid.json"));
    provider.refund(paidPayment(), operation(OperationKind.REFUND, "25.00"));

    server.takeRequest();
    server.takeRequest();
    assertThat(path(server.takeRequest())).isEqualTo("/token");
    assertThat(path(server.takeRequest())).endsWith("/refund");
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void refundServerErrorIsTransientWithNoSecondPost() {
    server.enqueue(ok("token.json"));
    server.enqueue(json(500, "error-server.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server)
        .refund(paidPayment(), operation(OperationKind.REFUND, "25.00")))
        .isInstanceOf(TransientNetworkException.class)
        .extracting(e -> ((TransientNetworkException) e).providerRequestId())
        .isEqualTo("9b1deb4d-0000-4bad-9bdd-000000000500");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void refundTimeoutIsTransientWithNoSecondPost() {
    server.enqueue(ok("token.json"));
    server.enqueue(FellohFixtures.slow("refund-accepted.json", Duration.ofSeconds(2)));

    assertThatThrownBy(() -> FellohFixtures.provider(server)
        .refund(paidPayment(), operation(OperationKind.REFUND, "25.00")))
        .isInstanceOf(TransientNetworkException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void refundInAnotherCurrencyIsRefused() {
    var op = new io.checkoutbridge.api.spi.ProviderOperation(OperationKind.REFUND,
        io.checkoutbridge.api.Money.of("5", "JPY"), java.util.List.of(), false, "op-key-0002", "x", null);

    assertThatThrownBy(() -> FellohFixtures.provider(server).refund(paidPayment(), op))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(server.getRequestCount()).isZero();
  }
}
