package io.checkoutbridge.api.error;

/** The provider lacks the capability the operation needs. Always carries {@link ErrorCode#UNSUPPORTED}. */
public class UnsupportedCapabilityException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public UnsupportedCapabilityException(String message) {
    super(ErrorCode.UNSUPPORTED, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public UnsupportedCapabilityException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.UNSUPPORTED, message, providerRequestId, cause);
  }
}
