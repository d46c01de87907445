package io.checkoutbridge.api.error;

/** The provider declined the payment or the operation. */
public class DeclinedException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public DeclinedException(String message) {
    super(ErrorCode.DECLINED, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public DeclinedException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.DECLINED, message, providerRequestId, cause);
  }
}
