package io.checkoutbridge.engine;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.store.SweepStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Settles what nothing else will: operations left unsettled by a lost answer or a stopped server,
 * and payments left started or pending because the shopper closed the tab or a callback was lost.
 * Each due payment is refreshed from the provider's state (never by sending an operation again);
 * one still unsettled afterwards is due again after a doubling wait, until the provider's
 * authorisation window ends (see {@link SweepPolicy}).
 *
 * <p>Meant for a periodic timer: {@link #sweepDue} never throws, whatever a provider, the database
 * or a listener does, so the timer's task never dies. A due payment is claimed with a lease
 * before it is looked at, so when several nodes sweep one database each payment is looked at by
 * one of them.
 *
 * <p>Thread-safe.
 */
public final class Sweeper {
  private static final Logger LOG = Logger.getLogger(Sweeper.class.getName());
  /** Payments looked at by one round; the rest wait for the next. */
  public static final int PAYMENTS_PER_ROUND = 100;

  private final PaymentEngine engine;
  private final Database db;
  private final Clock clock;
  private final SweepPolicy policy;
  private final SweepStore store = new SweepStore();

  /** What one round did. */
  public record Round(int due, int claimed, int settled, int failed) {}

  public Sweeper(PaymentEngine engine, Database db, Clock clock, SweepPolicy policy) {
    this.engine = engine;
    this.db = db;
    this.clock = clock;
    this.policy = policy;
  }

  /** One round over the payments due now, at most {@link #PAYMENTS_PER_ROUND}. Never throws. */
  public Round sweepDue() {
    return sweepDue(PAYMENTS_PER_ROUND);
  }

  /** One round over at most {@code max} payments due now. Never throws. */
  public Round sweepDue(int max) {
    List<SweepStore.Due> due;
    try {
      Instant now = now();
      due = db.read(c -> store.due(c, now, max));
    } catch (PaymentException | RuntimeException e) {
      LOG.log(Level.WARNING, "could not look for payments to sweep; the next round tries again", e);
      return new Round(0, 0, 0, 0);
    }
    int claimed = 0;
    int settled = 0;
    int failed = 0;
    for (SweepStore.Due payment : due) {
      try {
        Optional<Boolean> outcome = sweep(payment);
        if (outcome.isPresent()) {
          claimed++;
          if (outcome.get()) {
            settled++;
          }
        }
      } catch (PaymentException | RuntimeException e) {
        failed++;
        LOG.log(Level.WARNING, "sweeping payment " + payment.paymentId() + " failed; it is due again", e);
      }
    }
    return new Round(due.size(), claimed, settled, failed);
  }

  /** Claims, refreshes and reschedules one payment: empty when another node has it, else whether it is settled. */
  private Optional<Boolean> sweep(SweepStore.Due due) throws PaymentException {
    Instant leaseUntil = now().plus(policy.lease());
    if (!db.inTransaction(c -> store.claim(c, due, leaseUntil))) {
      return Optional.empty();
    }
    try {
      engine.refresh(due.paymentId());
    } catch (PaymentException | RuntimeException e) {
      LOG.log(Level.INFO, "payment " + due.paymentId() + ": its provider's state could not be applied now; it is"
          + " looked at again later", e);
    }
    Instant now = now();
    Optional<SweepStore.Standing> standing = db.read(c -> store.standing(c, due.paymentId()));
    boolean unsettled = standing.isPresent() && (standing.get().pendingMinor() > 0
        || policy.decisionOpen(authorized(standing.get().status()), standing.get().createdAt(), now));
    Instant next = unsettled ? now.plus(policy.delayAfter(due.attempts() + 1)).truncatedTo(ChronoUnit.MICROS) : null;
    db.inTransaction(c -> {
      store.reschedule(c, due.paymentId(), leaseUntil, next);
      return null;
    });
    return Optional.of(!unsettled);
  }

  /**
   * Whether the status comes from a final authorisation; a start, a pending decision, a decline
   * and a failure may all still turn into an authorisation in the provider's session.
   */
  private static boolean authorized(PaymentStatus status) {
    return !status.awaitingDecision() && status != PaymentStatus.DECLINED && status != PaymentStatus.FAILED;
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
