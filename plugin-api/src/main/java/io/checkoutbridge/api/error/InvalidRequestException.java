package io.checkoutbridge.api.error;

/** The request breaks a rule of the plugin or of the provider; nothing was sent or changed. */
public class InvalidRequestException extends PaymentException {
  public InvalidRequestException(String message) {
    super(ErrorCode.INVALID_REQUEST, message);
  }

  public InvalidRequestException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.INVALID_REQUEST, message, providerRequestId, cause);
  }
}
