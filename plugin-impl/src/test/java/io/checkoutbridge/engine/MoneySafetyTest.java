package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Money stays right when the real world is slow or changes its mind: a retried attempt after a
 * decline, answers that never arrive, repeated idempotency keys, several attempts for one order,
 * and a callback worker whose provider misbehaves. On H2 and on PostgreSQL.
 */
class MoneySafetyTest {

  private static Money gbp(String amount) {
    return Money.of(amount, "GBP");
  }

  private static AdminCommand command(Selection selection) {
    return new AdminCommand(selection, "test reason", "admin", "key-" + UUID.randomUUID());
  }

  private static String order() {
    return "ORDER-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String startAuthorized(EngineFixture f) throws PaymentException {
    String id = f.engine.start(ScriptedProvider.ID, Carts.request(order())).paymentId();
    f.provider.authorize(id);
    f.engine.refresh(id);
    return id;
  }

  // ---- item 1: a decline is not the end of a session

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aLaterAuthorisationOfTheSameProviderPaymentWinsOverAnEarlierDecline(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request(order())).paymentId();
      f.provider.decline(id);
      assertThat(f.engine.refresh(id).status()).isEqualTo(PaymentStatus.DECLINED);

      f.provider.authorize(id); // the shopper tried another card in the same session
      PaymentView paid = f.engine.refresh(id);
      assertThat(paid.status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(paid.ledger().authorized()).isEqualTo(gbp("53.95"));
      assertThat(paid.events()).extracting(e -> e.kind()).containsSubsequence("DECLINED", "AUTHORIZED");
      assertThat(f.notifications).extracting(n -> n.current())
          .containsExactly(PaymentStatus.DECLINED, PaymentStatus.AUTHORIZED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anAuthorisationIsNeverUndoneByALaterDeclineOrFailure(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      f.provider.decline(id);
      assertThat(f.engine.refresh(id).status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(f.engine.payment(id).orElseThrow().events()).extracting(e -> e.kind()).doesNotContain("DECLINED");
    }
  }

  // ---- item 2: an unknown outcome is never a failure

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aServerSideStartWhoseAnswerWasLostIsBeingConfirmedAndNeverFailed(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      f.provider.authorizeServerSide(true);
      f.provider.failNextStart(ScriptedProvider.Fault.TIMEOUT_AFTER_APPLY);
      String order = order();
      CheckoutStart start = f.engine.start(ScriptedProvider.ID, Carts.request(order));
      assertThat(start.next()).as("the shopper is sent to wait, not back to pay")
          .isEqualTo(new NextStep.Done(PaymentStatus.STARTED));
      assertThat(f.engine.payment(start.paymentId()).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);
      assertThat(f.engine.orderStatus(order).orElseThrow().awaitingDecision()).isTrue();

      assertThat(f.engine.refresh(start.paymentId()).status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aRedirectStartThatGotNoAnswerLeavesThePaymentOpenNotFailed(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      f.provider.failNextStart(ScriptedProvider.Fault.ERROR_BEFORE_APPLY);
      String order = order();
      assertThatThrownBy(() -> f.engine.start(ScriptedProvider.ID, Carts.request(order)))
          .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.retryable()).isTrue());
      PaymentView attempt = f.engine.paymentsForOrder(order).get(0);
      assertThat(attempt.status()).isEqualTo(PaymentStatus.STARTED);
      assertThat(attempt.events()).extracting(e -> e.kind()).doesNotContain("START_FAILED", "FAILED");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aStartWhoseLedgerWriteFailsAfterTheProviderAnsweredStillRecordsTheProvidersIds(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      f.provider.afterStart(() -> f.dataSource.failNext(1));
      CheckoutStart start = f.engine.start(ScriptedProvider.ID, Carts.request(order()));
      assertThat(start.next()).isInstanceOf(NextStep.Redirect.class);
      try (Connection c = f.database.dataSource().getConnection(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT merchant_reference FROM cb_payment WHERE id = '"
               + start.paymentId() + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("ref-" + start.paymentId());
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aServerSideAuthorisationTheLedgerCouldNotWriteDownSendsTheShopperToWaitNotToPayAgain(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      f.provider.authorizeServerSide(true);
      f.provider.afterStart(() -> f.dataSource.failNext(10)); // the database is down for longer than the retries
      String order = order();
      CheckoutStart start = f.engine.start(ScriptedProvider.ID, Carts.request(order));
      assertThat(start.next()).isEqualTo(new NextStep.Done(PaymentStatus.STARTED));
      f.dataSource.failNext(0);
      assertThat(f.engine.orderStatus(order).orElseThrow().awaitingDecision()).isTrue();
    }
  }

  // ---- item 3: no early "safe to retry"

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aCaptureWhoseAnswerWasLostStaysPendingUntilTheProvidersStateShowsIt(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      f.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.ERROR_BEFORE_APPLY);
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.remaining())))
          .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.getMessage())
              .doesNotContain("safe to try again").contains("being confirmed"));
      PaymentView pending = f.engine.payment(id).orElseThrow();
      assertThat(pending.ledger().pendingCapture()).isEqualTo(gbp("53.95"));
      assertThat(pending.events()).extracting(e -> e.kind()).doesNotContain("CAPTURE_FAILED");
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.remaining())))
          .isInstanceOfSatisfying(PaymentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_IN_PROGRESS));

      // The provider's answer was lost, but it did capture (its 503 came from a proxy after it acted).
      f.provider.captureAtProvider(id, gbp("53.95"));
      PaymentView captured = f.engine.refresh(id);
      assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(captured.ledger().captured()).isEqualTo(gbp("53.95"));
      assertThat(captured.ledger().hasPendingOperation()).isFalse();
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aLostCaptureIsReleasedOnlyAfterResolveAfterWhenTheProviderNeverShowsIt(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      f.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.ERROR_BEFORE_APPLY);
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.remaining())))
          .isInstanceOf(PaymentException.class);
      f.clock.advance(Duration.ofSeconds(59));
      assertThat(f.engine.refresh(id).ledger().pendingCapture()).as("not before resolve-after")
          .isEqualTo(gbp("53.95"));
      f.clock.advance(Duration.ofSeconds(2));
      PaymentView released = f.engine.refresh(id);
      assertThat(released.ledger().hasPendingOperation()).isFalse();
      assertThat(released.events()).extracting(e -> e.kind()).endsWith("CAPTURE_FAILED");
      assertThat(f.engine.capture(id, command(Selection.remaining())).status()).isEqualTo(PaymentStatus.CAPTURED);
    }
  }

  // ---- item 6: a repeated idempotency key answers with the first outcome once it is known

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aRepeatedKeyDuringAnUnsettledOperationSaysSoInsteadOfAnsweringTheInFlightState(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      AdminCommand once = command(Selection.amount(gbp("20.00")));
      f.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.TIMEOUT_AFTER_APPLY);
      f.provider.failFetches(true);
      assertThatThrownBy(() -> f.engine.capture(id, once)).isInstanceOf(PaymentException.class);
      assertThatThrownBy(() -> f.engine.capture(id, once))
          .isInstanceOfSatisfying(PaymentException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_IN_PROGRESS));

      f.provider.failFetches(false);
      f.engine.refresh(id);
      PaymentView answered = f.engine.capture(id, once);
      assertThat(answered.ledger().captured()).isEqualTo(gbp("20.00"));
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aRepeatedKeyOfARefusedOperationIsRefusedAgainWithoutCallingTheProvider(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      AdminCommand once = command(Selection.remaining());
      f.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.DECLINE);
      assertThatThrownBy(() -> f.engine.capture(id, once)).isInstanceOfSatisfying(PaymentException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.DECLINED));
      assertThatThrownBy(() -> f.engine.capture(id, once)).isInstanceOfSatisfying(PaymentException.class,
          e -> assertThat(e.code()).isEqualTo(ErrorCode.DECLINED));
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
    }
  }

  // ---- item 7: order status across attempts

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anOrderWithAPaidAttemptIsPaidEvenWhenAnotherAttemptWasRefunded(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String order = order();
      String first = f.engine.start(ScriptedProvider.ID, Carts.request(order)).paymentId();
      f.provider.authorize(first);
      f.engine.refresh(first);
      f.engine.capture(first, command(Selection.remaining()));
      f.engine.refund(first, command(Selection.remaining()));
      f.clock.advance(Duration.ofSeconds(1));
      String second = f.engine.start(ScriptedProvider.ID, Carts.request(order)).paymentId();
      f.provider.authorize(second);
      f.engine.refresh(second);
      f.engine.capture(second, command(Selection.remaining()));

      assertThat(f.engine.orderStatus(order)).contains(PaymentStatus.CAPTURED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anOrderWhoseProviderIsStillDecidingIsNotShownAsDeclinedByANewerAttempt(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String order = order();
      String first = f.engine.start(ScriptedProvider.ID, Carts.request(order)).paymentId();
      f.provider.holdForReview(first);
      f.engine.refresh(first);
      f.clock.advance(Duration.ofSeconds(1));
      String second = f.engine.start(ScriptedProvider.ID, Carts.request(order)).paymentId();
      f.provider.decline(second);
      f.engine.refresh(second);

      assertThat(f.engine.orderStatus(order)).contains(PaymentStatus.PENDING);
    }
  }

  // ---- item 9: the callback retry counts every failure

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aCallbackWhoseProcessingHitsABugIsCountedAndBackedOff(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request(order())).paymentId();
      f.provider.breakFetches(new IllegalStateException("scripted bug in the adapter"));
      assertThatThrownBy(() -> f.engine.handleCallback(ScriptedProvider.ID, id,
          new CallbackVerification("scripted:bug-1", "test"))).isInstanceOf(Exception.class);
      try (Connection c = f.database.dataSource().getConnection(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT attempts, last_error FROM cb_callback_inbox WHERE payment_id = '"
               + id + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getInt(1)).isEqualTo(1);
        assertThat(rs.getString(2)).contains("scripted bug");
      }
    }
  }
}
