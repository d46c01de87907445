package io.checkoutbridge.api.error;

/** The ledger does not allow the move (over-capture, over-refund, capture after void); refused before any provider call. */
public class IllegalTransitionException extends PaymentException {
  public IllegalTransitionException(String message) {
    super(ErrorCode.ILLEGAL_TRANSITION, message);
  }

  public IllegalTransitionException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.ILLEGAL_TRANSITION, message, providerRequestId, cause);
  }
}
