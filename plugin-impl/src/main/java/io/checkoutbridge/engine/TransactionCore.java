package io.checkoutbridge.engine;

import io.checkoutbridge.ledger.LedgerReplay;
import io.checkoutbridge.ledger.EventKind;
import io.checkoutbridge.ledger.LedgerEvent;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.LineView;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentEventView;
import io.checkoutbridge.api.PaymentStatusChanged;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.ProviderMemory;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.PaymentRecord;
import io.checkoutbridge.store.PaymentStore;
import io.checkoutbridge.store.SweepStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The transaction core every job of the engine shares: a change to a payment runs under its row
 * lock, in one transaction, through {@link #transition}: the history is read, new events are
 * appended, the ledger summary and the sweep schedule are rewritten from the replay, and status
 * changes go to the storefront after commit. Also the reads and helpers the jobs share.
 *
 * <p>Thread-safe.
 */
final class TransactionCore {
  private static final Logger LOG = Logger.getLogger(TransactionCore.class.getName());

  final Database db;
  final PaymentStore store = new PaymentStore();
  final SweepStore sweeps = new SweepStore();
  final Map<String, PaymentProvider> providers;
  final Clock clock;
  final Consumer<PaymentStatusChanged> notifier;
  final SweepPolicy sweep;

  TransactionCore(Database db, Map<String, PaymentProvider> providers, Clock clock,
      Consumer<PaymentStatusChanged> notifier, SweepPolicy sweep) {
    this.db = db;
    this.providers = new LinkedHashMap<>(providers);
    this.clock = clock;
    this.notifier = notifier;
    this.sweep = sweep;
  }

  Optional<PaymentProvider> provider(String id) {
    return Optional.ofNullable(providers.get(id));
  }

  Optional<PaymentView> payment(String paymentId) {
    try {
      return db.read(c -> {
        Optional<PaymentStore.Snapshot> p = store.snapshot(c, paymentId);
        return p.isEmpty() ? Optional.<PaymentView>empty() : Optional.of(view(c, p.get()));
      });
    } catch (PaymentException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** Work done under a payment's lock. */
  @FunctionalInterface
  interface TxWork<T> {
    T run(Tx tx) throws SQLException, PaymentException;
  }

  /** The locked payment while a transition is being made. */
  final class Tx {
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

  <T> T transition(String paymentId, TxWork<T> work) throws PaymentException {
    return transition(paymentId, null, false, work).result();
  }

  /** A transition's result and, when asked for, the payment as it left it. */
  record Viewed<T>(T result, PaymentView view) {}

  /**
   * {@link #transition(String, TxWork)} that can also answer the payment as the transition left
   * it, built from the history and lines it holds, so the caller need not read them again.
   *
   * @param knownLines the payment's cart lines when the caller has them (they never change), else {@code null}
   */
  <T> Viewed<T> transition(String paymentId, List<CartLine> knownLines, boolean withView, TxWork<T> work)
      throws PaymentException {
    List<PaymentStatusChanged> changes = new ArrayList<>(1);
    Viewed<T> result = db.inTransaction(c -> {
      PaymentRecord p = store.lock(c, paymentId)
          .orElseThrow(() -> PaymentException.of(ErrorCode.NOT_FOUND, "no payment " + paymentId));
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

  PaymentRecord record(String paymentId) throws PaymentException {
    return db.read(c -> store.find(c, paymentId))
        .orElseThrow(() -> PaymentException.of(ErrorCode.NOT_FOUND, "no payment " + paymentId));
  }

  PaymentProvider providerOf(PaymentRecord p) throws PaymentException {
    return provider(p.provider()).orElseThrow(() -> PaymentException.of(ErrorCode.CONFIGURATION,
        "payment " + p.id() + " belongs to provider '" + p.provider() + "', which is not enabled"));
  }

  /** A payment's row and its provider's view of it, read together. */
  record Loaded(PaymentRecord record, ProviderPayment payment) {}

  Loaded providerPayment(String paymentId) throws PaymentException {
    return db.read(c -> {
      PaymentRecord p = store.find(c, paymentId)
          .orElseThrow(() -> PaymentException.of(ErrorCode.NOT_FOUND, "no payment " + paymentId));
      return new Loaded(p, new ProviderPayment(p.id(), p.orderReference(), p.merchantReference(),
          Money.ofMinor(p.totalMinor(), p.currency()), store.lines(c, p.id(), p.currency()), p.refs()));
    });
  }

  /** The view of a snapshot; its cart lines are read apart, as they never change after start. */
  PaymentView view(Connection c, PaymentStore.Snapshot p) throws SQLException {
    PaymentRecord r = p.record();
    return view(r, p.events(), store.lines(c, r.id(), r.currency()));
  }

  static PaymentView view(PaymentRecord p, List<LedgerEvent> events, List<CartLine> cartLines) {
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

  LedgerEvent event(EventKind kind, Long amountMinor, List<LineAmount> lines, String operationKey,
      Integer parentSeq, String actor, String reason, String providerRequestId, String providerReference,
      String raw) {
    return new LedgerEvent(0, kind, amountMinor, lines, operationKey, parentSeq, actor, reason, providerRequestId,
        providerReference, raw, now());
  }

  ProviderMemory memory(String providerId) {
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
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }}
