package io.checkoutbridge.sandbox;

import java.util.Locale;

/** What a scripted fault does. Request modes apply to API operations; callback modes to callbacks. */
public enum FaultMode {
  /** Answer {@code status} (default 503) in the provider's error shape without doing anything. */
  ERROR("error", false, 0),
  /** Do the operation, then wait {@code delayMs} before answering: the client times out. */
  TIMEOUT("timeout", false, 15_000),
  /**
   * Wait {@code delayMs}, then answer {@code status} without doing anything: the client times out
   * before the provider has acted (a request stuck in the provider's queue, then dropped).
   */
  TIMEOUT_BEFORE("timeout-before", false, 15_000),
  /**
   * Do the operation, then answer {@code status} (default 503) in the provider's error shape: the
   * provider acted, but a gateway in front of it reported a failure.
   */
  ERROR_AFTER("error-after", false, 0),
  /** Do the operation and answer after {@code delayMs}. */
  SLOW("slow", false, 3_000),
  /** First matching call succeeds, the second answers 503 without doing anything. */
  FAIL_SECOND("fail-second", false, 0),
  /** Deliver the callback twice. */
  DUPLICATE("duplicate", true, 0),
  /** Deliver the callback after {@code delayMs}. */
  LATE("late", true, 5_000),
  /** Hold the callback until the next one is delivered (or {@code delayMs} passes). */
  OUT_OF_ORDER("out-of-order", true, 5_000),
  /** Never deliver the callback. */
  DROP("drop", true, 0);

  private final String wire;
  private final boolean callback;
  private final long defaultDelayMs;

  FaultMode(String wire, boolean callback, long defaultDelayMs) {
    this.wire = wire;
    this.callback = callback;
    this.defaultDelayMs = defaultDelayMs;
  }

  /** The name used in the JSON API, e.g. {@code fail-second}. */
  public String wire() {
    return wire;
  }

  /** True for modes that apply to operation {@code callback}. */
  public boolean isCallbackMode() {
    return callback;
  }

  public long defaultDelayMs() {
    return defaultDelayMs;
  }

  /** Parses the JSON name ({@code fail-second}, also accepting {@code FAIL_SECOND}). */
  public static FaultMode parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    for (FaultMode m : values()) {
      if (m.wire.equals(wanted)) {
        return m;
      }
    }
    throw new IllegalArgumentException("unknown fault mode: " + name);
  }
}
