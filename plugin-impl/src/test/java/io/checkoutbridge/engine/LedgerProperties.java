package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Ledger;
import io.checkoutbridge.api.LineView;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.store.PaymentStore;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random sequences of captures, refunds, voids, provider-side captures and scripted faults, run
 * through the real engine on H2: whatever happens, the ledger's bounds hold and its status agrees
 * with its amounts.
 */
class LedgerProperties {
  private static EngineFixture fixture;

  @BeforeContainer
  static void open() {
    fixture = new EngineFixture(TestDatabase.Kind.H2);
  }

  @AfterContainer
  static void close() throws Exception {
    fixture.close();
  }

  enum Op { CAPTURE_AMOUNT, CAPTURE_REST, CAPTURE_LINE, REFUND_AMOUNT, REFUND_REST, VOID_REST, PROVIDER_CAPTURE,
    TIMEOUT_NEXT_CAPTURE, FAIL_NEXT_REFUND, REFRESH }

  record Step(Op op, int cents) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    return net.jqwik.api.Combinators.combine(Arbitraries.of(Op.class), Arbitraries.integers().between(1, 6000))
        .as(Step::new).list().ofMinSize(1).ofMaxSize(12);
  }

  @Property(tries = 200)
  void theLedgerStaysWithinItsBoundsWhateverHappens(@ForAll("steps") List<Step> steps) throws Exception {
    PaymentEngine engine = fixture.engine;
    String id = engine.start(ScriptedProvider.ID, Carts.request("ORDER-" + UUID.randomUUID().toString().substring(0, 8)))
        .paymentId();
    fixture.provider.authorize(id);
    engine.refresh(id);
    for (Step step : steps) {
      Money amount = Money.ofMinor(step.cents(), Carts.GBP);
      try {
        switch (step.op()) {
          case CAPTURE_AMOUNT -> engine.capture(id, cmd(Selection.amount(amount)));
          case CAPTURE_REST -> engine.capture(id, cmd(Selection.remaining()));
          case CAPTURE_LINE -> engine.capture(id, cmd(Selection.lines(Map.of("l1", BigDecimal.ONE))));
          case REFUND_AMOUNT -> engine.refund(id, cmd(Selection.amount(amount)));
          case REFUND_REST -> engine.refund(id, cmd(Selection.remaining()));
          case VOID_REST -> engine.voidAuthorization(id, cmd(Selection.remaining()));
          case PROVIDER_CAPTURE -> {
            Ledger l = engine.payment(id).orElseThrow().ledger();
            Money open = l.capturable();
            if (open.isPositive()) {
              fixture.provider.captureAtProvider(id, amount.min(open));
            }
          }
          case TIMEOUT_NEXT_CAPTURE -> fixture.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.TIMEOUT_AFTER_APPLY);
          case FAIL_NEXT_REFUND -> fixture.provider.failNext(OperationKind.REFUND, ScriptedProvider.Fault.ERROR_BEFORE_APPLY);
          case REFRESH -> engine.refresh(id);
        }
      } catch (PaymentException refusedOrFailed) {
        // refusals are expected; the invariants below must hold regardless
      }
      check(engine.payment(id).orElseThrow());
    }
    engine.refresh(id);
    check(engine.payment(id).orElseThrow());
    // The status column the admin search filters on says what the replayed ledger says.
    assertThat(storedStatus(id)).isEqualTo(engine.payment(id).orElseThrow().ledger().status());
  }

  private static PaymentStatus storedStatus(String id) throws SQLException {
    try (Connection c = fixture.database.dataSource().getConnection()) {
      return new PaymentStore().find(c, id).orElseThrow().status();
    }
  }

  private static void check(PaymentView view) {
    Ledger l = view.ledger();
    Money zero = Money.zero(l.currency());
    for (Money m : List.of(l.authorized(), l.captured(), l.refunded(), l.voided(), l.pendingCapture(), l.pendingRefund(), l.pendingVoid())) {
      assertThat(m.compareTo(zero)).isGreaterThanOrEqualTo(0);
    }
    assertThat(l.captured().plus(l.voided()).plus(l.pendingCapture()).plus(l.pendingVoid()).compareTo(l.authorized()))
        .isLessThanOrEqualTo(0);
    assertThat(l.refunded().plus(l.pendingRefund()).compareTo(l.captured())).isLessThanOrEqualTo(0);
    PaymentStatus status = l.status();
    if (status == PaymentStatus.CAPTURED) {
      assertThat(l.captured().plus(l.voided())).isEqualTo(l.authorized());
    }
    if (status == PaymentStatus.REFUNDED) {
      assertThat(l.refunded()).isEqualTo(l.captured());
    }
    Money linesCaptured = view.lines().stream().map(LineView::capturedAmount).reduce(zero, Money::plus);
    Money linesRefunded = view.lines().stream().map(LineView::refundedAmount).reduce(zero, Money::plus);
    assertThat(linesCaptured).isEqualTo(l.captured());
    assertThat(linesRefunded).isEqualTo(l.refunded());
    for (LineView line : view.lines()) {
      assertThat(line.capturedAmount().abs().compareTo(line.line().total().abs())).isLessThanOrEqualTo(0);
      assertThat(line.refundedAmount().abs().compareTo(line.capturedAmount().abs())).isLessThanOrEqualTo(0);
    }
  }

  private static AdminCommand cmd(Selection selection) {
    return new AdminCommand(selection, "property", "admin", "k-" + UUID.randomUUID());
  }
}
