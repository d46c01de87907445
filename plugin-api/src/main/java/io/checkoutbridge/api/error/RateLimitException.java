package io.checkoutbridge.api.error;

/** The provider asks us to slow down. */
public class RateLimitException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public RateLimitException(String message) {
    super(ErrorCode.RATE_LIMITED, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public RateLimitException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.RATE_LIMITED, message, providerRequestId, cause);
  }
}
