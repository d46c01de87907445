package io.checkoutbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A checkout form sent twice (a double click, a reload) starts one payment. */
class FormTokensTest {

  @Test
  void aFormSubmittedTwiceAtOnceStartsOnePaymentAndBothAnswersGoToIt() throws Exception {
    FormTokens tokens = new FormTokens();
    String token = tokens.issue();
    AtomicInteger starts = new AtomicInteger();
    CountDownLatch firstRunning = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<FormTokens.Outcome> first = pool.submit(() -> tokens.submit(token, () -> {
        starts.incrementAndGet();
        firstRunning.countDown();
        try {
          assertThat(release.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
          throw new java.io.InterruptedIOException();
        }
        return "https://provider.example/pay/1";
      }));
      assertThat(firstRunning.await(10, TimeUnit.SECONDS)).isTrue();
      Future<FormTokens.Outcome> second = pool.submit(() -> tokens.submit(token, () -> {
        starts.incrementAndGet();
        return "https://provider.example/pay/2";
      }));
      release.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(new FormTokens.Outcome(true, "https://provider.example/pay/1"));
      assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(new FormTokens.Outcome(false, "https://provider.example/pay/1"));
      assertThat(starts).hasValue(1);
      assertThat(tokens.submit(token, () -> "again")).as("a third, later send").isEqualTo(
          new FormTokens.Outcome(false, "https://provider.example/pay/1"));
      assertThat(starts).hasValue(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSendThatStartedNothingLeavesTheFormUsableAndUnknownFormsAreStale() throws Exception {
    FormTokens tokens = new FormTokens();
    String token = tokens.issue();
    assertThat(tokens.submit(token, () -> null)).isEqualTo(new FormTokens.Outcome(true, null));
    assertThat(tokens.submit(token, () -> "https://provider.example/pay/3"))
        .isEqualTo(new FormTokens.Outcome(true, "https://provider.example/pay/3"));
    assertThat(tokens.submit("never-issued", () -> "x")).isEqualTo(FormTokens.Outcome.STALE);
    assertThat(tokens.submit(null, () -> "x")).isEqualTo(FormTokens.Outcome.STALE);
  }
}
