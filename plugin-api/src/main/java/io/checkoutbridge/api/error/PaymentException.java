package io.checkoutbridge.api.error;

import java.util.Objects;

/**
 * The root of every error the plugin and its providers report. Carries a stable {@link ErrorCode},
 * the provider's request id when a provider answered, and whether trying again may help.
 *
 * <p>Messages never contain secrets or card data.
 */
public class PaymentException extends Exception {
  /** The stable code; part of the serialized form. */
  private final ErrorCode code;
  /** The provider's id for the failed request, or {@code null}; part of the serialized form. */
  private final String providerRequestId;

  /**
   * An error without a provider request id or cause.
   *
   * @param code the stable code
   * @param message what went wrong, without secrets or card data
   */
  public PaymentException(ErrorCode code, String message) {
    this(code, message, null, null);
  }

  /**
   * An error the provider answered or caused.
   *
   * @param code the stable code
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   */
  public PaymentException(ErrorCode code, String message, String providerRequestId, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.providerRequestId = providerRequestId;
  }

  /**
   * The stable code, for programs; the message is for people.
   *
   * @return the code
   */
  public ErrorCode code() {
    return code;
  }

  /**
   * The provider's id for the failed request, for its support desk.
   *
   * @return the id, or {@code null} when no provider answered
   */
  public String providerRequestId() {
    return providerRequestId;
  }

  /**
   * Whether sending the same request again may succeed.
   *
   * @return the code's {@link ErrorCode#retryable()}
   */
  public boolean retryable() {
    return code.retryable();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + code.code() + "]: " + getMessage()
        + (providerRequestId == null ? "" : " (provider request " + providerRequestId + ")");
  }
}
