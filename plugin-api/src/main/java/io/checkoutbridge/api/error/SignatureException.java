package io.checkoutbridge.api.error;

/** A callback's provider signature or our URL seal did not verify. */
public class SignatureException extends PaymentException {
  public SignatureException(String message) {
    super(ErrorCode.SIGNATURE_INVALID, message);
  }

  public SignatureException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.SIGNATURE_INVALID, message, providerRequestId, cause);
  }
}
