package io.checkoutbridge.api.error;

/** The provider declined the payment or the operation. */
public class DeclinedException extends PaymentException {
  public DeclinedException(String message) {
    super(ErrorCode.DECLINED, message);
  }

  public DeclinedException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.DECLINED, message, providerRequestId, cause);
  }
}
