package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Twenty threads race the shopper's return, the provider's callbacks (duplicated) and admins'
 * captures on one payment: every step happens exactly once and nothing is over-captured.
 */
class ConcurrentTransitionsTest {
  private static final int THREADS = 20;

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void twentyThreadsRacingReturnCallbackAndCaptureMakeOneTransitionPerStep(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-RACE")).paymentId();
      f.provider.authorize(id);

      // Step 1: returns and callbacks (half of them duplicates of one delivery) race to authorize.
      race(i -> () -> {
        if (i % 2 == 0) {
          f.engine.refresh(id);
        } else {
          f.engine.handleCallback(ScriptedProvider.ID, id, new CallbackVerification("scripted:same-delivery", "race"));
        }
        return null;
      });
      PaymentView authorized = f.engine.payment(id).orElseThrow();
      assertThat(authorized.status()).isEqualTo(PaymentStatus.AUTHORIZED);
      assertThat(authorized.events()).filteredOn(e -> e.kind().equals("AUTHORIZED")).hasSize(1);
      assertThat(CallbackInboxTest.inbox(f, id)).as("ten deliveries of one key: one row, every one counted")
          .containsExactly("scripted:same-delivery|" + THREADS / 2 + "|APPLIED|0|-");

      // Step 2: admins (each with their own form, so their own key) race to capture everything,
      // while returns and callbacks keep arriving.
      ConcurrentLinkedQueue<ErrorCode> refusals = new ConcurrentLinkedQueue<>();
      race(i -> () -> {
        try {
          if (i % 3 == 0) {
            f.engine.refresh(id);
          } else if (i % 3 == 1) {
            f.engine.handleCallback(ScriptedProvider.ID, id, new CallbackVerification("scripted:d-" + i, "race"));
          } else {
            f.engine.capture(id, new AdminCommand(Selection.remaining(), "ship", "admin-" + i, "capture-form-" + i));
          }
        } catch (PaymentException e) {
          refusals.add(e.code());
        }
        return null;
      });

      PaymentView done = f.engine.payment(id).orElseThrow();
      assertThat(done.status()).isEqualTo(PaymentStatus.CAPTURED);
      assertThat(done.ledger().captured()).isEqualTo(done.total());
      assertThat(done.ledger().hasPendingOperation()).isFalse();
      assertThat(done.events()).filteredOn(e -> e.kind().equals("CAPTURED")).hasSize(1);
      assertThat(done.events()).filteredOn(e -> e.kind().equals("AUTHORIZED")).hasSize(1);
      assertThat(f.provider.calls(OperationKind.CAPTURE)).isEqualTo(1);
      assertThat(refusals).allMatch(code -> code == ErrorCode.OPERATION_IN_PROGRESS || code == ErrorCode.ILLEGAL_TRANSITION);
      assertThat(f.notifications).extracting(n -> n.current())
          .containsExactly(PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aPaymentReadWhileTransitionsCommitShowsOneMomentOfIt(TestDatabase.Kind kind) throws Exception {
    try (EngineFixture f = new EngineFixture(kind)) {
      String id = f.engine.start(ScriptedProvider.ID, Carts.request("ORDER-READ")).paymentId();
      f.provider.authorize(id);
      f.engine.refresh(id);
      int captures = 100;

      // One admin captures a penny at a time (two events each) while two pages read the payment.
      ExecutorService pool = Executors.newFixedThreadPool(3);
      AtomicBoolean writing = new AtomicBoolean(true);
      CountDownLatch reading = new CountDownLatch(2);
      Future<Void> admin = pool.submit(() -> {
        try {
          reading.await();
          for (int i = 0; i < captures; i++) {
            f.engine.capture(id, new AdminCommand(Selection.amount(Money.of("0.01", "GBP")), "penny", "admin",
                "penny-form-" + i));
          }
        } finally {
          writing.set(false);
        }
        return null;
      });
      ConcurrentHashMap<Long, Integer> historyByVersion = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
      List<Future<Void>> pages = new ArrayList<>();
      for (int reader = 0; reader < 2; reader++) {
        pages.add(pool.submit(() -> {
          reading.countDown();
          while (writing.get()) {
            PaymentView seen = f.engine.payment(id).orElseThrow();
            Integer before = historyByVersion.putIfAbsent(seen.version(), seen.events().size());
            if (before != null && before != seen.events().size()) {
              torn.add("version " + seen.version() + " with " + before + " and " + seen.events().size() + " events");
            }
          }
          return null;
        }));
      }
      admin.get(120, TimeUnit.SECONDS);
      for (Future<Void> page : pages) {
        page.get(10, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(torn).as("views that mixed two versions of the payment").isEmpty();
      assertThat(historyByVersion).hasSizeGreaterThan(captures / 10);
      assertThat(f.engine.payment(id).orElseThrow().ledger().captured()).isEqualTo(Money.ofMinor(captures, Carts.GBP));
    }
  }

  interface Task {
    Callable<Void> forThread(int i);
  }

  private static void race(Task task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Void>> futures = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      Callable<Void> work = task.forThread(i);
      futures.add(pool.submit(() -> {
        go.await();
        return work.call();
      }));
    }
    go.countDown();
    for (Future<Void> future : futures) {
      future.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
  }
}
