package io.checkoutbridge.store;

import io.checkoutbridge.api.error.PaymentException;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The throttle on the provider fetches shopper-facing endpoints make (return, pending page,
 * callbacks): per payment, one fetch in flight and at most one started per interval, whichever
 * node asks. A stranger who reloads a page or replays a callback in a loop costs the shop at most
 * one provider request per payment per interval.
 *
 * <p>State lives in the database ({@code cb_payment.fetch_not_before}, V8), claimed with one
 * conditional {@code UPDATE}: of several nodes asking at once, exactly one gets the row. A claim
 * holds the payment for {@code maxFetch} (the longest a provider call may take); {@link #release}
 * then moves the next allowed start to the claim's start plus the interval. A node that dies
 * mid-fetch leaves a claim that lapses after {@code maxFetch}.
 *
 * <p>Thread-safe.
 */
public final class FetchClaims {
  private final Database db;
  private final Clock clock;

  public FetchClaims(Database db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** A granted claim: when it started. */
  public record Claim(String paymentId, Instant startedAt) {}

  /**
   * Claims the right to fetch the payment's state now.
   *
   * @return the claim, or {@code null} when a fetch is in flight or one started less than the
   *     interval ago (or no such payment exists)
   */
  public Claim claim(String paymentId, Duration maxFetch) throws PaymentException {
    Instant now = clock.instant();
    int updated = db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE cb_payment SET fetch_not_before = ?"
          + " WHERE id = ? AND (fetch_not_before IS NULL OR fetch_not_before <= ?)")) {
        PaymentStore.setInstant(s, 1, now.plus(maxFetch));
        s.setString(2, paymentId);
        PaymentStore.setInstant(s, 3, now);
        return s.executeUpdate();
      }
    });
    return updated == 1 ? new Claim(paymentId, now) : null;
  }

  /**
   * Ends a claim's fetch: the next may start {@code interval} after this one started (at once,
   * if that moment has passed).
   */
  public void release(Claim claim, Duration interval) throws PaymentException {
    db.inTransaction(c -> {
      try (PreparedStatement s = c.prepareStatement("UPDATE cb_payment SET fetch_not_before = ? WHERE id = ?")) {
        PaymentStore.setInstant(s, 1, claim.startedAt().plus(interval));
        s.setString(2, claim.paymentId());
        return s.executeUpdate();
      }
    });
  }

  /** Claims only the interval, for a fetch that runs elsewhere (a queued callback pass). */
  public boolean claimInterval(String paymentId, Duration interval) throws PaymentException {
    Claim claim = claim(paymentId, interval);
    return claim != null;
  }
}
