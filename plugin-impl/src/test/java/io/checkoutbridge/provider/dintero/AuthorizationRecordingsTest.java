package io.checkoutbridge.provider.dintero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.error.TransientNetworkException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Checks no field sent to or read from Dintero: only that the order's authorization record (seed
 * 002, "Marking the order as authorized": {@code items}, {@code payment_details.payment_id},
 * {@code success}; its fields are checked in DinteroStateTest) is sent once per transaction.
 */
class AuthorizationRecordingsTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(2);
  private final AtomicInteger sent = new AtomicInteger();

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void aRecordInFlightIsWaitedForAndNotSentTwice() throws Exception {
    AuthorizationRecordings recordings = new AuthorizationRecordings(Duration.ofSeconds(10));
    CountDownLatch answer = new CountDownLatch(1);
    Future<?> callback = recordingInFlight(recordings, answer);

    Future<?> shopperReturn = pool.submit(() -> {
      recordings.recordOnce("T1", sent::incrementAndGet);
      return null;
    });
    Thread.sleep(100);
    assertThat(shopperReturn).as("waits for the record in flight").isNotDone();
    answer.countDown();
    callback.get(5, TimeUnit.SECONDS);
    shopperReturn.get(5, TimeUnit.SECONDS);

    assertThat(sent).hasValue(1);
    recordings.recordOnce("T1", sent::incrementAndGet);
    assertThat(sent).as("a later fetch that still saw it unrecorded").hasValue(1);
    recordings.recordOnce("T2", sent::incrementAndGet);
    assertThat(sent).as("another transaction").hasValue(2);
  }

  @Test
  void aFailedRecordIsSentAgainByTheNextFetch() throws Exception {
    AuthorizationRecordings recordings = new AuthorizationRecordings(Duration.ofSeconds(10));

    assertThatThrownBy(() -> recordings.recordOnce("T1", () -> {
      sent.incrementAndGet();
      throw new TransientNetworkException("Dintero answered 503");
    })).isInstanceOf(TransientNetworkException.class);
    recordings.recordOnce("T1", sent::incrementAndGet);
    recordings.recordOnce("T1", sent::incrementAndGet);

    assertThat(sent).hasValue(2);
  }

  @Test
  void aRecordThatDoesNotFinishInTimeIsSentAnyway() throws Exception {
    AuthorizationRecordings recordings = new AuthorizationRecordings(Duration.ofMillis(50));
    CountDownLatch answer = new CountDownLatch(1);
    Future<?> stuck = recordingInFlight(recordings, answer);

    recordings.recordOnce("T1", sent::incrementAndGet);

    assertThat(sent).hasValue(2);
    answer.countDown();
    stuck.get(5, TimeUnit.SECONDS);
  }

  @Test
  void onlyTheNewestTransactionsAreRemembered() throws Exception {
    AuthorizationRecordings recordings = new AuthorizationRecordings(Duration.ofSeconds(1));
    for (int i = 0; i <= AuthorizationRecordings.REMEMBERED; i++) {
      recordings.recordOnce("T" + i, sent::incrementAndGet);
    }
    recordings.recordOnce("T" + AuthorizationRecordings.REMEMBERED, sent::incrementAndGet);
    recordings.recordOnce("T0", sent::incrementAndGet);

    assertThat(sent).as("the newest is remembered, the eldest forgotten").hasValue(AuthorizationRecordings.REMEMBERED + 2);
  }

  /** Starts recording T1 on another thread; returns once it is sent, its answer held until {@code answer}. */
  private Future<?> recordingInFlight(AuthorizationRecordings recordings, CountDownLatch answer) throws Exception {
    CountDownLatch sending = new CountDownLatch(1);
    Future<?> recording = pool.submit(() -> {
      recordings.recordOnce("T1", () -> {
        sent.incrementAndGet();
        sending.countDown();
        await(answer);
      });
      return null;
    });
    assertThat(sending.await(5, TimeUnit.SECONDS)).isTrue();
    return recording;
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
