package io.checkoutbridge.api;

/**
 * Where a payment stands, always derived from its {@link Ledger}, never set by hand.
 */
public enum PaymentStatus {
  /** Created; the shopper has not finished with the provider yet. */
  STARTED(false),
  /** The provider has not decided yet (review, bank transfer, on hold). */
  PENDING(false),
  AUTHORIZED(false),
  PARTIALLY_CAPTURED(false),
  CAPTURED(false),
  PARTIALLY_REFUNDED(false),
  REFUNDED(true),
  /** The whole authorisation was released before any capture. */
  VOIDED(true),
  DECLINED(true),
  /** The attempt ended without a decision (expired, cancelled by the shopper, provider error). */
  FAILED(true);

  private final boolean closed;

  PaymentStatus(boolean closed) {
    this.closed = closed;
  }

  /** No further money can move: nothing left to capture, refund or void. */
  public boolean closed() {
    return closed;
  }

  /** The shopper has committed money: the order can be fulfilled. */
  public boolean paid() {
    return switch (this) {
      case AUTHORIZED, PARTIALLY_CAPTURED, CAPTURED, PARTIALLY_REFUNDED, REFUNDED -> true;
      default -> false;
    };
  }

  /** The provider's decision is still open: the shopper's return page keeps polling. */
  public boolean awaitingDecision() {
    return this == STARTED || this == PENDING;
  }
}
