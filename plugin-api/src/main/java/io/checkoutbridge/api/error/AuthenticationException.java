package io.checkoutbridge.api.error;

/** The provider refused our credentials. */
public class AuthenticationException extends PaymentException {
  public AuthenticationException(String message) {
    super(ErrorCode.AUTHENTICATION, message);
  }

  public AuthenticationException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.AUTHENTICATION, message, providerRequestId, cause);
  }
}
