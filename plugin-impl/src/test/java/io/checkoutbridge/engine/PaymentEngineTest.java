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
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The engine end to end with the scripted provider, on H2 and on PostgreSQL. */
class PaymentEngineTest {

  private static AdminCommand command(Selection selection) {
    return new AdminCommand(selection, "test reason", "admin", "key-" + UUID.randomUUID());
  }

  private static Money gbp(String amount) {
    return Money.of(amount, "GBP");
  }

  private static String startAuthorized(EngineFixture f) throws PaymentException {
    CheckoutStart start = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-" + UUID.randomUUID().toString().substring(0, 8)));
    f.provider.authorize(start.paymentId());
    f.engine.refresh(start.paymentId());
    return start.paymentId();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void checkoutCaptureByLinesCaptureRestAndPartialRefund(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      CheckoutStart start = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-1001"));
      assertThat(start.next()).isInstanceOf(NextStep.Redirect.class);
      String id = start.paymentId();
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);

      f.provider.authorize(id);
      PaymentView authorized = f.engine.refresh(id);
      assertThat(authorized.status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(authorized.ledger().authorized()).isEqualTo(gbp("53.95"));

      PaymentView partial = f.engine.capture(id, command(Selection.lines(Map.of("l1", BigDecimal.ONE))));
      assertThat(partial.status()).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
      assertThat(partial.ledger().captured()).isEqualTo(gbp("12.00"));
      assertThat(partial.lines().get(0).capturedAmount()).isEqualTo(gbp("12.00"));
      assertThat(partial.lines().get(0).capturedQuantity()).isEqualByComparingTo("1");

      PaymentView captured = f.engine.capture(id, command(Selection.remaining()));
      assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(captured.ledger().captured()).isEqualTo(gbp("53.95"));
      assertThat(captured.lines()).allSatisfy(l -> assertThat(l.capturedAmount()).isEqualTo(l.line().total()));

      PaymentView refunded = f.engine.refund(id, command(Selection.amount(gbp("10.00"))));
      assertThat(refunded.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
      assertThat(refunded.ledger().refundable()).isEqualTo(gbp("43.95"));
      assertThat(refunded.lines().stream().map(l -> l.refundedAmount()).reduce(Money::plus).orElseThrow())
          .isEqualTo(gbp("10.00"));

      try (Connection c = f.database.dataSource().getConnection(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT status, authorized_minor, captured_minor, refunded_minor, pending_minor,"
               + " version FROM cb_payment WHERE id = '" + id + "'")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("PARTIALLY_REFUNDED");
        assertThat(rs.getLong(2)).isEqualTo(5395);
        assertThat(rs.getLong(3)).isEqualTo(5395);
        assertThat(rs.getLong(4)).isEqualTo(1000);
        assertThat(rs.getLong(5)).isZero();
      }
      try (Connection c = f.database.dataSource().getConnection(); Statement s = c.createStatement();
           ResultSet rs = s.executeQuery("SELECT SUM(captured_minor), SUM(refunded_minor) FROM cb_payment_line"
               + " WHERE payment_id = '" + id + "'")) {
        rs.next();
        assertThat(rs.getLong(1)).isEqualTo(5395);
        assertThat(rs.getLong(2)).isEqualTo(1000);
      }
      assertThat(f.notifications).extracting(n -> n.current()).containsExactly(PaymentStatus.AUTHORIZED,
          PaymentStatus.PARTIALLY_CAPTURED, PaymentStatus.CAPTURED, PaymentStatus.PARTIALLY_REFUNDED);
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void refreshAnswersThePaymentExactlyAsStored(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-VIEW")).paymentId();
      f.provider.authorize(id);
      PaymentView authorized = f.engine.refresh(id);
      assertThat(authorized.status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(authorized).isEqualTo(f.engine.payment(id).orElseThrow());

      f.engine.capture(id, new AdminCommand(Selection.lines(Map.of("l1", BigDecimal.ONE)), "ship", "admin", "view-capture-1"));
      f.provider.captureAtProvider(id, gbp("53.95"));
      PaymentView captured = f.engine.refresh(id);
      assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(captured.lines()).allSatisfy(line -> assertThat(line.capturedQuantity()).isEqualByComparingTo(line.line().quantity()));
      assertThat(captured).isEqualTo(f.engine.payment(id).orElseThrow());

      PaymentView again = f.engine.refresh(id);
      assertThat(again.events()).as("nothing new at the provider").isEqualTo(captured.events());
      assertThat(again).isEqualTo(f.engine.payment(id).orElseThrow());
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void duplicateCallbackChangesNothing(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      CheckoutStart start = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-2"));
      f.provider.authorize(start.paymentId());
      CallbackVerification delivery = new CallbackVerification("scripted:delivery-1", "test");
      assertThat(f.engine.handleCallback(ScriptedProvider.ID, start.paymentId(), delivery)).isEqualTo(CallbackOutcome.APPLIED);
      PaymentView after = f.engine.payment(start.paymentId()).orElseThrow();
      int fetches = f.provider.fetches();

      assertThat(f.engine.handleCallback(ScriptedProvider.ID, start.paymentId(), delivery)).isEqualTo(CallbackOutcome.DUPLICATE);
      PaymentView again = f.engine.payment(start.paymentId()).orElseThrow();
      assertThat(again.events()).hasSameSizeAs(after.events());
      assertThat(again.version()).isEqualTo(after.version());
      assertThat(f.provider.fetches()).isEqualTo(fetches);
      assertThat(f.notifications).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void illegalMovesAreRefusedBeforeAnyProviderCall(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      assertThatThrownBy(() -> f.engine.refund(id, command(Selection.remaining())))
          .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("nothing has been captured");
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.amount(gbp("53.96")))))
          .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("at most 53.95 GBP");
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.amount(gbp("-1.00")))))
          .isInstanceOf(InvalidRequestException.class);
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.amount(Money.of("10.00", "EUR")))))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("EUR");
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.lines(Map.of("l1", new BigDecimal("3"))))))
          .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("at most 2");
      f.engine.voidAuthorization(id, command(Selection.remaining()));
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.VOIDED);
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.remaining())))
          .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("nothing left to capture");
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isZero();
      assertThat(f.provider.calls(OperationKind.REFUND)).isZero();
      assertThat(f.provider.calls(OperationKind.VOID)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void theSameIdempotencyKeyCapturesOnce(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      AdminCommand once = command(Selection.amount(gbp("20.00")));
      f.engine.capture(id, once);
      PaymentView second = f.engine.capture(id, once);
      assertThat(second.ledger().captured()).isEqualTo(gbp("20.00"));
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void captureThatTimesOutIsSettledByFetchingNeverBySendingAgain(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      f.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.TIMEOUT_AFTER_APPLY);
      PaymentView view = f.engine.capture(id, command(Selection.remaining()));
      assertThat(view.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(view.ledger().pendingCapture().isZero()).isTrue();
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
      assertThat(view.events()).extracting(e -> e.kind()).containsSubsequence("CAPTURE_REQUESTED", "CAPTURED");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anUnknownOutcomeBlocksFurtherOperationsUntilSettled(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind, Duration.ZERO)) {
      String id = startAuthorized(f);
      f.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.TIMEOUT_AFTER_APPLY);
      f.provider.failFetches(true);
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.amount(gbp("10.00")))))
          .isInstanceOf(TransientNetworkException.class).hasMessageContaining("being confirmed");
      assertThat(f.engine.payment(id).orElseThrow().ledger().pendingCapture()).isEqualTo(gbp("10.00"));
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.amount(gbp("10.00")))))
          .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.OPERATION_IN_PROGRESS));

      f.provider.failFetches(false);
      PaymentView settled = f.engine.refresh(id);
      assertThat(settled.ledger().captured()).isEqualTo(gbp("10.00"));
      assertThat(settled.ledger().hasPendingOperation()).isFalse();
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aLateDeclineNeverMovesAnAuthorizedPaymentBackwards(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      f.provider.decline(id);
      assertThat(f.engine.refresh(id).status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aPendingReviewBecomesAuthorizedLater(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      CheckoutStart start = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-REVIEW"));
      f.provider.holdForReview(start.paymentId());
      assertThat(f.engine.refresh(start.paymentId()).status()).isEqualTo(PaymentStatus.PENDING);
      f.provider.authorize(start.paymentId());
      assertThat(f.engine.refresh(start.paymentId()).status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void providerStateWithAnotherAmountIsNotApplied(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      CheckoutStart start = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-MISMATCH"));
      f.provider.authorize(start.paymentId());
      f.provider.misreportAmount(start.paymentId(), gbp("1.00"));
      PaymentView view = f.engine.refresh(start.paymentId());
      assertThat(view.status()).isEqualTo(PaymentStatus.STARTED);
      assertThat(view.events()).extracting(e -> e.kind()).contains("STATE_MISMATCH");
      f.engine.refresh(start.paymentId());
      assertThat(f.engine.payment(start.paymentId()).orElseThrow().events())
          .filteredOn(e -> e.kind().equals("STATE_MISMATCH")).hasSize(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aCaptureMadeAtTheProviderIsRecorded(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      f.provider.captureAtProvider(id, gbp("53.95"));
      PaymentView view = f.engine.refresh(id);
      assertThat(view.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(view.lines()).allSatisfy(l -> assertThat(l.capturedAmount()).isEqualTo(l.line().total()));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aPaidAttemptWinsOverANewerFailedOne(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      CheckoutStart paid = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-ATTEMPTS"));
      f.provider.authorize(paid.paymentId());
      f.engine.refresh(paid.paymentId());
      CheckoutStart failed = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-ATTEMPTS"));
      f.provider.decline(failed.paymentId());
      f.engine.refresh(failed.paymentId());
      assertThat(f.engine.paymentsForOrder("ORDER-ATTEMPTS")).hasSize(2);
      assertThat(f.engine.orderStatus("ORDER-ATTEMPTS")).contains(PaymentStatus.AUTHORIZED);
      assertThat(f.engine.orderStatus("NO-SUCH-ORDER")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aProviderRefusalIsRecordedAndReleasesTheReservation(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      f.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.DECLINE);
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.remaining())))
          .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECLINED));
      PaymentView view = f.engine.payment(id).orElseThrow();
      assertThat(view.ledger().capturable()).isEqualTo(gbp("53.95"));
      assertThat(view.events()).extracting(e -> e.kind()).contains("CAPTURE_FAILED");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aLineCaptureAfterAnAmountCaptureNeverOverdrawsTheLine(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      f.engine.capture(id, command(Selection.amount(gbp("26.99"))));
      PaymentView view = f.engine.capture(id, command(Selection.lines(Map.of("l1", BigDecimal.ONE))));
      assertThat(view.lines().get(0).capturedAmount().compareTo(view.lines().get(0).line().total())).isLessThanOrEqualTo(0);
      PaymentView rest = f.engine.capture(id, command(Selection.remaining()));
      assertThat(rest.lines()).allSatisfy(l -> assertThat(l.capturedAmount()).isEqualTo(l.line().total()));
      assertThat(rest.ledger().captured()).isEqualTo(gbp("53.95"));
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aDeclineAtStartIsRecordedAsDeclined(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      f.provider.declineNextStart();
      assertThatThrownBy(() -> f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-DECLINED-AT-START")))
          .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DECLINED));
      assertThat(f.engine.orderStatus("ORDER-DECLINED-AT-START")).contains(PaymentStatus.DECLINED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aRefundRefusedAfterApprovalWasAskedReleasesItsReservation(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      f.engine.capture(id, command(Selection.remaining()));
      f.provider.failNext(OperationKind.REFUND, ScriptedProvider.Fault.ACCEPT_FOR_APPROVAL);
      AdminCommand refund = command(Selection.amount(gbp("20.00")));
      PaymentView waiting = f.engine.refund(id, refund);
      assertThat(waiting.ledger().pendingRefund()).isEqualTo(gbp("20.00"));
      assertThat(f.engine.refresh(id).ledger().pendingRefund()).as("accepted operations are not settled by age")
          .isEqualTo(gbp("20.00"));

      f.provider.refuseAccepted(refund.idempotencyKey());
      PaymentView released = f.engine.refresh(id);
      assertThat(released.ledger().hasPendingOperation()).isFalse();
      assertThat(released.ledger().refundable()).isEqualTo(gbp("53.95"));
      assertThat(released.events()).extracting(e -> e.kind()).endsWith("REFUND_FAILED");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aProviderReferenceFindsItsPayment(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = startAuthorized(f);
      assertThat(f.engine.paymentIdByReference(ScriptedProvider.ID, "ref-" + id)).contains(id);
      assertThat(f.engine.paymentIdByReference(ScriptedProvider.ID, "scripted-" + id)).contains(id);
      assertThat(f.engine.paymentIdByReference(ScriptedProvider.ID, "unknown")).isEmpty();
      assertThat(f.engine.paymentIdByReference("other", "ref-" + id)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anInvalidCheckoutCreatesNothing(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      var customer = Carts.customer();
      var nameless = new io.checkoutbridge.api.Customer(customer.customerId(), "Ada", " ", customer.email(), null,
          null, customer.billingAddress(), null, null);
      assertThatThrownBy(() -> f.engine.start(ScriptedProvider.ID,
          io.checkoutbridge.api.CheckoutRequest.of("ORDER-BAD", Carts.standard(), nameless)))
          .isInstanceOf(InvalidRequestException.class).hasMessageContaining("lastName");
      assertThatThrownBy(() -> f.engine.start("nope", Carts.request("ORDER-BAD")))
          .isInstanceOf(InvalidRequestException.class);
      assertThat(f.engine.paymentsForOrder("ORDER-BAD")).isEmpty();
      List<String> none = new ArrayList<>();
      assertThat(none).isEmpty();
    }
  }
}
