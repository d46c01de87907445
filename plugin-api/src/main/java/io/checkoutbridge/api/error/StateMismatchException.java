package io.checkoutbridge.api.error;

/** The provider's state does not match the payment (reference, amount or currency). Always carries {@link ErrorCode#STATE_MISMATCH}. */
public class StateMismatchException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public StateMismatchException(String message) {
    super(ErrorCode.STATE_MISMATCH, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public StateMismatchException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.STATE_MISMATCH, message, providerRequestId, cause);
  }
}
