package io.checkoutbridge.api.error;

/** A timeout, connection failure or 5xx before the provider acted; safe to retry for reads. */
public class TransientNetworkException extends PaymentException {
  public TransientNetworkException(String message) {
    super(ErrorCode.TRANSIENT_NETWORK, message);
  }

  public TransientNetworkException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.TRANSIENT_NETWORK, message, providerRequestId, cause);
  }
}
