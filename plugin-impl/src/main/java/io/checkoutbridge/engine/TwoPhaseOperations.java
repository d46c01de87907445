package io.checkoutbridge.engine;

import io.checkoutbridge.ledger.LedgerReplay;
import io.checkoutbridge.ledger.EventKind;
import io.checkoutbridge.ledger.LedgerEvent;
import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.spi.Document;
import io.checkoutbridge.api.spi.DocumentSource;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.OperationResult;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.PaymentRecord;
import io.checkoutbridge.store.PaymentStore;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Captures, refunds and voids in two phases: the amount is checked against the ledger and
 * reserved under the lock, the provider is called once outside it, and its answer is recorded.
 * An answer that never came (a timeout, a 5xx, an unreadable answer) is settled from the
 * provider's state, never by sending again: the reservation stays until the provider shows the
 * operation or {@code resolve-after} has passed. A repeated idempotency key answers with the
 * first request's outcome once it is known.
 *
 * <p>Thread-safe.
 */
final class TwoPhaseOperations {
  private static final Logger LOG = Logger.getLogger(TwoPhaseOperations.class.getName());

  private final TransactionCore core;
  private final Database db;
  private final PaymentStore store;
  private final StateReconciliation reconciliation;
  private final DocumentSource documents;
  private final Duration resolveAfter;

  TwoPhaseOperations(TransactionCore core, StateReconciliation reconciliation, DocumentSource documents,
      Duration resolveAfter) {
    this.core = core;
    this.db = core.db;
    this.store = core.store;
    this.reconciliation = reconciliation;
    this.documents = documents;
    this.resolveAfter = resolveAfter;
  }

  /**
   * Requests being carried out on this node, by payment and idempotency key: a repeat of one (a
   * double click) waits for its outcome instead of answering the state in flight.
   */
  private final ConcurrentHashMap<String, CompletableFuture<Void>> inFlight = new ConcurrentHashMap<>();

  PaymentView operate(String paymentId, OperationKind kind, AdminCommand command, Integer seenSequence)
      throws PaymentException {
    String key = paymentId + "\u0000" + command.idempotencyKey();
    CompletableFuture<Void> mine = new CompletableFuture<>();
    CompletableFuture<Void> running = inFlight.putIfAbsent(key, mine);
    if (running != null) {
      awaitFirst(running);
      // Phase 1 finds the first request in the history (or, if it reserved nothing, reserves anew).
      return operateOnce(paymentId, kind, command, seenSequence);
    }
    try {
      return operateOnce(paymentId, kind, command, seenSequence);
    } finally {
      inFlight.remove(key, mine);
      mine.complete(null);
    }
  }

  /** Waits for the first request with the same key, as long as an operation may take to be settled. */
  private void awaitFirst(CompletableFuture<Void> first) throws PaymentException {
    try {
      first.get(resolveAfter.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw PaymentException.of(ErrorCode.OPERATION_IN_PROGRESS, "interrupted while the first request with this"
          + " idempotency key was being carried out; ask again for its outcome");
    } catch (ExecutionException | TimeoutException e) {
      // the first request has ended or is taking longer than it may: the history tells what is known
    }
  }

  private PaymentView operateOnce(String paymentId, OperationKind kind, AdminCommand command, Integer seenSequence)
      throws PaymentException {
    PaymentRecord before = core.record(paymentId);
    PaymentProvider provider = core.providerOf(before);
    // Phase 1: check against the ledger and reserve the amount, under the lock.
    Reserved reserved = core.transition(paymentId, tx -> {
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
        throw PaymentException.of(ErrorCode.OPERATION_IN_PROGRESS,
            "another capture, refund or void of this payment is still in progress");
      }
      Plan plan = OperationPlanner.plan(kind, command.selection(), tx.replay.ledger(), tx.lines(), tx.replay);
      requireCapabilities(provider, kind, plan, tx.replay.ledger());
      int seq = tx.append(core.event(EventKind.requested(kind), plan.amount().toMinor(), plan.lines(),
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
        return core.payment(paymentId).orElseThrow();
      }
      core.transition(paymentId, tx -> {
        if (tx.isOpen(reserved.seq())) {
          tx.append(core.event(
              EventKind.failed(kind), reserved.plan().amount().toMinor(), List.of(), null, reserved.seq(),
              command.actor(), refused.code().code() + ": " + refused.getMessage(), refused.providerRequestId(),
              null, null));
        }
        return null;
      });
      throw refused;
    }
    // Phase 3: record the outcome, unless a reconciliation already did.
    OperationResult outcome = result;
    boolean closedMeanwhile = core.transition(paymentId, tx -> {
      tx.refs.putAll(outcome.refs());
      if (!tx.isOpen(reserved.seq())) {
        return true;
      }
      switch (outcome.outcome()) {
        case SUCCEEDED -> tx.append(core.event(EventKind.succeeded(kind), reserved.plan().amount().toMinor(),
            reserved.plan().lines(), null, reserved.seq(), command.actor(), null, outcome.providerRequestId(),
            outcome.providerReference(), outcome.rawResponse()));
        case PENDING -> tx.append(core.event(
            EventKind.OPERATION_ACCEPTED, reserved.plan().amount().toMinor(), List.of(),
            null, reserved.seq(), command.actor(), "accepted by the provider, to be decided",
            outcome.providerRequestId(), outcome.providerReference(), outcome.rawResponse()));
        case DECLINED -> tx.append(core.event(EventKind.failed(kind), reserved.plan().amount().toMinor(), List.of(),
            null, reserved.seq(), command.actor(), outcome.message(), outcome.providerRequestId(),
            outcome.providerReference(), outcome.rawResponse()));
      }
      return false;
    });
    if (closedMeanwhile && result.outcome() != OperationResult.Outcome.DECLINED) {
      // Settled by someone else while the provider was answering: if that settlement missed what the
      // provider did, its state shows the money now and the fetch records it as done at the provider.
      try {
        reconciliation.fetchAndApply(paymentId);
      } catch (PaymentException e) {
        LOG.warning(() -> "payment " + paymentId + ": could not confirm a " + kind + " settled meanwhile; the"
            + " sweeper will: " + e);
      }
    }
    PaymentView view = core.payment(paymentId).orElseThrow();
    if (result.outcome() == OperationResult.Outcome.DECLINED) {
      throw PaymentException.of(ErrorCode.DECLINED, "the provider refused: " + result.message(),
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
  void resolveUnknown(String paymentId, OperationKind kind, int seq, PaymentException cause)
      throws PaymentException {
    String waiting = "the provider did not answer; the " + kind.name().toLowerCase(java.util.Locale.ROOT)
        + " is being confirmed from its state and stays reserved until the provider shows it, or for at most "
        + resolveAfter + " if it never does; do not send it again";
    try {
      reconciliation.fetchAndApply(paymentId);
    } catch (PaymentException fetchFailed) {
      cause.addSuppressed(fetchFailed);
      throw new TransientNetworkException(waiting, cause.providerRequestId(), cause);
    }
    PaymentRecord p = core.record(paymentId);
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
  PaymentView firstOutcome(String paymentId, int requestSeq) throws PaymentException {
    PaymentView view = core.payment(paymentId).orElseThrow();
    PaymentRecord p = core.record(paymentId);
    List<LedgerEvent> events = db.read(c -> store.events(c, paymentId, p.currency()));
    LedgerReplay.OpenOperation open = LedgerReplay.replay(p.currency(), events).open().get(requestSeq);
    if (open != null) {
      if (open.accepted()) {
        return view; // the first answer too: accepted by the provider, decided later
      }
      throw PaymentException.of(ErrorCode.OPERATION_IN_PROGRESS, "the first request with this idempotency key"
          + " is still being confirmed with the provider; ask again for its outcome");
    }
    Optional<LedgerEvent> refusal = events.stream()
        .filter(e -> Objects.equals(e.parentSeq(), requestSeq) && e.kind().name().endsWith("_FAILED"))
        .findFirst();
    if (refusal.isPresent()) {
      throw PaymentException.of(ErrorCode.DECLINED, "the first request with this idempotency key was not carried"
          + " out: " + refusal.get().reason(), refusal.get().providerRequestId(), null);
    }
    return view;
  }

  /** What happened after entry {@code seen}, in a few words, for a stale form's message. */
  static String describeSince(List<LedgerEvent> events, int seen) {
    List<String> kinds = events.stream().filter(e -> e.seq() > seen)
        .map(e -> e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
        .distinct().toList();
    return kinds.isEmpty() ? "its history is not the one shown" : String.join(", ", kinds);
  }

  static void requireCapabilities(PaymentProvider provider, OperationKind kind, Plan plan,
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

  static void require(Set<Capability> caps, Capability needed, String message) throws PaymentException {
    if (!caps.contains(needed)) {
      throw PaymentException.of(ErrorCode.UNSUPPORTED, message);
    }
  }

  Document documentFor(PaymentRecord p, OperationKind kind, Money amount) {
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

  record Reserved(int seq, Plan plan, ProviderPayment payment) {}

  /**
   * Whether a failure leaves open what the provider did: no answer (timeout, connection lost, a
   * 5xx that may come from a proxy after the provider acted), or an answer we could not read.
   */
  static boolean unknownOutcome(PaymentException e) {
    return e instanceof TransientNetworkException || e.code() == ErrorCode.TRANSIENT_NETWORK
        || e.code() == ErrorCode.PROVIDER_ERROR || e.code() == ErrorCode.STORAGE;
  }
}
