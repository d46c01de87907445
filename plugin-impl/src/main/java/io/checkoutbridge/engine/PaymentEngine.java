package io.checkoutbridge.engine;

import io.checkoutbridge.ledger.LedgerReplay;
import io.checkoutbridge.ledger.EventKind;
import io.checkoutbridge.ledger.LedgerEvent;
import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.LineView;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentEventView;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentStatusChanged;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.ProviderInfo;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.spi.Capability;
import io.checkoutbridge.api.spi.Document;
import io.checkoutbridge.api.spi.DocumentSource;
import io.checkoutbridge.api.spi.NextStep;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.ProviderMemory;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.PaymentRecord;
import io.checkoutbridge.store.PaymentStore;
import io.checkoutbridge.store.SweepStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where payments change. Every change runs under the payment's row lock, in one
 * transaction: the history is read, the new events appended, and the ledger summary rewritten from
 * the replay. Provider calls happen outside the lock; their results are applied under it, forward
 * only and idempotently, so a return, a callback, an admin action and a reconciliation racing on
 * one payment produce one transition each.
 *
 * <p>Thread-safe. Storefront notifications are sent after commit.
 */
public final class PaymentEngine implements Payments {
  private static final Logger LOG = Logger.getLogger(PaymentEngine.class.getName());
  /** Deliveries settled by one fetch of the provider's state; more wait for the next pass. */
  private static final int CALLBACKS_PER_FETCH = 50;
  private static final Duration MAX_CALLBACK_RETRY = Duration.ofHours(1);

  private final Database db;
  private final PaymentStore store = new PaymentStore();
  private final SweepStore sweeps = new SweepStore();
  private final Map<String, PaymentProvider> providers;
  private final Endpoints endpoints;
  private final Clock clock;
  private final Consumer<PaymentStatusChanged> notifier;
  private final DocumentSource documents;
  private final Duration resolveAfter;
  private final Duration callbackRetry;
  private final SweepPolicy sweep;

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
    this.sweep = sweep;
    this.db = db;
    this.providers = new LinkedHashMap<>(providers);
    this.endpoints = endpoints;
    this.clock = clock;
    this.notifier = notifier;
    this.documents = documents;
    this.resolveAfter = resolveAfter;
    this.callbackRetry = callbackRetry;
  }

  // ---------------------------------------------------------------- storefront

  /** How long an operation whose answer was lost may stay reserved when the provider never shows it. */
  public Duration resolveAfter() {
    return resolveAfter;
  }

  @Override
  public List<ProviderInfo> providers() {
    return providers.values().stream()
        .map(p -> new ProviderInfo(p.id(), p.displayName(), p.capabilities()))
        .toList();
  }

  public Optional<PaymentProvider> provider(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  @Override
  public CheckoutStart start(String providerId, CheckoutRequest request) throws PaymentException {
    PaymentProvider provider = provider(providerId)
        .orElseThrow(() -> new InvalidRequestException("no enabled payment provider '" + providerId + "'"));
    provider.validate(request);
    String paymentId = UUID.randomUUID().toString();
    Instant now = now();
    PaymentRecord record = new PaymentRecord(paymentId, providerId, request.orderReference(), null, null,
        request.cart().currency(), request.cart().total().toMinor(), PaymentStatus.STARTED,
        truncate(request.customer().fullName(), 200), truncate(request.customer().email(), 250), Map.of(),
        null, now, now, 0);
    db.inTransaction(c -> {
      store.insertPayment(c, record, request.cart().lines());
      store.append(c, paymentId, 1, event(EventKind.CREATED, record.totalMinor(), List.of(), null, null, "shopper",
          null, null, null, null));
      sweeps.schedule(c, paymentId, now.plus(sweep.firstAfter()));
      return null;
    });
    StartContext context = new StartContext(paymentId, request, endpoints.returnUrl(providerId, paymentId),
        endpoints.callbackUrl(providerId, paymentId), memory(providerId));
    StartResult result;
    try {
      result = provider.start(context);
    } catch (PaymentException e) {
      if (unknownOutcome(e)) {
        return startUnconfirmed(provider, paymentId, e);
      }
      EventKind outcome = e.code() == ErrorCode.DECLINED ? EventKind.DECLINED : EventKind.START_FAILED;
      transition(paymentId, tx -> {
        tx.append(event(outcome, null, List.of(), null, null, "provider",
            e.code().code() + ": " + e.getMessage(), e.providerRequestId(), null, null));
        return null;
      });
      throw e;
    }
    recordStart(paymentId, result);
    return new CheckoutStart(paymentId, result.next());
  }

  /** How often the answer of a start is written before giving up: the provider has acted by then. */
  private static final int START_WRITE_ATTEMPTS = 3;

  /**
   * Writes the provider's answer to a start. The provider has acted, so its ids must not be lost
   * to a database that fails for a moment: the write is tried again a few times, shortly.
   */
  private void recordStart(String paymentId, StartResult result) throws PaymentException {
    for (int attempt = 1; ; attempt++) {
      try {
        transition(paymentId, tx -> {
          tx.merchantReference = result.merchantReference();
          tx.refs.putAll(result.refs());
          if (result.state() != null) {
            applyState(tx, result.state());
          }
          return null;
        });
        return;
      } catch (PaymentException e) {
        if (e.code() != ErrorCode.STORAGE || attempt >= START_WRITE_ATTEMPTS) {
          throw e;
        }
        LOG.warning(() -> "payment " + paymentId + ": the provider's answer to the start could not be saved,"
            + " trying again: " + e.getMessage());
        pause(Duration.ofMillis(50L * attempt));
      }
    }
  }

  /**
   * Whether a failure leaves open what the provider did: no answer (timeout, connection lost, a
   * 5xx that may come from a proxy after the provider acted), or an answer we could not read.
   */
  static boolean unknownOutcome(PaymentException e) {
    return e instanceof TransientNetworkException || e.code() == ErrorCode.TRANSIENT_NETWORK
        || e.code() == ErrorCode.PROVIDER_ERROR || e.code() == ErrorCode.STORAGE;
  }

  /**
   * A start whose answer was lost: the payment stays open (STARTED, "being confirmed") and the
   * {@link Sweeper} settles it from the provider's state. Where the start itself authorises
   * (server to server), the money may be committed, so the shopper is sent to wait for the
   * outcome, never back to pay again. Where the shopper still had to go to the provider's page,
   * nothing the provider holds can take money without them, and the caller is told to try again.
   */
  private CheckoutStart startUnconfirmed(PaymentProvider provider, String paymentId, PaymentException cause)
      throws PaymentException {
    try {
      transition(paymentId, tx -> {
        tx.append(event(EventKind.START_UNCONFIRMED, null, List.of(), null, null, "provider",
            cause.code().code() + ": " + cause.getMessage(), cause.providerRequestId(), null, null));
        return null;
      });
    } catch (PaymentException unrecorded) {
      cause.addSuppressed(unrecorded); // the payment is STARTED and due for a sweep all the same
    }
    if (provider.capabilities().contains(Capability.SERVER_SIDE_AUTHORIZATION)) {
      LOG.warning(() -> "payment " + paymentId + ": the provider's answer to the authorisation was lost; it is"
          + " being confirmed from the provider's state: " + cause);
      return new CheckoutStart(paymentId, new NextStep.Done(PaymentStatus.STARTED));
    }
    throw new TransientNetworkException("the provider did not answer in time; the shopper was not sent to pay,"
        + " so this attempt cannot take money: start again", cause.providerRequestId(), cause);
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Optional<PaymentView> payment(String paymentId) {
    try {
      return db.read(c -> {
        Optional<PaymentStore.Snapshot> p = store.snapshot(c, paymentId);
        return p.isEmpty() ? Optional.<PaymentView>empty() : Optional.of(view(c, p.get()));
      });
    } catch (PaymentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  @Override
  public List<PaymentView> paymentsForOrder(String orderReference) {
    try {
      return db.read(c -> {
        List<PaymentView> views = new ArrayList<>();
        for (PaymentStore.Snapshot p : store.snapshotsByOrderReference(c, orderReference)) {
          views.add(view(c, p));
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
    return fetchAndApply(paymentId).view();
  }

  /**
   * What a refresh saw: the provider's own view of the payment, whether it matched the payment
   * (reference, amount, currency) and was applied, and the payment afterwards.
   */
  public record Refreshed(PaymentView payment, ProviderState providerState, boolean applied) {}

  /** {@link #refresh} that also tells what the provider said, for the admin's "at the provider" view. */
  public Refreshed refreshFromProvider(String paymentId) throws PaymentException {
    Fetched fetched = fetchAndApply(paymentId);
    return new Refreshed(fetched.view(), fetched.state(), fetched.applied());
  }

  /**
   * Refreshes only when the last refresh is older than {@code minInterval}, so a polling page does
   * not hammer the provider.
   */
  public PaymentView refreshIfStale(String paymentId, Duration minInterval) throws PaymentException {
    PaymentRecord p = record(paymentId);
    if (p.lastRefreshedAt() == null || p.lastRefreshedAt().plus(minInterval).isBefore(now())) {
      return refresh(paymentId);
    }
    return payment(paymentId).orElseThrow();
  }

  /** A fetch of the provider's state, whether it applied, and the payment as the transition left it. */
  private record Fetched(ProviderState state, boolean applied, PaymentView view) {}

  /** More work for the transaction that applies a provider's state, given whether it applied. */
  @FunctionalInterface
  private interface AlsoUnderLock {
    void run(Connection connection, boolean applied) throws SQLException;
  }

  /** Fetches the provider's state outside the lock and applies it under the lock. */
  private Fetched fetchAndApply(String paymentId) throws PaymentException {
    return fetchAndApply(providerPayment(paymentId), (c, applied) -> { });
  }

  private Fetched fetchAndApply(Loaded loaded, AlsoUnderLock also) throws PaymentException {
    ProviderState state = providerOf(loaded.record()).fetchState(loaded.payment());
    Viewed<Boolean> applied = transition(loaded.record().id(), loaded.payment().lines(), true, tx -> {
      boolean matched = applyState(tx, state);
      also.run(tx.connection, matched);
      return matched;
    });
    return new Fetched(state, applied.result(), applied.view());
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
    String key = truncate(verification.dedupeKey(), 200);
    Instant now = now();
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
      case NO_SUCH_PAYMENT -> throw new PaymentException(ErrorCode.NOT_FOUND,
          "no " + providerId + " payment " + paymentId);
    };
  }

  private PaymentStore.Receipt receive(String providerId, String paymentId, CallbackVerification verification,
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
  public Optional<CallbackOutcome> processCallbacks(String paymentId) throws PaymentException {
    List<PaymentStore.PendingCallback> pending = db.read(c ->
        store.pendingCallbacks(c, paymentId, CALLBACKS_PER_FETCH));
    if (pending.isEmpty()) {
      return Optional.empty();
    }
    try {
      boolean matched = fetchAndApply(providerPayment(paymentId), (c, applied) ->
          store.callbacksProcessed(c, pending, (applied ? CallbackOutcome.APPLIED : CallbackOutcome.MISMATCH).name(),
              now())).applied();
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

  private void callbacksFailed(List<PaymentStore.PendingCallback> pending, String error, Exception failure) {
    Instant now = now();
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
  public CallbackOutcome handleCallback(String providerId, String paymentId, CallbackVerification verification)
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
  public List<String> dueCallbacks(Instant at, int max) throws PaymentException {
    return db.read(c -> store.paymentsWithDueCallbacks(c, at, max));
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

  /** A payment's provider, status and order, read from its row alone (cheaper than {@link #payment}). */
  public record StoredPayment(String paymentId, String providerId, PaymentStatus status, String orderReference) {}

  /** The payment's row as stored, without its history and lines and without asking the provider. */
  public Optional<StoredPayment> stored(String paymentId) throws PaymentException {
    return db.read(c -> store.find(c, paymentId))
        .map(p -> new StoredPayment(p.id(), p.provider(), p.status(), p.orderReference()));
  }

  /**
   * The payment a provider's reference names (its merchant reference or the provider's payment
   * id), for notifications that arrive at one URL per merchant rather than a sealed URL per payment.
   */
  public Optional<String> paymentIdByReference(String providerId, String reference) throws PaymentException {
    return db.read(c -> store.findByProviderReference(c, providerId, reference));
  }

  /** Applies provider state under the lock. Returns {@code false} on a mismatch (nothing applied). */
  private boolean applyState(Tx tx, ProviderState state) throws SQLException {
    String mismatch = mismatch(tx, state);
    if (mismatch != null) {
      LedgerEvent last = tx.events.isEmpty() ? null : tx.events.get(tx.events.size() - 1);
      if (last == null || last.kind() != EventKind.STATE_MISMATCH || !mismatch.equals(last.reason())) {
        tx.append(event(EventKind.STATE_MISMATCH, null, List.of(), null, null, "provider", mismatch,
            state.providerRequestId(), state.providerPaymentId(), null));
      }
      LOG.warning(() -> "payment " + tx.record.id() + ": provider state not applied: " + mismatch);
      return false;
    }
    tx.refs.putAll(state.refs());
    if (state.providerPaymentId() != null) {
      tx.providerPaymentId = state.providerPaymentId();
    }
    tx.lastRefreshedAt = now();
    tx.touched = true;
    AuthorizationState current = tx.replay.ledger().authorization();
    if (current.canMoveTo(state.authorization())) {
      EventKind kind = switch (state.authorization()) {
        case PENDING -> EventKind.AUTHORIZATION_PENDING;
        case AUTHORIZED -> EventKind.AUTHORIZED;
        case DECLINED -> EventKind.DECLINED;
        case FAILED -> EventKind.FAILED;
        case NONE -> null;
      };
      if (kind != null) {
        Long amount = kind == EventKind.AUTHORIZED ? state.amount().toMinor() : null;
        tx.append(event(kind, amount, List.of(), null, null, "provider", state.providerStatus(),
            state.providerRequestId(), state.providerPaymentId(), null));
      }
    }
    if (tx.replay.ledger().authorization() == AuthorizationState.AUTHORIZED) {
      reconcile(tx, OperationKind.CAPTURE, state.captured(), state);
      reconcile(tx, OperationKind.REFUND, state.refunded(), state);
      reconcile(tx, OperationKind.VOID, state.voided(), state);
    }
    return true;
  }

  private String mismatch(Tx tx, ProviderState state) {
    PaymentRecord p = tx.record;
    if (!state.amount().currency().equals(p.currency())) {
      return "provider reports currency " + state.amount().currency() + ", the payment is in " + p.currency();
    }
    if (state.authorization() != AuthorizationState.NONE && state.amount().toMinor() != p.totalMinor()) {
      return "provider reports amount " + state.amount() + ", the payment is for " + Money.ofMinor(p.totalMinor(), p.currency());
    }
    String expected = tx.merchantReference;
    if (expected != null && state.merchantReference() != null && !expected.equals(state.merchantReference())) {
      return "provider reports reference " + state.merchantReference() + ", the payment has " + expected;
    }
    return null;
  }

  /**
   * Brings one kind of operation in line with the provider's cumulative amount: open requests the
   * provider shows as done are completed; one it does not show stays open (its answer may still be
   * on the way, or the provider may show it later) until it is older than {@code resolve-after},
   * then it is failed; money the provider moved on its own (auto-capture, a refund in its
   * dashboard) is recorded.
   */
  private void reconcile(Tx tx, OperationKind kind, Money providerTotal, ProviderState state) throws SQLException {
    long recorded = switch (kind) {
      case CAPTURE -> tx.replay.ledger().captured().toMinor();
      case REFUND -> tx.replay.ledger().refunded().toMinor();
      case VOID -> tx.replay.ledger().voided().toMinor();
    };
    long unexplained = providerTotal.toMinor() - recorded;
    Instant staleBefore = now().minus(resolveAfter);
    List<LedgerReplay.OpenOperation> open = tx.replay.open().values().stream()
        .filter(op -> op.kind() == kind)
        .sorted(Comparator.comparingInt(op -> op.request().seq()))
        .toList();
    boolean stillOpen = false;
    for (LedgerReplay.OpenOperation op : open) {
      LedgerEvent request = op.request();
      if (unexplained >= request.amount()) {
        tx.append(event(EventKind.succeeded(kind), request.amount(), request.lines(), null, request.seq(),
            "provider", "confirmed by the provider's state", state.providerRequestId(), null, null));
        unexplained -= request.amount();
      } else if (op.accepted() && op.acceptedReference() != null
          && state.refusedOperations().contains(op.acceptedReference())) {
        tx.append(event(EventKind.failed(kind), request.amount(), List.of(), null, request.seq(), "provider",
            "refused by the provider after it had accepted it", state.providerRequestId(), op.acceptedReference(),
            null));
      } else if (!op.accepted() && request.createdAt().isBefore(staleBefore)) {
        // Older than resolve-after, which start-up checks is longer than the adapter can take:
        // the call has ended, and the provider's state does not show it.
        tx.append(event(EventKind.failed(kind), request.amount(), List.of(), null, request.seq(), "provider",
            "the provider's state shows no such " + kind.name().toLowerCase(java.util.Locale.ROOT), state.providerRequestId(),
            null, null));
      } else {
        stillOpen = true;
      }
    }
    if (unexplained > 0 && !stillOpen) {
      Money allowed = switch (kind) {
        case CAPTURE -> tx.replay.ledger().capturable();
        case REFUND -> tx.replay.ledger().refundable();
        case VOID -> tx.replay.ledger().voidable();
      };
      long amount = Math.min(unexplained, allowed.toMinor());
      if (amount > 0) {
        Money m = Money.ofMinor(amount, tx.record.currency());
        tx.append(event(EventKind.succeeded(kind), amount, OperationPlanner.allocate(kind, m, tx.lines(), tx.replay),
            null, null, "provider", "done at the provider", state.providerRequestId(), null, null));
      }
    }
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
    return operate(paymentId, kind, command, seenSequence);
  }

  private PaymentView operate(String paymentId, OperationKind kind, AdminCommand command) throws PaymentException {
    return operate(paymentId, kind, command, null);
  }

  private PaymentView operate(String paymentId, OperationKind kind, AdminCommand command, Integer seenSequence)
      throws PaymentException {
    PaymentRecord before = record(paymentId);
    PaymentProvider provider = providerOf(before);
    // Phase 1: check against the ledger and reserve the amount, under the lock.
    Reserved reserved = transition(paymentId, tx -> {
      for (LedgerEvent e : tx.events) {
        if (command.idempotencyKey().equals(e.operationKey())) {
          return new Reserved(e.seq(), null, null); // the same intent again: move nothing
        }
      }
      int lastSequence = tx.events.isEmpty() ? 0 : tx.events.get(tx.events.size() - 1).seq();
      if (seenSequence != null && lastSequence != seenSequence) {
        throw new IllegalTransitionException("the payment has changed since this form was shown ("
            + describeSince(tx.events, seenSequence) + "); review it and try again");
      }
      if (tx.replay.ledger().hasPendingOperation()) {
        throw new PaymentException(ErrorCode.OPERATION_IN_PROGRESS,
            "another capture, refund or void of this payment is still in progress");
      }
      Plan plan = OperationPlanner.plan(kind, command.selection(), tx.replay.ledger(), tx.lines(), tx.replay);
      requireCapabilities(provider, kind, plan, tx.replay.ledger());
      int seq = tx.append(event(EventKind.requested(kind), plan.amount().toMinor(), plan.lines(),
          command.idempotencyKey(), null, command.actor(), command.reason(), null, null, null));
      return new Reserved(seq, plan, tx.snapshot());
    });
    if (reserved.plan() == null) {
      return firstOutcome(paymentId, reserved.seq());
    }
    // Phase 2: one call to the provider, outside the lock.
    Document document = documentFor(before, kind, reserved.plan().amount());
    ProviderOperation operation = new ProviderOperation(kind, reserved.plan().amount(), reserved.plan().lines(),
        reserved.plan().remaining(), command.idempotencyKey(), command.reason(), document);
    OperationResult result;
    try {
      result = switch (kind) {
        case CAPTURE -> provider.capture(reserved.payment(), operation);
        case REFUND -> provider.refund(reserved.payment(), operation);
        case VOID -> provider.cancel(reserved.payment(), operation);
      };
    } catch (PaymentException refused) {
      if (unknownOutcome(refused)) {
        resolveUnknown(paymentId, kind, reserved.seq(), refused);
        return payment(paymentId).orElseThrow();
      }
      transition(paymentId, tx -> {
        if (tx.isOpen(reserved.seq())) {
          tx.append(event(EventKind.failed(kind), reserved.plan().amount().toMinor(), List.of(), null, reserved.seq(),
              command.actor(), refused.code().code() + ": " + refused.getMessage(), refused.providerRequestId(),
              null, null));
        }
        return null;
      });
      throw refused;
    }
    // Phase 3: record the outcome, unless a reconciliation already did.
    OperationResult outcome = result;
    boolean closedMeanwhile = transition(paymentId, tx -> {
      tx.refs.putAll(outcome.refs());
      if (!tx.isOpen(reserved.seq())) {
        return true;
      }
      switch (outcome.outcome()) {
        case SUCCEEDED -> tx.append(event(EventKind.succeeded(kind), reserved.plan().amount().toMinor(),
            reserved.plan().lines(), null, reserved.seq(), command.actor(), null, outcome.providerRequestId(),
            outcome.providerReference(), outcome.rawResponse()));
        case PENDING -> tx.append(event(EventKind.OPERATION_ACCEPTED, reserved.plan().amount().toMinor(), List.of(),
            null, reserved.seq(), command.actor(), "accepted by the provider, to be decided",
            outcome.providerRequestId(), outcome.providerReference(), outcome.rawResponse()));
        case DECLINED -> tx.append(event(EventKind.failed(kind), reserved.plan().amount().toMinor(), List.of(),
            null, reserved.seq(), command.actor(), outcome.message(), outcome.providerRequestId(),
            outcome.providerReference(), outcome.rawResponse()));
      }
      return false;
    });
    if (closedMeanwhile && result.outcome() != OperationResult.Outcome.DECLINED) {
      // Settled by someone else while the provider was answering: if that settlement missed what the
      // provider did, its state shows the money now and the fetch records it as done at the provider.
      try {
        fetchAndApply(paymentId);
      } catch (PaymentException e) {
        LOG.warning(() -> "payment " + paymentId + ": could not confirm a " + kind + " settled meanwhile; the"
            + " sweeper will: " + e);
      }
    }
    PaymentView view = payment(paymentId).orElseThrow();
    if (result.outcome() == OperationResult.Outcome.DECLINED) {
      throw new PaymentException(ErrorCode.DECLINED, "the provider refused: " + result.message(),
          result.providerRequestId(), null);
    }
    return view;
  }

  /**
   * The provider did not answer: the money may or may not have moved. Never send again; ask the
   * provider's state and settle the operation by it. When the state does not show the operation
   * (yet), it stays reserved: the provider may show it later, and only after {@code
   * resolve-after}, longer than any call can take, is it released by a refresh or the sweeper.
   */
  private void resolveUnknown(String paymentId, OperationKind kind, int seq, PaymentException cause)
      throws PaymentException {
    String waiting = "the provider did not answer; the " + kind.name().toLowerCase(java.util.Locale.ROOT)
        + " is being confirmed from its state and stays reserved until the provider shows it, or for at most "
        + resolveAfter + " if it never does; do not send it again";
    try {
      fetchAndApply(paymentId);
    } catch (PaymentException fetchFailed) {
      cause.addSuppressed(fetchFailed);
      throw new TransientNetworkException(waiting, cause.providerRequestId(), cause);
    }
    PaymentRecord p = record(paymentId);
    boolean open = LedgerReplay.replay(p.currency(), db.read(c -> store.events(c, paymentId, p.currency())))
        .open().containsKey(seq);
    if (open) {
      throw new TransientNetworkException(waiting, cause.providerRequestId(), cause);
    }
  }

  /**
   * The answer to a repeated idempotency key: the first request's outcome once it is known (the
   * payment when it was done or accepted, the same refusal when it was refused), and {@code
   * OPERATION_IN_PROGRESS} while it is still being decided, never the in-flight state as if done.
   */
  private PaymentView firstOutcome(String paymentId, int requestSeq) throws PaymentException {
    PaymentView view = payment(paymentId).orElseThrow();
    PaymentRecord p = record(paymentId);
    List<LedgerEvent> events = db.read(c -> store.events(c, paymentId, p.currency()));
    LedgerReplay.OpenOperation open = LedgerReplay.replay(p.currency(), events).open().get(requestSeq);
    if (open != null) {
      if (open.accepted()) {
        return view; // the first answer too: accepted by the provider, decided later
      }
      throw new PaymentException(ErrorCode.OPERATION_IN_PROGRESS, "the first request with this idempotency key"
          + " is still being confirmed with the provider; ask again for its outcome");
    }
    Optional<LedgerEvent> refusal = events.stream()
        .filter(e -> Objects.equals(e.parentSeq(), requestSeq) && e.kind().name().endsWith("_FAILED"))
        .findFirst();
    if (refusal.isPresent()) {
      throw new PaymentException(ErrorCode.DECLINED, "the first request with this idempotency key was not carried"
          + " out: " + refusal.get().reason(), refusal.get().providerRequestId(), null);
    }
    return view;
  }

  /** What happened after entry {@code seen}, in a few words, for a stale form's message. */
  private static String describeSince(List<LedgerEvent> events, int seen) {
    List<String> kinds = events.stream().filter(e -> e.seq() > seen)
        .map(e -> e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
        .distinct().toList();
    return kinds.isEmpty() ? "its history is not the one shown" : String.join(", ", kinds);
  }

  private static void requireCapabilities(PaymentProvider provider, OperationKind kind, Plan plan,
      io.checkoutbridge.api.Ledger ledger) throws PaymentException {
    Set<Capability> caps = provider.capabilities();
    String name = provider.displayName();
    switch (kind) {
      case CAPTURE -> {
        require(caps, Capability.CAPTURE, name + " captures are not available through this plugin");
        if (!plan.remaining()) {
          require(caps, Capability.PARTIAL_CAPTURE, name + " captures only the whole amount");
        }
        if (ledger.captured().isPositive()) {
          require(caps, Capability.MULTIPLE_CAPTURES, name + " allows one capture per payment");
        }
      }
      case REFUND -> {
        require(caps, Capability.REFUND, name + " refunds are not available through this plugin");
        if (!plan.remaining()) {
          require(caps, Capability.PARTIAL_REFUND, name + " refunds only the whole captured amount");
        }
      }
      case VOID -> {
        if (ledger.captured().isPositive()) {
          require(caps, Capability.VOID_REMAINING, name + " cannot void what is left after a capture");
        } else {
          require(caps, Capability.VOID, name + " voids are not available through this plugin");
        }
        if (!plan.remaining() && !caps.contains(Capability.VOID_REMAINING)) {
          throw new IllegalTransitionException(name + " voids only the whole open authorisation");
        }
      }
    }
  }

  private static void require(Set<Capability> caps, Capability needed, String message) throws PaymentException {
    if (!caps.contains(needed)) {
      throw new PaymentException(ErrorCode.UNSUPPORTED, message);
    }
  }

  private Document documentFor(PaymentRecord p, OperationKind kind, Money amount) {
    if (documents == null || kind == OperationKind.VOID) {
      return null;
    }
    try {
      return documents.documentFor(p.orderReference(), kind, amount).orElse(null);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the storefront's document source failed for order " + p.orderReference(), e);
      return null;
    }
  }

  private record Reserved(int seq, Plan plan, ProviderPayment payment) {}

  // ---------------------------------------------------------------- the lock

  /** Work done under a payment's lock. */
  @FunctionalInterface
  private interface TxWork<T> {
    T run(Tx tx) throws SQLException, PaymentException;
  }

  /** The locked payment while a transition is being made. */
  private final class Tx {
    final Connection connection;
    final PaymentRecord record;
    final List<LedgerEvent> events;
    final Map<String, String> refs;
    String merchantReference;
    String providerPaymentId;
    Instant lastRefreshedAt;
    LedgerReplay.Result replay;
    List<CartLine> lines;
    boolean touched;

    Tx(Connection connection, PaymentRecord record, List<LedgerEvent> events) {
      this.connection = connection;
      this.record = record;
      this.events = new ArrayList<>(events);
      this.refs = new HashMap<>(record.refs());
      this.merchantReference = record.merchantReference();
      this.providerPaymentId = record.providerPaymentId();
      this.lastRefreshedAt = record.lastRefreshedAt();
      this.replay = LedgerReplay.replay(record.currency(), this.events);
    }

    int append(LedgerEvent e) throws SQLException {
      // The history was read under the row lock and every append goes through here: its last
      // number plus one is the next, without asking the database again.
      int seq = events.isEmpty() ? 1 : events.get(events.size() - 1).seq() + 1;
      store.append(connection, record.id(), seq, e);
      events.add(new LedgerEvent(seq, e.kind(), e.amountMinor(), e.lines(), e.operationKey(), e.parentSeq(),
          e.actor(), e.reason(), e.providerRequestId(), e.providerReference(), e.rawResponse(), e.createdAt()));
      replay = LedgerReplay.replay(record.currency(), events);
      touched = true;
      return seq;
    }

    boolean isOpen(int requestSeq) {
      return replay.open().containsKey(requestSeq);
    }

    List<CartLine> lines() throws SQLException {
      if (lines == null) {
        lines = store.lines(connection, record.id(), record.currency());
      }
      return lines;
    }

    boolean changedReferences() {
      return !refs.equals(record.refs()) || !Objects.equals(merchantReference, record.merchantReference())
          || !Objects.equals(providerPaymentId, record.providerPaymentId());
    }

    PaymentRecord updated() {
      return new PaymentRecord(record.id(), record.provider(), record.orderReference(), merchantReference,
          providerPaymentId, record.currency(), record.totalMinor(), replay.ledger().status(), record.customerName(),
          record.customerEmail(), refs, lastRefreshedAt, record.createdAt(), now(), record.version() + 1);
    }

    ProviderPayment snapshot() throws SQLException {
      return new ProviderPayment(record.id(), record.orderReference(), merchantReference,
          Money.ofMinor(record.totalMinor(), record.currency()), lines(), refs);
    }
  }

  private <T> T transition(String paymentId, TxWork<T> work) throws PaymentException {
    return transition(paymentId, null, false, work).result();
  }

  /** A transition's result and, when asked for, the payment as it left it. */
  private record Viewed<T>(T result, PaymentView view) {}

  /**
   * {@link #transition(String, TxWork)} that can also answer the payment as the transition left
   * it, built from the history and lines it holds, so the caller need not read them again.
   *
   * @param knownLines the payment's cart lines when the caller has them (they never change), else {@code null}
   */
  private <T> Viewed<T> transition(String paymentId, List<CartLine> knownLines, boolean withView, TxWork<T> work)
      throws PaymentException {
    List<PaymentStatusChanged> changes = new ArrayList<>(1);
    Viewed<T> result = db.inTransaction(c -> {
      PaymentRecord p = store.lock(c, paymentId)
          .orElseThrow(() -> new PaymentException(ErrorCode.NOT_FOUND, "no payment " + paymentId));
      Tx tx = new Tx(c, p, store.events(c, paymentId, p.currency()));
      tx.lines = knownLines;
      T r = work.run(tx);
      PaymentRecord after = p;
      if (tx.touched || tx.changedReferences()) {
        after = tx.updated();
        store.updateSummary(c, after, tx.replay, after.updatedAt());
        if (sweep.needed(tx.replay.ledger(), p.createdAt(), after.updatedAt())) {
          sweeps.schedule(c, paymentId, after.updatedAt().plus(sweep.firstAfter()));
        } else {
          sweeps.unschedule(c, paymentId);
        }
        if (after.status() != p.status()) {
          changes.add(new PaymentStatusChanged(p.id(), p.provider(), p.orderReference(), p.status(), after.status(),
              tx.replay.ledger(), after.updatedAt()));
        }
      }
      return new Viewed<>(r, withView ? view(after, tx.events, tx.lines()) : null);
    });
    for (PaymentStatusChanged change : changes) {
      try {
        notifier.accept(change);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a storefront listener failed for payment " + change.paymentId(), e);
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- helpers

  private PaymentRecord record(String paymentId) throws PaymentException {
    return db.read(c -> store.find(c, paymentId))
        .orElseThrow(() -> new PaymentException(ErrorCode.NOT_FOUND, "no payment " + paymentId));
  }

  private PaymentProvider providerOf(PaymentRecord p) throws PaymentException {
    return provider(p.provider()).orElseThrow(() -> new PaymentException(ErrorCode.CONFIGURATION,
        "payment " + p.id() + " belongs to provider '" + p.provider() + "', which is not enabled"));
  }

  /** A payment's row and its provider's view of it, read together. */
  private record Loaded(PaymentRecord record, ProviderPayment payment) {}

  private Loaded providerPayment(String paymentId) throws PaymentException {
    return db.read(c -> {
      PaymentRecord p = store.find(c, paymentId)
          .orElseThrow(() -> new PaymentException(ErrorCode.NOT_FOUND, "no payment " + paymentId));
      return new Loaded(p, new ProviderPayment(p.id(), p.orderReference(), p.merchantReference(),
          Money.ofMinor(p.totalMinor(), p.currency()), store.lines(c, p.id(), p.currency()), p.refs()));
    });
  }

  /** The view of a snapshot; its cart lines are read apart, as they never change after start. */
  private PaymentView view(Connection c, PaymentStore.Snapshot p) throws SQLException {
    PaymentRecord r = p.record();
    return view(r, p.events(), store.lines(c, r.id(), r.currency()));
  }

  private static PaymentView view(PaymentRecord p, List<LedgerEvent> events, List<CartLine> cartLines) {
    LedgerReplay.Result replay = LedgerReplay.replay(p.currency(), events);
    List<LineView> lines = new ArrayList<>();
    for (CartLine line : cartLines) {
      LedgerReplay.LineTotals t = replay.line(line.lineId());
      lines.add(new LineView(line, t.capturedQuantity(), Money.ofMinor(t.capturedMinor(), p.currency()),
          t.refundedQuantity(), Money.ofMinor(t.refundedMinor(), p.currency())));
    }
    List<PaymentEventView> history = new ArrayList<>();
    for (LedgerEvent e : events) {
      history.add(new PaymentEventView(e.seq(), e.kind().name(),
          e.amountMinor() == null ? null : Money.ofMinor(e.amountMinor(), p.currency()), e.lines(), e.actor(),
          e.reason(), e.providerRequestId(), e.createdAt()));
    }
    return new PaymentView(p.id(), p.provider(), p.orderReference(), replay.ledger().status(), replay.ledger(),
        Money.ofMinor(p.totalMinor(), p.currency()), p.customerName(), p.customerEmail(), p.providerPaymentId(),
        lines, history, p.createdAt(), p.updatedAt(), p.version());
  }

  private LedgerEvent event(EventKind kind, Long amountMinor, List<LineAmount> lines, String operationKey,
      Integer parentSeq, String actor, String reason, String providerRequestId, String providerReference,
      String raw) {
    return new LedgerEvent(0, kind, amountMinor, lines, operationKey, parentSeq, actor, reason, providerRequestId,
        providerReference, raw, now());
  }

  private ProviderMemory memory(String providerId) {
    return new ProviderMemory() {
      @Override
      public Optional<String> get(String key) {
        try {
          return db.read(c -> store.memory(c, providerId, key));
        } catch (PaymentException e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }

      @Override
      public String putIfAbsent(String key, String value) {
        try {
          return db.inTransaction(c -> {
            store.remember(c, providerId, key, value, now());
            return value;
          });
        } catch (PaymentException e) {
          if (e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql)) {
            return get(key).orElseThrow(() -> new IllegalStateException(e.getMessage(), e));
          }
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
    };
  }

  /** The time, to the microsecond the database keeps, so what is answered is what is stored. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
