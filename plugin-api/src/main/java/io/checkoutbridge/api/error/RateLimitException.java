package io.checkoutbridge.api.error;

/** The provider asks us to slow down. */
public class RateLimitException extends PaymentException {
  public RateLimitException(String message) {
    super(ErrorCode.RATE_LIMITED, message);
  }

  public RateLimitException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.RATE_LIMITED, message, providerRequestId, cause);
  }
}
