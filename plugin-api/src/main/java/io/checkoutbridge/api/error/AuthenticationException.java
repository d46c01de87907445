package io.checkoutbridge.api.error;

/** The provider refused our credentials. */
public class AuthenticationException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public AuthenticationException(String message) {
    super(ErrorCode.AUTHENTICATION, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public AuthenticationException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.AUTHENTICATION, message, providerRequestId, cause);
  }
}
