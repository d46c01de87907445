package io.checkoutbridge.api.error;

/** A required configuration key is missing or invalid. Always carries {@link ErrorCode#CONFIGURATION}. */
public class ConfigurationException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public ConfigurationException(String message) {
    super(ErrorCode.CONFIGURATION, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public ConfigurationException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.CONFIGURATION, message, providerRequestId, cause);
  }
}
