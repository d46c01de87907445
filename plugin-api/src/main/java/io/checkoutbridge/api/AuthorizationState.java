package io.checkoutbridge.api;

/** The provider's decision on the shopper's payment, as far as the ledger knows it. */
public enum AuthorizationState {
  /** Nothing decided yet, nothing heard. */
  NONE,
  /** The provider said: not yet (review, on hold, waiting for a bank transfer). */
  PENDING,
  AUTHORIZED,
  DECLINED,
  /** Expired, cancelled by the shopper, or failed at the provider. */
  FAILED;

  /** Whether moving from this state to {@code next} goes forward (the ledger never goes back). */
  public boolean canMoveTo(AuthorizationState next) {
    return switch (this) {
      case NONE -> next != NONE;
      case PENDING -> next == AUTHORIZED || next == DECLINED || next == FAILED;
      case AUTHORIZED, DECLINED, FAILED -> false;
    };
  }
}
