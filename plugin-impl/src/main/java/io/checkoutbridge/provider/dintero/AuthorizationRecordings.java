package io.checkoutbridge.provider.dintero;

import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The authorizations this node has recorded on Dintero orders, or is recording now, by transaction
 * (the newest {@value #REMEMBERED}). The shopper's return and the provider's callback often fetch a
 * payment at the same moment, and both find its authorization not yet recorded on the order: the
 * second waits for the first's record instead of sending its own, which Dintero would refuse. A
 * record sent by another node meanwhile is still refused; the caller checks the order's records then.
 *
 * <p>Thread-safe.
 */
final class AuthorizationRecordings {
  static final int REMEMBERED = 1024;

  /** Sends the record. */
  @FunctionalInterface
  interface Recording {
    void send() throws PaymentException;
  }

  private final Map<String, CompletableFuture<Void>> byTransaction = Collections.synchronizedMap(
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Void>> eldest) {
          return size() > REMEMBERED;
        }
      });
  private final Duration wait;

  /** @param wait how long to wait for a record in flight before sending one anyway */
  AuthorizationRecordings(Duration wait) {
    this.wait = wait;
  }

  /**
   * Returns once the transaction's authorization is recorded, by this call or by one before it on
   * this node; sends the record only when none was sent, or the one sent failed or did not finish
   * in time.
   *
   * @throws PaymentException when this call's record fails (the next fetch tries again)
   */
  void recordOnce(String transactionId, Recording recording) throws PaymentException {
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> earlier = byTransaction.putIfAbsent(transactionId, mine);
    if (earlier != null) {
      if (recorded(earlier)) {
        return;
      }
      recording.send(); // a failed or slow record: send one, unregistered (a duplicate is refused)
      return;
    }
    try {
      recording.send();
      mine.complete(null);
    } catch (PaymentException | RuntimeException e) {
      mine.completeExceptionally(e);
      byTransaction.remove(transactionId, mine);
      throw e;
    }
  }

  private boolean recorded(CompletableFuture<Void> earlier) throws PaymentException {
    try {
      earlier.get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException notRecorded) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientNetworkException("interrupted while the authorization was being recorded", null, e);
    }
  }
}
