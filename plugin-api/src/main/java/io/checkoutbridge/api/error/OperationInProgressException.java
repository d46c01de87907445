package io.checkoutbridge.api.error;

/** Another operation on the same payment is in flight; try again once it has finished. Always carries {@link ErrorCode#OPERATION_IN_PROGRESS}. */
public class OperationInProgressException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public OperationInProgressException(String message) {
    super(ErrorCode.OPERATION_IN_PROGRESS, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public OperationInProgressException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.OPERATION_IN_PROGRESS, message, providerRequestId, cause);
  }
}
