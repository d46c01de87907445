package io.checkoutbridge.engine;

import io.checkoutbridge.ledger.LedgerReplay;
import io.checkoutbridge.ledger.EventKind;
import io.checkoutbridge.ledger.LedgerEvent;
import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.PaymentRecord;
import io.checkoutbridge.store.PaymentStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Logger;

import io.checkoutbridge.engine.TransactionCore.Loaded;
import io.checkoutbridge.engine.TransactionCore.Tx;
import io.checkoutbridge.engine.TransactionCore.Viewed;
/**
 * Brings a payment in line with its provider's truth: fetches the provider's state outside the
 * lock and applies it under the lock, only when reference, amount and currency match, only
 * forward, completing, failing (after {@code resolve-after}) or adding operations so the ledger
 * equals what the provider did.
 *
 * <p>Thread-safe.
 */
final class StateReconciliation {
  private static final Logger LOG = Logger.getLogger(StateReconciliation.class.getName());

  private final TransactionCore core;
  private final Database db;
  private final PaymentStore store;
  private final Duration resolveAfter;

  StateReconciliation(TransactionCore core, Duration resolveAfter) {
    this.core = core;
    this.db = core.db;
    this.store = core.store;
    this.resolveAfter = resolveAfter;
  }

  /** A fetch of the provider's state, whether it applied, and the payment as the transition left it. */
  record Fetched(ProviderState state, boolean applied, PaymentView view) {}

  /** More work for the transaction that applies a provider's state, given whether it applied. */
  @FunctionalInterface
  interface AlsoUnderLock {
    void run(Connection connection, boolean applied) throws SQLException;
  }

  /** Fetches the provider's state outside the lock and applies it under the lock. */
  Fetched fetchAndApply(String paymentId) throws PaymentException {
    return fetchAndApply(core.providerPayment(paymentId), (c, applied) -> { });
  }

  Fetched fetchAndApply(Loaded loaded, AlsoUnderLock also) throws PaymentException {
    ProviderState state = core.providerOf(loaded.record()).fetchState(loaded.payment());
    Viewed<Boolean> applied = core.transition(loaded.record().id(), loaded.payment().lines(), true, tx -> {
      boolean matched = applyState(tx, state);
      also.run(tx.connection, matched);
      return matched;
    });
    return new Fetched(state, applied.result(), applied.view());
  }

  /** Applies provider state under the lock. Returns {@code false} on a mismatch (nothing applied). */
  boolean applyState(Tx tx, ProviderState state) throws SQLException {
    String mismatch = mismatch(tx, state);
    if (mismatch != null) {
      LedgerEvent last = tx.events.isEmpty() ? null : tx.events.get(tx.events.size() - 1);
      if (last == null || last.kind() != EventKind.STATE_MISMATCH || !mismatch.equals(last.reason())) {
        tx.append(core.event(EventKind.STATE_MISMATCH, null, List.of(), null, null, "provider", mismatch,
            state.providerRequestId(), state.providerPaymentId(), null));
      }
      LOG.warning(() -> "payment " + tx.record.id() + ": provider state not applied: " + mismatch);
      return false;
    }
    tx.refs.putAll(state.refs());
    if (state.providerPaymentId() != null) {
      tx.providerPaymentId = state.providerPaymentId();
    }
    tx.lastRefreshedAt = core.now();
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
        tx.append(core.event(kind, amount, List.of(), null, null, "provider", state.providerStatus(),
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

  String mismatch(Tx tx, ProviderState state) {
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
  void reconcile(Tx tx, OperationKind kind, Money providerTotal, ProviderState state) throws SQLException {
    long recorded = switch (kind) {
      case CAPTURE -> tx.replay.ledger().captured().toMinor();
      case REFUND -> tx.replay.ledger().refunded().toMinor();
      case VOID -> tx.replay.ledger().voided().toMinor();
    };
    long unexplained = providerTotal.toMinor() - recorded;
    Instant staleBefore = core.now().minus(resolveAfter);
    List<LedgerReplay.OpenOperation> open = tx.replay.open().values().stream()
        .filter(op -> op.kind() == kind)
        .sorted(Comparator.comparingInt(op -> op.request().seq()))
        .toList();
    boolean stillOpen = false;
    for (LedgerReplay.OpenOperation op : open) {
      LedgerEvent request = op.request();
      if (unexplained >= request.amount()) {
        tx.append(core.event(EventKind.succeeded(kind), request.amount(), request.lines(), null, request.seq(),
            "provider", "confirmed by the provider's state", state.providerRequestId(), null, null));
        unexplained -= request.amount();
      } else if (op.accepted() && op.acceptedReference() != null
          && state.refusedOperations().contains(op.acceptedReference())) {
        tx.append(core.event(EventKind.failed(kind), request.amount(), List.of(), null, request.seq(), "provider",
            "refused by the provider after it had accepted it", state.providerRequestId(), op.acceptedReference(),
            null));
      } else if (!op.accepted() && request.createdAt().isBefore(staleBefore)) {
        // Older than resolve-after, which start-up checks is longer than the adapter can take:
        // the call has ended, and the provider's state does not show it.
        tx.append(core.event(EventKind.failed(kind), request.amount(), List.of(), null, request.seq(), "provider",
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
        tx.append(core.event(
            EventKind.succeeded(kind), amount, OperationPlanner.allocate(kind, m, tx.lines(), tx.replay),
            null, null, "provider", "done at the provider", state.providerRequestId(), null, null));
      }
    }
  }
}
