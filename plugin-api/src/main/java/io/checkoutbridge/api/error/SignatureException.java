package io.checkoutbridge.api.error;

/** A callback's provider signature or our URL seal did not verify. */
public class SignatureException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public SignatureException(String message) {
    super(ErrorCode.SIGNATURE_INVALID, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public SignatureException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.SIGNATURE_INVALID, message, providerRequestId, cause);
  }
}
