package io.checkoutbridge.api.error;

/** The payment or the provider's object does not exist. Always carries {@link ErrorCode#NOT_FOUND}. */
public class NotFoundException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public NotFoundException(String message) {
    super(ErrorCode.NOT_FOUND, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public NotFoundException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.NOT_FOUND, message, providerRequestId, cause);
  }
}
