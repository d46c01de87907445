package io.checkoutbridge.engine;

import io.checkoutbridge.api.Ledger;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Which payments the {@link Sweeper} keeps looking at, and how often.
 *
 * <p>A payment is swept while an operation of it is unsettled (its answer was lost, the server
 * stopped in between, the provider decides later), and while the provider's decision on it is
 * open or may still change (started, pending, or declined or failed in a session where the shopper
 * may try again) until {@code authorizationWindow} after it was created, when the provider's
 * session has ended. The first look comes {@code firstAfter} after the payment last changed; each
 * look that leaves it unsettled doubles the wait, up to {@code maxDelay}.
 *
 * @param firstAfter the wait before the first look
 * @param maxDelay the longest wait between two looks
 * @param authorizationWindow how long after its creation a payment's authorisation can still change
 * @param lease how long a look claimed by one node is left to it before another may take it over;
 *     longer than a fetch of the provider's state can take
 */
public record SweepPolicy(Duration firstAfter, Duration maxDelay, Duration authorizationWindow, Duration lease) {

  public SweepPolicy {
    Objects.requireNonNull(firstAfter, "firstAfter");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(authorizationWindow, "authorizationWindow");
    Objects.requireNonNull(lease, "lease");
  }

  /** A first look after a minute, at most an hour apart, for a day, leases of five minutes. */
  public static SweepPolicy defaults() {
    return new SweepPolicy(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(24), Duration.ofMinutes(5));
  }

  /** Whether a payment with this ledger, created at {@code createdAt}, is still to be swept at {@code now}. */
  public boolean needed(Ledger ledger, Instant createdAt, Instant now) {
    return ledger.hasPendingOperation() || decisionOpen(ledger.authorization().isFinal(), createdAt, now);
  }

  boolean decisionOpen(boolean authorizationFinal, Instant createdAt, Instant now) {
    return !authorizationFinal && now.isBefore(createdAt.plus(authorizationWindow));
  }

  /** The wait after {@code attempts} looks that left the payment unsettled. */
  public Duration delayAfter(int attempts) {
    Duration delay = firstAfter.multipliedBy(1L << Math.min(Math.max(attempts, 0), 20));
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
