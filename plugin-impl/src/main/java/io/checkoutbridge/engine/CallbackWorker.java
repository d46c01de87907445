package io.checkoutbridge.engine;

import io.checkoutbridge.api.error.PaymentException;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Processes accepted callback deliveries off the request thread. At most one pass per payment runs
 * on this node at a time: deliveries for a payment that arrive while its pass runs are covered by
 * one more pass, not one each, so a burst of notifications about one payment costs one or two
 * fetches of the provider's state. A retry takes each due payment on one node only (a lease in the
 * database, see {@link PaymentEngine#claimDueCallbacks}); a delivery's first pass runs on the node
 * that received it. (A first pass and another node's retry may still overlap when the first pass
 * outlasts the retry wait; applying the provider's state is idempotent.)
 *
 * <p>Nothing here is durable and nothing needs to be: a delivery is in the inbox before it is
 * submitted, and one that is never processed here (a full executor, a stopped server, a failed
 * attempt) falls due and is submitted again by {@link #retryDue()}.
 *
 * <p>Thread-safe.
 */
public final class CallbackWorker {
  private static final Logger LOG = Logger.getLogger(CallbackWorker.class.getName());
  /** Payments submitted by one {@link #retryDue()}; the rest wait for the next. */
  static final int RETRIES_PER_ROUND = 200;

  private final PaymentEngine engine;
  private final Executor executor;
  private final Clock clock;
  /** Payments with a pass queued or running, and how many submissions they have had. */
  private final ConcurrentHashMap<String, Integer> submissions = new ConcurrentHashMap<>();

  public CallbackWorker(PaymentEngine engine, Executor executor, Clock clock) {
    this.engine = engine;
    this.executor = executor;
    this.clock = clock;
  }

  /** Asks for a pass over the payment's pending deliveries; returns at once. */
  public void submit(String paymentId) {
    boolean[] first = {false};
    submissions.compute(paymentId, (id, count) -> {
      first[0] = count == null;
      return count == null ? 1 : count + 1;
    });
    if (!first[0]) {
      return; // the running pass goes round once more
    }
    try {
      executor.execute(() -> drain(paymentId));
    } catch (RejectedExecutionException e) {
      submissions.remove(paymentId);
      LOG.fine(() -> "no thread for the callbacks of payment " + paymentId + " now; they are retried when due");
    }
  }

  /**
   * Takes the payments whose deliveries are due (failed before, or never processed) and submits
   * them; for a timer. Never throws: a timer's task that throws is never run again.
   *
   * @return how many payments this node took
   */
  public int retryDue() {
    try {
      List<String> due = engine.claimDueCallbacks(clock.instant(), RETRIES_PER_ROUND);
      due.forEach(this::submit);
      return due.size();
    } catch (PaymentException e) {
      LOG.warning(() -> "could not look for callbacks due for a retry: " + e.getMessage());
      return 0;
    } catch (RuntimeException e) {
      // Thrown from a timer's task, this would end the task for good: no retry would ever come again.
      LOG.log(Level.WARNING, "could not look for callbacks due for a retry", e);
      return 0;
    }
  }

  /** Whether no pass is queued or running on this node. */
  public boolean idle() {
    return submissions.isEmpty();
  }

  private void drain(String paymentId) {
    while (true) {
      Integer seen = submissions.get(paymentId);
      try {
        engine.processCallbacks(paymentId);
      } catch (PaymentException e) {
        LOG.warning(() -> "callbacks for payment " + paymentId + " not processed, retried later: "
            + e.code().code() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "callbacks for payment " + paymentId + " not processed, retried later", e);
      }
      if (submissions.remove(paymentId, seen)) {
        return; // nothing submitted during the pass
      }
    }
  }
}
