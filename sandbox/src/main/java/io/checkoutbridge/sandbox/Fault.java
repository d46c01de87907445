package io.checkoutbridge.sandbox;

import java.util.Objects;

/**
 * A scripted fault as requested, e.g. {@code {"provider":"dintero","operation":"capture",
 * "mode":"error","count":1,"status":503}}.
 *
 * @param provider simulator id
 * @param operation operation name from {@link Simulator#operations()}; {@code callback} for the
 *     callback modes
 * @param mode what to do
 * @param count how many times it applies (for {@code fail-second}: how many first/second pairs)
 * @param status HTTP status for {@code error} and {@code fail-second}
 * @param delayMs delay for {@code timeout}, {@code slow}, {@code late} and {@code out-of-order}
 */
public record Fault(String provider, String operation, FaultMode mode, int count, int status,
    long delayMs) {

  public Fault {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(mode, "mode");
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be 400-599");
    }
    if (delayMs < 0 || delayMs > 300_000) {
      throw new IllegalArgumentException("delayMs must be 0-300000");
    }
    if (mode.isCallbackMode() != Faults.CALLBACK.equals(operation)) {
      throw new IllegalArgumentException(mode.isCallbackMode()
          ? "mode " + mode.wire() + " applies only to operation callback"
          : "operation callback takes duplicate, late, out-of-order or drop");
    }
  }

  /** A fault with default count (1), status (503) and the mode's default delay. */
  public static Fault of(String provider, String operation, FaultMode mode) {
    return new Fault(provider, operation, mode, 1, 503, mode.defaultDelayMs());
  }

  public Fault withCount(int newCount) {
    return new Fault(provider, operation, mode, newCount, status, delayMs);
  }

  public Fault withStatus(int newStatus) {
    return new Fault(provider, operation, mode, count, newStatus, delayMs);
  }

  public Fault withDelayMs(long newDelay) {
    return new Fault(provider, operation, mode, count, status, newDelay);
  }
}
