package io.checkoutbridge.api.error;

/** The ledger does not allow the move (over-capture, over-refund, capture after void); refused before any provider call. */
public class IllegalTransitionException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public IllegalTransitionException(String message) {
    super(ErrorCode.ILLEGAL_TRANSITION, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public IllegalTransitionException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.ILLEGAL_TRANSITION, message, providerRequestId, cause);
  }
}
