package io.checkoutbridge.api;

/**
 * Where a payment stands, always derived from its {@link Ledger}, never set by hand.
 */
public enum PaymentStatus {
  /** Created; the shopper has not finished with the provider yet. */
  STARTED(false),
  /** The provider has not decided yet (review, bank transfer, on hold). */
  PENDING(false),
  /** The provider authorized the whole amount; nothing is captured yet. */
  AUTHORIZED(false),
  /** Part of the authorization is captured; the rest is still open. */
  PARTIALLY_CAPTURED(false),
  /** Everything authorized is captured (or the rest voided). */
  CAPTURED(false),
  /** Part of what was captured is refunded. */
  PARTIALLY_REFUNDED(false),
  /** Everything captured is refunded. */
  REFUNDED(true),
  /** The whole authorization was released before any capture. */
  VOIDED(true),
  /** The provider refused the payment. */
  DECLINED(true),
  /** The attempt ended without a decision (expired, cancelled by the shopper, provider error). */
  FAILED(true);

  private final boolean closed;

  PaymentStatus(boolean closed) {
    this.closed = closed;
  }

  /**
   * No further money can move: nothing left to capture, refund or void.
   *
   * @return {@code true} for a final status
   */
  public boolean closed() {
    return closed;
  }

  /**
   * The shopper has committed money: the order can be fulfilled.
   *
   * @return {@code true} once authorized, also after captures and refunds
   */
  public boolean paid() {
    return switch (this) {
      case AUTHORIZED, PARTIALLY_CAPTURED, CAPTURED, PARTIALLY_REFUNDED, REFUNDED -> true;
      default -> false;
    };
  }

  /**
   * The provider's decision is still open: the shopper's return page keeps polling.
   *
   * @return {@code true} for {@link #STARTED} and {@link #PENDING}
   */
  public boolean awaitingDecision() {
    return this == STARTED || this == PENDING;
  }
}
