package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.SweepStore;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The sweeper settles what was left unsettled (a closed tab, a lost callback, a server that stopped
 * between the phases of an operation) from the provider's state, backs off, stops when settled,
 * survives its own failures, and lets one node take each due payment. On H2 and on PostgreSQL.
 */
class SweeperTest {

  private static Money gbp(String amount) {
    return Money.of(amount, "GBP");
  }

  private static AdminCommand command(Selection selection) {
    return new AdminCommand(selection, "test reason", "admin", "key-" + UUID.randomUUID());
  }

  private static String start(EngineFixture f) throws PaymentException {
    return f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-" + UUID.randomUUID().toString().substring(0, 8)))
        .paymentId();
  }

  private static Instant nextSweep(EngineFixture f, String id) throws Exception {
    try (Connection c = f.database.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT next_sweep_at FROM cb_payment WHERE id = '" + id + "'")) {
      rs.next();
      java.time.OffsetDateTime at = rs.getObject(1, java.time.OffsetDateTime.class);
      return at == null ? null : at.toInstant();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aPaymentWhoseShopperClosedTheTabIsSettledFromTheProvidersStateWhenDue(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = start(f);
      f.provider.authorize(id); // paid at the provider; neither the return nor a callback came
      Sweeper sweeper = f.sweeper(f.engine);
      assertThat(sweeper.sweepDue().claimed()).as("not due yet").isZero();
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);

      f.clock.advance(Duration.ofSeconds(31));
      Sweeper.Round round = sweeper.sweepDue();
      assertThat(round.claimed()).isEqualTo(1);
      assertThat(round.settled()).isEqualTo(1);
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(nextSweep(f, id)).as("settled: never due again").isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anUndecidedPaymentIsLookedAtAgainAfterDoublingWaitsUntilTheWindowEnds(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = start(f);
      Sweeper sweeper = f.sweeper(f.engine);
      Instant before = f.clock.instant();
      f.clock.advance(Duration.ofSeconds(31));
      sweeper.sweepDue();
      Instant first = nextSweep(f, id);
      assertThat(Duration.between(f.clock.instant(), first)).isEqualTo(Duration.ofSeconds(60));
      f.clock.advance(Duration.ofSeconds(61));
      sweeper.sweepDue();
      assertThat(Duration.between(f.clock.instant(), nextSweep(f, id))).isEqualTo(Duration.ofSeconds(120));
      f.clock.advance(Duration.between(before, before.plus(Duration.ofHours(2))));
      sweeper.sweepDue();
      assertThat(nextSweep(f, id)).as("the authorisation window has ended").isNull();
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aCaptureTheProviderDidBeforeTheServerStoppedIsRecordedByTheNextServersSweep(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = start(f);
      f.provider.authorize(id);
      f.engine.refresh(id);
      f.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.CRASH_AFTER_APPLY);
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.remaining())))
          .isInstanceOf(ScriptedProvider.ServerStopped.class);

      PaymentEngine restarted = f.restarted();
      f.clock.advance(Duration.ofSeconds(31));
      f.sweeper(restarted).sweepDue();
      PaymentView view = restarted.payment(id).orElseThrow();
      assertThat(view.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(view.ledger().captured()).isEqualTo(gbp("53.95"));
      assertThat(view.ledger().hasPendingOperation()).isFalse();
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
      assertThat(nextSweep(f, id)).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aCaptureThatNeverLeftBeforeTheServerStoppedIsReleasedOnlyAfterResolveAfter(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = start(f);
      f.provider.authorize(id);
      f.engine.refresh(id);
      f.provider.failNext(OperationKind.CAPTURE, ScriptedProvider.Fault.CRASH_BEFORE_APPLY);
      assertThatThrownBy(() -> f.engine.capture(id, command(Selection.remaining())))
          .isInstanceOf(ScriptedProvider.ServerStopped.class);

      PaymentEngine restarted = f.restarted();
      Sweeper sweeper = f.sweeper(restarted);
      f.clock.advance(Duration.ofSeconds(31));
      sweeper.sweepDue();
      assertThat(restarted.payment(id).orElseThrow().ledger().pendingCapture()).isEqualTo(gbp("53.95"));
      f.clock.advance(Duration.ofSeconds(61));
      sweeper.sweepDue();
      PaymentView released = restarted.payment(id).orElseThrow();
      assertThat(released.ledger().hasPendingOperation()).isFalse();
      assertThat(released.status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(restarted.capture(id, command(Selection.remaining())).status()).isEqualTo(PaymentStatus.CAPTURED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void theSweeperSurvivesFailuresOfTheProviderAndTheDatabaseAndBacksOff(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = start(f);
      Sweeper sweeper = f.sweeper(f.engine);
      f.clock.advance(Duration.ofSeconds(31));
      f.provider.breakFetches(new IllegalStateException("scripted bug"));
      sweeper.sweepDue();
      assertThat(nextSweep(f, id)).isAfter(f.clock.instant());
      f.dataSource.failNext(1);
      assertThat(sweeper.sweepDue().due()).isZero();
      f.dataSource.breakWith(new IllegalStateException("scripted driver bug"));
      assertThat(sweeper.sweepDue().due()).isZero();
      f.dataSource.breakWith(null);

      f.provider.breakFetches(null);
      f.provider.authorize(id);
      f.clock.advance(Duration.ofMinutes(2));
      sweeper.sweepDue();
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void oneNodeTakesEachDuePayment(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      start(f);
      f.clock.advance(Duration.ofSeconds(31));
      Database db = new Database(f.dataSource);
      SweepStore store = new SweepStore();
      Instant now = f.clock.instant();
      List<SweepStore.Due> seenByA = db.read(c -> store.due(c, now, 10));
      List<SweepStore.Due> seenByB = db.read(c -> store.due(c, now, 10));
      assertThat(seenByA).hasSize(1).isEqualTo(seenByB);
      boolean a = db.inTransaction(c -> store.claim(c, seenByA.get(0), now.plusSeconds(300)));
      boolean b = db.inTransaction(c -> store.claim(c, seenByB.get(0), now.plusSeconds(300)));
      assertThat(List.of(a, b)).containsExactly(true, false);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void theCallbackRetryTimerSurvivesABugInTheDatabaseDriver(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      CallbackWorker worker = new CallbackWorker(f.engine, Runnable::run, f.clock);
      f.dataSource.breakWith(new IllegalStateException("scripted driver bug"));
      assertThat(worker.retryDue()).isZero();
    }
  }
}
