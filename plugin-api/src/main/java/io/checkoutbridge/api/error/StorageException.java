package io.checkoutbridge.api.error;

/** The plugin could not read or save the payment ledger; nothing was lost, and trying again may help. Always carries {@link ErrorCode#STORAGE}. */
public class StorageException extends PaymentException {
  /**
   * An error without a provider request id or cause.
   *
   * @param message what went wrong, without secrets or card data
   */
  public StorageException(String message) {
    super(ErrorCode.STORAGE, message);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public StorageException(String message, String providerRequestId, Throwable cause) {
    super(ErrorCode.STORAGE, message, providerRequestId, cause);
  }
}
