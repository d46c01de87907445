package io.checkoutbridge.api.error;

/** The request breaks a rule of the plugin or of the provider; nothing was sent or changed. */
public class InvalidRequestException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public InvalidRequestException(String message) {
    super(ErrorCode.INVALID_REQUEST, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public InvalidRequestException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.INVALID_REQUEST, message, providerRequestId, cause);
  }
}
