package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The worker runs one pass per payment at a time and leaves what it cannot do to the retry. */
class CallbackWorkerTest {

  /** Runs tasks only when told, so a test decides what happens during a pass. */
  private static final class ManualExecutor implements Executor {
    final Deque<Runnable> queued = new ArrayDeque<>();
    boolean rejecting;

    @Override
    public void execute(Runnable task) {
      if (rejecting) {
        throw new RejectedExecutionException("full");
      }
      queued.add(task);
    }

    void runAll() {
      while (!queued.isEmpty()) {
        queued.poll().run();
      }
    }
  }

  @Test
  void submissionsWhileAPassIsQueuedShareThatPass() throws Exception {
    try (EngineFixture f = new EngineFixture(TestDatabase.Kind.H2)) {
      ManualExecutor executor = new ManualExecutor();
      CallbackWorker worker = new CallbackWorker(f.engine, executor, Clock.systemUTC());
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("WORKER-1")).paymentId();
      f.provider.authorize(id);
      for (String key : new String[] {"a", "b", "c"}) {
        f.engine.acceptCallback(ScriptedProvider.ID, id, new CallbackVerification("scripted:" + key, key));
        worker.submit(id);
      }
      assertThat(executor.queued).hasSize(1);
      int fetches = f.provider.fetches();

      executor.runAll();

      // One pass, and one more for the submissions that came while it was queued: it finds nothing left.
      assertThat(f.provider.fetches()).isEqualTo(fetches + 1);
      assertThat(CallbackInboxTest.inbox(f, id)).allMatch(row -> row.contains("|APPLIED|"));
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(worker.idle()).isTrue();
    }
  }

  /** A provider that runs a hook once, while the plugin is fetching its state. */
  private static final class ProviderWithHook extends ScriptedProvider {
    Runnable duringNextFetch;

    @Override
    public ProviderState fetchState(ProviderPayment payment) throws PaymentException {
      ProviderState state = super.fetchState(payment);
      Runnable hook = duringNextFetch;
      duringNextFetch = null;
      if (hook != null) {
        hook.run();
      }
      return state;
    }
  }

  @Test
  void aDeliveryAcceptedDuringAPassIsProcessedByAnotherRound() throws Exception {
    ProviderWithHook provider = new ProviderWithHook();
    try (EngineFixture f = new EngineFixture(TestDatabase.Kind.H2, Duration.ofMinutes(1), provider)) {
      ManualExecutor executor = new ManualExecutor();
      CallbackWorker worker = new CallbackWorker(f.engine, executor, Clock.systemUTC());
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("WORKER-2")).paymentId();
      f.provider.authorize(id);
      f.engine.acceptCallback(ScriptedProvider.ID, id, new CallbackVerification("scripted:auth", "auth"));
      worker.submit(id);
      // The provider captures and notifies after answering the first pass's fetch: that pass
      // applies AUTHORIZED only, and must not mark the capture's delivery processed.
      provider.duringNextFetch = () -> {
        f.provider.captureAtProvider(id, Money.of("53.95", "GBP"));
        try {
          f.engine.acceptCallback(ScriptedProvider.ID, id, new CallbackVerification("scripted:capture", "capture"));
        } catch (PaymentException e) {
          throw new AssertionError(e);
        }
        worker.submit(id);
      };

      executor.runAll();

      assertThat(executor.queued).isEmpty();
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(CallbackInboxTest.inbox(f, id)).containsExactly("scripted:auth|1|APPLIED|0|-",
          "scripted:capture|1|APPLIED|0|-");
      assertThat(f.notifications).extracting(n -> n.current())
          .containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED);
      assertThat(worker.idle()).isTrue();
    }
  }

  @Test
  void whatTheExecutorRefusesIsTakenUpByTheRetryOnceDue() throws Exception {
    try (EngineFixture f = new EngineFixture(TestDatabase.Kind.H2)) {
      ManualExecutor executor = new ManualExecutor();
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("WORKER-3")).paymentId();
      f.provider.authorize(id);
      f.engine.acceptCallback(ScriptedProvider.ID, id, new CallbackVerification("scripted:a", "a"));
      executor.rejecting = true;
      new CallbackWorker(f.engine, executor, Clock.systemUTC()).submit(id);
      executor.rejecting = false;
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.STARTED);

      CallbackWorker now = new CallbackWorker(f.engine, executor, Clock.systemUTC());
      assertThat(now.retryDue()).as("not due yet: the first pass may still be on its way").isZero();
      Clock later = Clock.fixed(Instant.now().plus(Duration.ofSeconds(31)), ZoneOffset.UTC);
      CallbackWorker afterTheWait = new CallbackWorker(f.engine, executor, later);
      assertThat(afterTheWait.retryDue()).isEqualTo(1);
      executor.runAll();

      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(afterTheWait.retryDue()).isZero();
    }
  }

  @Test
  void aFailingPassIsLoggedNotThrownAndTheDeliveryStaysDue() throws Exception {
    try (EngineFixture f = new EngineFixture(TestDatabase.Kind.H2)) {
      ManualExecutor executor = new ManualExecutor();
      CallbackWorker worker = new CallbackWorker(f.engine, executor, Clock.systemUTC());
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("WORKER-4")).paymentId();
      f.provider.authorize(id);
      f.engine.acceptCallback(ScriptedProvider.ID, id, new CallbackVerification("scripted:a", "a"));
      f.provider.failFetches(true);
      worker.submit(id);

      executor.runAll();

      assertThat(worker.idle()).isTrue();
      assertThat(CallbackInboxTest.inbox(f, id)).containsExactly("scripted:a|1|null|1|due");
      f.provider.failFetches(false);
      worker.submit(id);
      executor.runAll();
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
    }
  }
}
