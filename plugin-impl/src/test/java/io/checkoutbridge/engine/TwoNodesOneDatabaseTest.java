package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two nodes (two engines, each with its own callback worker and sweeper) on one database: the
 * callback retry and the sweeper take each due payment on one node only, even when both look at
 * the same moment, and a retry taken by a node that stopped falls due again for the other. On H2
 * and on PostgreSQL (one schema shared by both engines).
 */
class TwoNodesOneDatabaseTest {
  private static final int PAYMENTS = 40;

  /** Queues tasks; the test runs them on a thread of its own. */
  private static final class Queued implements java.util.concurrent.Executor {
    final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    void runAll() {
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        task.run();
      }
    }
  }

  private static List<String> authorizedWithAnUnprocessedCallback(EngineFixture f, String prefix) throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < PAYMENTS; i++) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request(prefix + "-" + i)).paymentId();
      f.provider.authorize(id);
      f.engine.acceptCallback(ScriptedProvider.ID, id, new CallbackVerification("scripted:" + i, "delivery " + i));
      ids.add(id);
    }
    return ids;
  }

  /** Runs both tasks at once (released together by a barrier) and returns their results in order. */
  private static <T> List<T> together(Callable<T> a, Callable<T> b) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier start = new CyclicBarrier(2);
      Future<T> fa = threads.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        return a.call();
      });
      Future<T> fb = threads.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        return b.call();
      });
      return Arrays.asList(fa.get(60, TimeUnit.SECONDS), fb.get(60, TimeUnit.SECONDS));
    } finally {
      threads.shutdownNow();
    }
  }

  private static long count(EngineFixture f, String sql) throws Exception {
    try (Connection c = f.database.dataSource().getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void callbackRetriesDueOnBothNodesAreEachTakenAndProcessedByOneNode(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      List<String> ids = authorizedWithAnUnprocessedCallback(f, "RETRY");
      f.clock.advance(Duration.ofSeconds(31)); // the retry wait of 30 s has passed: all due
      Queued queueA = new Queued();
      Queued queueB = new Queued();
      CallbackWorker nodeA = new CallbackWorker(f.engine, queueA, f.clock);
      CallbackWorker nodeB = new CallbackWorker(f.restarted(), queueB, f.clock);
      int fetchesBefore = f.provider.fetches();

      List<Integer> taken = together(nodeA::retryDue, nodeB::retryDue);
      assertThat(taken.get(0) + taken.get(1)).as("payments taken by A and B together").isEqualTo(PAYMENTS);
      assertThat(queueA.tasks.size() + queueB.tasks.size()).isEqualTo(PAYMENTS);

      together(() -> {
        queueA.runAll();
        return null;
      }, () -> {
        queueB.runAll();
        return null;
      });
      assertThat(f.provider.fetches() - fetchesBefore).as("one provider fetch per payment").isEqualTo(PAYMENTS);
      for (String id : ids) {
        assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
      }
      assertThat(count(f, "SELECT COUNT(*) FROM cb_callback_inbox WHERE processed_at IS NULL")).isZero();
      assertThat(nodeA.retryDue() + nodeB.retryDue()).as("nothing left due").isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aRetryTakenByANodeThatStoppedFallsDueAgainForTheOtherNode(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("STOPPED-1")).paymentId();
      f.provider.authorize(id);
      f.engine.acceptCallback(ScriptedProvider.ID, id, new CallbackVerification("scripted:a", "delivery a"));
      f.clock.advance(Duration.ofSeconds(31));
      Queued stopped = new Queued(); // node A takes the payment, then stops before its pass runs
      assertThat(new CallbackWorker(f.engine, stopped, f.clock).retryDue()).isEqualTo(1);
      CallbackWorker nodeB = new CallbackWorker(f.restarted(), Runnable::run, f.clock);
      assertThat(nodeB.retryDue()).as("A's lease holds").isZero();

      f.clock.advance(Duration.ofSeconds(31)); // A's lease (one retry wait) has run out
      assertThat(nodeB.retryDue()).isEqualTo(1);
      assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(count(f, "SELECT COUNT(*) FROM cb_callback_inbox WHERE processed_at IS NULL")).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void sweepsOnBothNodesAtOnceLookAtEachDuePaymentOnce(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < PAYMENTS; i++) {
        String id = f.engine.start(ScriptedProvider.ID, Carts.request("SWEEP-" + i)).paymentId();
        f.provider.authorize(id); // paid at the provider; neither the return nor a callback came
        ids.add(id);
      }
      f.clock.advance(Duration.ofSeconds(31));
      Sweeper nodeA = f.sweeper(f.engine);
      Sweeper nodeB = f.sweeper(f.restarted());
      int fetchesBefore = f.provider.fetches();

      List<Sweeper.Round> rounds = together(nodeA::sweepDue, nodeB::sweepDue);
      assertThat(rounds.get(0).claimed() + rounds.get(1).claimed()).as("payments looked at by A and B together")
          .isEqualTo(PAYMENTS);
      assertThat(rounds.get(0).failed() + rounds.get(1).failed()).isZero();
      assertThat(f.provider.fetches() - fetchesBefore).as("one provider fetch per payment").isEqualTo(PAYMENTS);
      for (String id : ids) {
        assertThat(f.engine.payment(id).orElseThrow().status()).isEqualTo(PaymentStatus.AUTHORIZED);
      }
      assertThat(count(f, "SELECT COUNT(*) FROM cb_payment WHERE next_sweep_at IS NOT NULL")).isZero();
    }
  }
}
