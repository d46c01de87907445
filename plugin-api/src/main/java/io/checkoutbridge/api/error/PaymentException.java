package io.checkoutbridge.api.error;

import java.util.Objects;

/**
 * The root of every error the plugin and its providers report. Carries a stable {@link ErrorCode},
 * the provider's request id when a provider answered, and whether trying again may help.
 *
 * <p>Messages never contain secrets or card data.
 */
public class PaymentException extends Exception {
  private final ErrorCode code;
  private final String providerRequestId;

  public PaymentException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  public PaymentException(ErrorCode code, String message, String providerRequestId, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.providerRequestId = providerRequestId;
  }

  public ErrorCode code() {
    return code;
  }

  /** The provider's id for the failed request, for its support desk; {@code null} if none. */
  public String providerRequestId() {
    return providerRequestId;
  }

  public boolean retryable() {
    return code.retryable();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code.code() + "]: " + getMessage()
        + (providerRequestId == null ? "" : " (provider request " + providerRequestId + ")");
  }
}
