package io.checkoutbridge.engine;

import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.PaymentStore;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The callback inbox: a verified delivery is recorded durably and answered, then processed by
 * fetching the provider's state once for all pending deliveries of the payment; a failed pass
 * (of any kind) is counted and falls due again after a doubling wait.
 *
 * <p>Thread-safe.
 */
final class CallbackInbox {
  private static final Logger LOG = Logger.getLogger(CallbackInbox.class.getName());

  /** Deliveries settled by one fetch of the provider's state; more wait for the next pass. */
  private static final int CALLBACKS_PER_FETCH = 50;
  private static final Duration MAX_CALLBACK_RETRY = Duration.ofHours(1);

  private final TransactionCore core;
  private final Database db;
  private final PaymentStore store;
  private final StateReconciliation reconciliation;
  private final Duration callbackRetry;

  CallbackInbox(TransactionCore core, StateReconciliation reconciliation, Duration callbackRetry) {
    this.core = core;
    this.db = core.db;
    this.store = core.store;
    this.reconciliation = reconciliation;
    this.callbackRetry = callbackRetry;
  }

  /**
   * Records a verified callback delivery in the inbox, durably, without processing it. Answer the
   * provider once this returns; then {@link #processCallbacks} applies the provider's truth, now
   * or, if that fails or never runs, when the delivery falls due for a retry (see
   * {@link #dueCallbacks}). Nothing is lost between the two: the inbox row is the work to do.
   *
   * @return {@link CallbackOutcome#ACCEPTED} when the payment has deliveries to process (this one is
   *     new, or it came before and is not processed yet), {@link CallbackOutcome#DUPLICATE} when
   *     this delivery was processed before
   * @throws PaymentException {@code NOT_FOUND} when no payment {@code paymentId} of
   *     {@code providerId} exists; a database failure (nothing recorded: the provider should deliver again)
   */
  CallbackOutcome acceptCallback(String providerId, String paymentId, CallbackVerification verification)
      throws PaymentException {
    String key = TransactionCore.truncate(verification.dedupeKey(), 200);
    Instant now = core.now();
    PaymentStore.Receipt receipt;
    try {
      receipt = receive(providerId, paymentId, verification, key, now);
    } catch (PaymentException e) {
      if (!(e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql))) {
        throw e;
      }
      // Its twin was inserted meanwhile: this delivery is now a repeat, counted on that row.
      receipt = receive(providerId, paymentId, verification, key, now);
    }
    return switch (receipt) {
      case NEW, REPEATED_PENDING -> CallbackOutcome.ACCEPTED;
      case REPEATED_PROCESSED -> CallbackOutcome.DUPLICATE;
      case NO_SUCH_PAYMENT -> throw PaymentException.of(ErrorCode.NOT_FOUND,
          "no " + providerId + " payment " + paymentId);
    };
  }

  PaymentStore.Receipt receive(String providerId, String paymentId, CallbackVerification verification,
      String key, Instant now) throws PaymentException {
    return db.inTransaction(c -> store.receiveCallback(c, providerId, key, paymentId, verification.description(),
        now, now.plus(callbackRetry)));
  }

  /**
   * Processes a payment's pending callback deliveries: fetches the provider's state once for all of
   * them and applies it; the deliveries are marked processed in the transaction that applies the
   * state, both or neither. When the state cannot be fetched or saved, the deliveries stay pending
   * and fall due again after a delay that doubles with every attempt (from the configured
   * {@code callback.retry-after} up to an hour), and the failure is thrown.
   *
   * @return what the deliveries did ({@link CallbackOutcome#APPLIED} or
   *     {@link CallbackOutcome#MISMATCH}), or empty when none was pending
   */
  Optional<CallbackOutcome> processCallbacks(String paymentId) throws PaymentException {
    List<PaymentStore.PendingCallback> pending = db.read(c ->
        store.pendingCallbacks(c, paymentId, CALLBACKS_PER_FETCH));
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    try {
      boolean matched = reconciliation.fetchAndApply(core.providerPayment(paymentId), (c, applied) ->
          store.callbacksProcessed(c, pending, (applied ? CallbackOutcome.APPLIED : CallbackOutcome.MISMATCH).name(),
              core.now())).applied();
      return Optional.of(matched ? CallbackOutcome.APPLIED : CallbackOutcome.MISMATCH);
    } catch (PaymentException e) {
      callbacksFailed(pending, e.code().code() + ": " + e.getMessage(), e);
      throw e;
    } catch (RuntimeException e) {
      // A bug in an adapter or a listener counts as a failed attempt too: backed off, never hot-looped.
      callbacksFailed(pending, "unexpected: " + e, e);
      throw e;
    }
  }

  void callbacksFailed(List<PaymentStore.PendingCallback> pending, String error, Exception failure) {
    Instant now = core.now();
    try {
      db.inTransaction(c -> {
        store.callbacksFailed(c, pending, error, callback -> now.plus(retryDelay(callback.attempts())));
        return null;
      });
    } catch (PaymentException | RuntimeException unrecorded) {
      failure.addSuppressed(unrecorded); // still due at its first retry time: a retry comes all the same
    }
  }

  /** The wait before retry number {@code attempts + 1}: doubling from {@code callbackRetry}, at most an hour. */
  Duration retryDelay(int attempts) {
    Duration delay = callbackRetry.multipliedBy(1L << Math.min(attempts, 20));
    return delay.compareTo(MAX_CALLBACK_RETRY) > 0 ? MAX_CALLBACK_RETRY : delay;
  }

  /**
   * Records and processes a delivery at once, on the caller's thread: {@link #acceptCallback} then
   * {@link #processCallbacks}. For callers without a background executor, and for tests.
   *
   * @return {@link CallbackOutcome#DUPLICATE} when the delivery was processed before, else what
   *     processing did
   */
  CallbackOutcome handleCallback(String providerId, String paymentId, CallbackVerification verification)
      throws PaymentException {
    if (acceptCallback(providerId, paymentId, verification) == CallbackOutcome.DUPLICATE) {
      return CallbackOutcome.DUPLICATE;
    }
    // Empty: a concurrent request processed this delivery together with its own.
    return processCallbacks(paymentId).orElse(CallbackOutcome.DUPLICATE);
  }

  /**
   * Payments with callback deliveries due at {@code at}: deliveries whose processing failed, and
   * those accepted but never processed (the server stopped first), most overdue first.
   */
  List<String> dueCallbacks(Instant at, int max) throws PaymentException {
    return db.read(c -> store.paymentsWithDueCallbacks(c, at, max));
  }

  /** See {@link PaymentEngine#claimDueCallbacks}: one conditional UPDATE per due payment. */
  List<String> claimDueCallbacks(Instant at, int max) throws PaymentException {
    Instant leaseUntil = at.plus(callbackRetry);
    List<String> claimed = new ArrayList<>();
    for (String paymentId : dueCallbacks(at, max)) {
      try {
        if (db.inTransaction(c -> store.claimDueCallbacks(c, paymentId, at, leaseUntil))) {
          claimed.add(paymentId);
        }
      } catch (PaymentException e) {
        // Two nodes claiming one payment's rows in another order may deadlock: the survivor has it.
        LOG.fine(() -> "callbacks of payment " + paymentId + " not claimed here: " + e.getMessage());
      }
    }
    return claimed;
  }
}
