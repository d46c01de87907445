package io.checkoutbridge.api.error;

/** The provider answered something unexpected or not understood. Always carries {@link ErrorCode#PROVIDER_ERROR}. */
public class ProviderException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public ProviderException(String message) {
    super(ErrorCode.PROVIDER_ERROR, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public ProviderException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.PROVIDER_ERROR, message, providerRequestId, cause);
  }
}
