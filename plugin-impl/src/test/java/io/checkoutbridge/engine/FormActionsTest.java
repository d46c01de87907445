package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Admin actions from forms: one form, one movement of money; stale forms refused; the provider's view. */
class FormActionsTest {

  private static String authorized(EngineFixture f) throws Exception {
    String id = f.engine.start(ScriptedProvider.ID, Carts.request("FORM-" + UUID.randomUUID().toString().substring(0, 8)))
        .paymentId();
    f.provider.authorize(id);
    f.engine.refresh(id);
    return id;
  }

  private static int lastSequence(PaymentView view) {
    return view.events().get(view.events().size() - 1).sequence();
  }

  /** Sends the same form again until the engine stops answering that it is in progress (10 s at most). */
  private static PaymentView askAgainUntilSettled(EngineFixture f, String id, AdminCommand command, int seen)
      throws Exception {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return f.engine.act(id, OperationKind.CAPTURE, command, seen);
      } catch (io.checkoutbridge.api.error.PaymentException e) {
        if (e.code() != io.checkoutbridge.api.error.ErrorCode.OPERATION_IN_PROGRESS || System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  private static AdminCommand form(Selection selection, String key) {
    return new AdminCommand(selection, "customer asked", "alice", key);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void twoFormsShownOnTheSameStateMoveMoneyOnce(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = authorized(f);
      int seen = lastSequence(f.engine.payment(id).orElseThrow());
      Selection tenPounds = Selection.amount(Money.of("10.00", "GBP"));

      PaymentView first = f.engine.act(id, OperationKind.CAPTURE, form(tenPounds, "tab-one-key"), seen);
      assertThat(first.ledger().captured()).isEqualTo(Money.of("10.00", "GBP"));

      assertThatThrownBy(() -> f.engine.act(id, OperationKind.CAPTURE, form(tenPounds, "tab-two-key"), seen))
          .isInstanceOf(IllegalTransitionException.class)
          .hasMessageContaining("changed since this form was shown")
          .hasMessageContaining("capture requested, captured");
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);

      // The second admin looks again and decides with what is there now.
      PaymentView now = f.engine.payment(id).orElseThrow();
      PaymentView second = f.engine.act(id, OperationKind.CAPTURE, form(tenPounds, "tab-two-key"), lastSequence(now));
      assertThat(second.ledger().captured()).isEqualTo(Money.of("20.00", "GBP"));
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void twoTabsSubmittingAtTheSameMomentCaptureOnceAndTheWinnerSeesItsCapture(TestDatabase.Kind kind)
      throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 40; round++) {
          String id = authorized(f);
          int seen = lastSequence(f.engine.payment(id).orElseThrow());
          Selection tenPounds = Selection.amount(Money.of("10.00", "GBP"));
          java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
          List<Future<PaymentView>> answers = new ArrayList<>();
          for (String tab : List.of("tab-one-" + round, "tab-two-" + round)) {
            answers.add(pool.submit(() -> {
              go.await();
              return f.engine.act(id, OperationKind.CAPTURE, form(tenPounds, tab), seen);
            }));
          }
          go.countDown();
          List<PaymentView> won = new ArrayList<>();
          List<Throwable> refused = new ArrayList<>();
          for (Future<PaymentView> answer : answers) {
            try {
              won.add(answer.get());
            } catch (java.util.concurrent.ExecutionException e) {
              refused.add(e.getCause());
            }
          }
          assertThat(won).as("round " + round).singleElement()
              .satisfies(view -> assertThat(view.ledger().captured()).isEqualTo(Money.of("10.00", "GBP")));
          // The loser is told the payment changed under its form, whichever of the two checks caught it.
          assertThat(refused).as("round " + round).singleElement()
              .isInstanceOf(IllegalTransitionException.class)
              .extracting(Throwable::getMessage).asString()
              .contains("changed since this form was shown");
          assertThat(f.engine.payment(id).orElseThrow().ledger().captured()).isEqualTo(Money.of("10.00", "GBP"));
        }
        assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(40);
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void theSameFormSentTwiceAtOnceCapturesOnce(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = authorized(f);
      int seen = lastSequence(f.engine.payment(id).orElseThrow());
      AdminCommand command = form(Selection.remaining(), "double-click-key");
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<PaymentView>> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          Callable<PaymentView> click = () -> f.engine.act(id, OperationKind.CAPTURE, command, seen);
          answers.add(pool.submit(click));
        }
        for (Future<PaymentView> answer : answers) {
          PaymentView view;
          try {
            view = answer.get();
          } catch (java.util.concurrent.ExecutionException e) {
            // A click that arrives while the first is still with the provider is told to ask again.
            assertThat(e.getCause()).isInstanceOfSatisfying(io.checkoutbridge.api.error.PaymentException.class,
                p -> assertThat(p.code()).isEqualTo(io.checkoutbridge.api.error.ErrorCode.OPERATION_IN_PROGRESS));
            view = askAgainUntilSettled(f, id, command, seen);
          }
          assertThat(view.paymentId()).isEqualTo(id);
        }
      } finally {
        pool.shutdown();
      }
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
      PaymentView after = f.engine.act(id, OperationKind.CAPTURE, command, seen);
      assertThat(after.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(after.events()).filteredOn(e -> e.kind().equals("CAPTURED")).hasSize(1);
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void refreshFromProviderTellsWhatTheProviderSaid(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("FORM-REFRESH")).paymentId();
      f.provider.authorize(id);
      PaymentEngine.Refreshed refreshed = f.engine.refreshFromProvider(id);
      assertThat(refreshed.applied()).isTrue();
      assertThat(refreshed.providerState().authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
      assertThat(refreshed.providerState().amount()).isEqualTo(Money.of("53.95", "GBP"));
      assertThat(refreshed.payment().status()).isEqualTo(PaymentStatus.AUTHORIZED);

      f.provider.misreportAmount(id, Money.of("1.00", "GBP"));
      PaymentEngine.Refreshed mismatch = f.engine.refreshFromProvider(id);
      assertThat(mismatch.applied()).isFalse();
      assertThat(mismatch.providerState().amount()).isEqualTo(Money.of("1.00", "GBP"));
      assertThat(mismatch.payment().events()).extracting(e -> e.kind()).contains("STATE_MISMATCH");
    }
  }
}
