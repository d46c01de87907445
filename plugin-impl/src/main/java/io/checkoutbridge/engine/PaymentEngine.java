package io.checkoutbridge.engine;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.PaymentEventView;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentStatusChanged;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.ProviderInfo;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.spi.DocumentSource;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.PaymentRecord;
import io.checkoutbridge.store.PaymentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The engine as the storefront, the servlets and the admin see it: one facade over the jobs that
 * change payments, each in its own class of this package. {@link CheckoutStarts} starts checkouts;
 * {@link CallbackInbox} records and processes provider callbacks; {@link StateReconciliation}
 * applies the provider's truth; {@link TwoPhaseOperations} captures, refunds and voids; the
 * {@link Sweeper} (built beside the engine, for a timer) settles what was left unsettled. They
 * share {@link TransactionCore}: every change runs under the payment's row lock, in one
 * transaction, where the history is read, new events appended and the ledger summary rewritten
 * from the replay. Provider calls happen outside the lock; their results are applied under it,
 * forward only and idempotently, so a return, a callback, an admin action, a sweep and a
 * reconciliation racing on one payment produce one transition each.
 *
 * <p>Thread-safe. Storefront notifications are sent after commit.
 */
public final class PaymentEngine implements Payments {
  private final TransactionCore core;
  private final StateReconciliation reconciliation;
  private final CallbackInbox inbox;
  private final TwoPhaseOperations operations;
  private final CheckoutStarts starts;
  private final Duration resolveAfter;

  /**
   * @param providers enabled providers by id, in the order they are offered
   * @param notifier receives status changes after commit
   * @param documents supplies invoices and credit notes, or {@code null}
   * @param resolveAfter how long an operation may stay unanswered before reconciliation settles it
   * @param callbackRetry when an accepted callback delivery falls due if it is still unprocessed,
   *     and the first wait after a failed attempt
   */
  public PaymentEngine(Database db, Map<String, PaymentProvider> providers, Endpoints endpoints, Clock clock,
      Consumer<PaymentStatusChanged> notifier, DocumentSource documents, Duration resolveAfter,
      Duration callbackRetry) {
    this(db, providers, endpoints, clock, notifier, documents, resolveAfter, callbackRetry, SweepPolicy.defaults());
  }

  /**
   * @param sweep when a payment left unsettled is looked at again by the {@link Sweeper}
   * @see #PaymentEngine(Database, Map, Endpoints, Clock, Consumer, DocumentSource, Duration, Duration)
   */
  public PaymentEngine(Database db, Map<String, PaymentProvider> providers, Endpoints endpoints, Clock clock,
      Consumer<PaymentStatusChanged> notifier, DocumentSource documents, Duration resolveAfter,
      Duration callbackRetry, SweepPolicy sweep) {
    this.core = new TransactionCore(db, providers, clock, notifier, sweep);
    this.reconciliation = new StateReconciliation(core, resolveAfter);
    this.inbox = new CallbackInbox(core, reconciliation, callbackRetry);
    this.operations = new TwoPhaseOperations(core, reconciliation, documents, resolveAfter);
    this.starts = new CheckoutStarts(core, reconciliation, endpoints);
    this.resolveAfter = resolveAfter;
  }

  // ---------------------------------------------------------------- storefront

  /** How long an operation whose answer was lost may stay reserved when the provider never shows it. */
  public Duration resolveAfter() {
    return resolveAfter;
  }

  @Override
  public List<ProviderInfo> providers() {
    return core.providers.values().stream()
        .map(p -> new ProviderInfo(p.id(), p.displayName(), p.capabilities()))
        .toList();
  }

  public Optional<PaymentProvider> provider(String id) {
    return core.provider(id);
  }

  @Override
  public CheckoutStart start(String providerId, CheckoutRequest request) throws PaymentException {
    return starts.start(providerId, request);
  }

  @Override
  public Optional<PaymentView> payment(String paymentId) {
    return core.payment(paymentId);
  }

  @Override
  public List<PaymentView> paymentsForOrder(String orderReference) {
    try {
      return core.db.read(c -> {
        List<PaymentView> views = new ArrayList<>();
        for (PaymentStore.Snapshot p : core.store.snapshotsByOrderReference(c, orderReference)) {
          views.add(core.view(c, p));
        }
        return views;
      });
    } catch (PaymentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public Optional<PaymentStatus> orderStatus(String orderReference) {
    List<PaymentView> attempts = paymentsForOrder(orderReference);
    if (attempts.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(orderStatusOf(attempts.stream().map(PaymentView::status).toList()));
  }

  /**
   * What an order's attempts (newest first) mean to the shop: the newest attempt that is paid and
   * not wholly refunded (an expired or refunded attempt never hides a paid one); else a provider
   * still deciding (the shopper must not be asked to pay again meanwhile); else a refunded one;
   * else the newest attempt.
   */
  static PaymentStatus orderStatusOf(List<PaymentStatus> newestFirst) {
    return newestFirst.stream().filter(s -> s.paid() && s != PaymentStatus.REFUNDED).findFirst()
        .or(() -> newestFirst.stream().filter(s -> s == PaymentStatus.PENDING).findFirst())
        .or(() -> newestFirst.stream().filter(s -> s == PaymentStatus.REFUNDED).findFirst())
        .orElse(newestFirst.get(0));
  }

  // ---------------------------------------------------------------- provider truth

  @Override
  public PaymentView refresh(String paymentId) throws PaymentException {
    return reconciliation.fetchAndApply(paymentId).view();
  }

  /**
   * What a refresh saw: the provider's own view of the payment, whether it matched the payment
   * (reference, amount, currency) and was applied, and the payment afterwards.
   */
  public record Refreshed(PaymentView payment, ProviderState providerState, boolean applied) {}

  /** {@link #refresh} that also tells what the provider said, for the admin's "at the provider" view. */
  public Refreshed refreshFromProvider(String paymentId) throws PaymentException {
    StateReconciliation.Fetched fetched = reconciliation.fetchAndApply(paymentId);
    return new Refreshed(fetched.view(), fetched.state(), fetched.applied());
  }

  /**
   * Refreshes only when the last refresh is older than {@code minInterval}, so a polling page does
   * not hammer the provider.
   */
  public PaymentView refreshIfStale(String paymentId, Duration minInterval) throws PaymentException {
    PaymentRecord p = core.record(paymentId);
    if (p.lastRefreshedAt() == null || p.lastRefreshedAt().plus(minInterval).isBefore(core.now())) {
      return refresh(paymentId);
    }
    return payment(paymentId).orElseThrow();
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
  public CallbackOutcome acceptCallback(String providerId, String paymentId, CallbackVerification verification)
      throws PaymentException {
    return inbox.acceptCallback(providerId, paymentId, verification);
  }

  /**
   * Processes a payment's pending callback deliveries: fetches the provider's state once for all of
   * them and applies it; the deliveries are marked processed in the transaction that applies the
   * state, both or neither. When the state cannot be fetched or saved, or anything else fails, the
   * deliveries stay pending and fall due again after a delay that doubles with every attempt (from
   * the configured {@code callback.retry-after} up to an hour), and the failure is thrown.
   *
   * @return what the deliveries did ({@link CallbackOutcome#APPLIED} or
   *     {@link CallbackOutcome#MISMATCH}), or empty when none was pending
   */
  public Optional<CallbackOutcome> processCallbacks(String paymentId) throws PaymentException {
    return inbox.processCallbacks(paymentId);
  }

  /** The wait before retry number {@code attempts + 1}: doubling from {@code callbackRetry}, at most an hour. */
  Duration retryDelay(int attempts) {
    return inbox.retryDelay(attempts);
  }

  /**
   * Records and processes a delivery at once, on the caller's thread: {@link #acceptCallback} then
   * {@link #processCallbacks}. For callers without a background executor, and for tests.
   *
   * @return {@link CallbackOutcome#DUPLICATE} when the delivery was processed before, else what
   *     processing did
   */
  public CallbackOutcome handleCallback(String providerId, String paymentId, CallbackVerification verification)
      throws PaymentException {
    return inbox.handleCallback(providerId, paymentId, verification);
  }

  /**
   * Payments with callback deliveries due at {@code at}: deliveries whose processing failed, and
   * those accepted but never processed (the server stopped first), most overdue first.
   */
  public List<String> dueCallbacks(Instant at, int max) throws PaymentException {
    return inbox.dueCallbacks(at, max);
  }

  /**
   * Takes for this node the payments with callback deliveries due at {@code at}: each one's due
   * deliveries are moved to {@code at} plus the retry wait by one conditional UPDATE, so of several
   * nodes on one database that see the same due payment exactly one takes it. Processing then marks
   * them processed or due later; if this node stops first, they fall due again for any node.
   *
   * @return the payments taken, most overdue first; another node's (or a failed claim) left out
   */
  public List<String> claimDueCallbacks(Instant at, int max) throws PaymentException {
    return inbox.claimDueCallbacks(at, max);
  }

  /** A payment's provider, status and order, read from its row alone (cheaper than {@link #payment}). */
  public record StoredPayment(String paymentId, String providerId, PaymentStatus status, String orderReference) {}

  /** The payment's row as stored, without its history and lines and without asking the provider. */
  public Optional<StoredPayment> stored(String paymentId) throws PaymentException {
    return core.db.read(c -> core.store.find(c, paymentId))
        .map(p -> new StoredPayment(p.id(), p.provider(), p.status(), p.orderReference()));
  }

  /**
   * The payment a provider's reference names (its merchant reference or the provider's payment
   * id), for notifications that arrive at one URL per merchant rather than a sealed URL per payment.
   */
  public Optional<String> paymentIdByReference(String providerId, String reference) throws PaymentException {
    return core.db.read(c -> core.store.findByProviderReference(c, providerId, reference));
  }

  // ---------------------------------------------------------------- admin operations

  @Override
  public PaymentView capture(String paymentId, AdminCommand command) throws PaymentException {
    return operate(paymentId, OperationKind.CAPTURE, command);
  }

  @Override
  public PaymentView refund(String paymentId, AdminCommand command) throws PaymentException {
    return operate(paymentId, OperationKind.REFUND, command);
  }

  @Override
  public PaymentView voidAuthorization(String paymentId, AdminCommand command) throws PaymentException {
    return operate(paymentId, OperationKind.VOID, command);
  }

  /**
   * A capture, refund or void asked from a form that showed the payment as of history entry
   * {@code seenSequence} (the last {@link io.checkoutbridge.api.PaymentEventView#sequence()} on the
   * page). Like {@link #capture}, {@link #refund} and {@link #voidAuthorization}, and in addition
   * refused with an {@link IllegalTransitionException} when the history has moved on since then:
   * two forms shown on the same state (two tabs, two admins) move money once, and the second
   * admin sees what changed before deciding again. The same command again (same idempotency key)
   * is still answered with the first outcome.
   */
  public PaymentView act(String paymentId, OperationKind kind, AdminCommand command, int seenSequence)
      throws PaymentException {
    return operations.operate(paymentId, kind, command, seenSequence);
  }

  private PaymentView operate(String paymentId, OperationKind kind, AdminCommand command) throws PaymentException {
    return operations.operate(paymentId, kind, command, null);
  }

}
