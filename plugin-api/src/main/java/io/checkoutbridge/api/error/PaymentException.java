package io.checkoutbridge.api.error;

import java.util.Objects;

/**
 * The root of every error the plugin and its providers report. Carries a stable {@link ErrorCode},
 * the provider's request id when a provider answered, and whether trying again may help.
 *
 * <p>Always thrown as the subclass of its code, one subclass per {@link ErrorCode}: a decline is
 * always a {@link DeclinedException}, a storage failure always a {@link StorageException}, so a
 * storefront may catch either the base or exactly the case it handles. Code that only knows the
 * code at run time creates the error with {@link #of(ErrorCode, String, String, Throwable)}.
 *
 * <p>Messages never contain secrets or card data.
 */
public abstract class PaymentException extends Exception {
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
  protected PaymentException(ErrorCode code, String message) {
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
  protected PaymentException(ErrorCode code, String message, String providerRequestId, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.providerRequestId = providerRequestId;
  }

  /**
   * The error of a code, without a provider request id or cause.
   *
   * @param code the stable code
   * @param message what went wrong, without secrets or card data
   * @return the subclass that stands for {@code code}
   */
  public static PaymentException of(ErrorCode code, String message) {
    return of(code, message, null, null);
  }

  /**
   * The error of a code, as the subclass that stands for it.
   *
   * @param code the stable code
   * @param message what went wrong, without secrets or card data
   * @param providerRequestId the provider's id for the failed request, or {@code null}
   * @param cause the underlying failure, or {@code null}
   * @return the subclass that stands for {@code code}
   */
  public static PaymentException of(ErrorCode code, String message, String providerRequestId, Throwable cause) {
    return switch (Objects.requireNonNull(code, "code")) {
      case INVALID_REQUEST -> new InvalidRequestException(message, providerRequestId, cause);
      case ILLEGAL_TRANSITION -> new IllegalTransitionException(message, providerRequestId, cause);
      case OPERATION_IN_PROGRESS -> new OperationInProgressException(message, providerRequestId, cause);
      case UNSUPPORTED -> new UnsupportedCapabilityException(message, providerRequestId, cause);
      case NOT_FOUND -> new NotFoundException(message, providerRequestId, cause);
      case DECLINED -> new DeclinedException(message, providerRequestId, cause);
      case AUTHENTICATION -> new AuthenticationException(message, providerRequestId, cause);
      case RATE_LIMITED -> new RateLimitException(message, providerRequestId, cause);
      case TRANSIENT_NETWORK -> new TransientNetworkException(message, providerRequestId, cause);
      case PROVIDER_ERROR -> new ProviderException(message, providerRequestId, cause);
      case SIGNATURE_INVALID -> new SignatureException(message, providerRequestId, cause);
      case STATE_MISMATCH -> new StateMismatchException(message, providerRequestId, cause);
      case CONFIGURATION -> new ConfigurationException(message, providerRequestId, cause);
      case STORAGE -> new StorageException(message, providerRequestId, cause);
    };
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
