package io.checkoutbridge.api.error;

/** A timeout, connection failure or 5xx before the provider acted; safe to retry for reads. */
public class TransientNetworkException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public TransientNetworkException(String message) {
    super(ErrorCode.TRANSIENT_NETWORK, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public TransientNetworkException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.TRANSIENT_NETWORK, message, providerRequestId, cause);
  }
}
