package io.checkoutbridge.api.error;

/**
 * Stable error codes. The {@link #code()} strings are part of the public contract: they appear in
 * JSON error bodies and logs, and never change meaning.
 */
public enum ErrorCode {
  /** The request breaks a rule of the plugin or the provider; sending it again will not help. */
  INVALID_REQUEST("invalid_request", false),
  /** The move is not allowed by the ledger (over-capture, refund before capture, after void). */
  ILLEGAL_TRANSITION("illegal_transition", false),
  /** Another operation on the same payment is in flight; try again once it has finished. */
  OPERATION_IN_PROGRESS("operation_in_progress", true),
  /** The provider lacks the capability (Felloh partial capture, Kibo refunds). */
  UNSUPPORTED("unsupported", false),
  /** The payment or the provider's object does not exist. */
  NOT_FOUND("not_found", false),
  /** The provider declined the payment or the operation. */
  DECLINED("declined", false),
  /** Our credentials were refused: a configuration problem, never answered 2xx. */
  AUTHENTICATION("authentication_failed", false),
  /** The provider asked us to slow down; try again later. */
  RATE_LIMITED("rate_limited", true),
  /** Timeout, connection failure or a 5xx from the provider before anything happened. */
  TRANSIENT_NETWORK("transient_network", true),
  /** The provider answered something we do not understand or did not expect. */
  PROVIDER_ERROR("provider_error", false),
  /** A callback's signature or seal did not verify. */
  SIGNATURE_INVALID("signature_invalid", false),
  /** The provider's state does not match the payment (reference, amount or currency). */
  STATE_MISMATCH("state_mismatch", false),
  /** A required or valid configuration key is missing. */
  CONFIGURATION("configuration", false),
  /** The plugin could not save: nothing was lost, the caller should try again. */
  STORAGE("storage", true);

  private final String code;
  private final boolean retryable;

  ErrorCode(String code, boolean retryable) {
    this.code = code;
    this.retryable = retryable;
  }

  /**
   * The code as it appears in JSON error bodies and logs.
   *
   * @return the lower-case code, such as {@code "declined"}
   */
  public String code() {
    return code;
  }

  /**
   * Whether sending the same request again may succeed.
   *
   * @return {@code true} for transient conditions
   */
  public boolean retryable() {
    return retryable;
  }
}
