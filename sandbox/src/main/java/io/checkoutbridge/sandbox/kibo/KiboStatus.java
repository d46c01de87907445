package io.checkoutbridge.sandbox.kibo;

import java.util.Locale;

/** Kibo OMS status codes (the 5000 series) with the HTTP status each travels with. */
enum KiboStatus {
  GENERIC_OK(5000, 200),
  UNAVAILABLE(5001, 503),
  NOT_FOUND(5002, 404),
  BAD_REQUEST(5003, 400),
  NOT_AUTHORIZED(5004, 403),
  NOT_ALLOWED(5005, 405),
  SERVER_ERROR(5006, 500),
  MISSING_QUERY_PARAM(5010, 400),
  MISSING_REQUEST_DATA(5011, 400),
  ID_MISMATCH(5012, 400),
  INVALID_ID(5013, 400),
  INVALID_QUERY_PARAM(5014, 400),
  INVALID_REQUEST_DATA(5015, 400),
  UNSUPPORTED_QUERY_PARAM(5016, 400);

  /** The code of a declined payment: HTTP 402 with {@code BAD_REQUEST} and this reason. */
  static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";

  private final int code;
  private final int httpStatus;

  KiboStatus(int code, int httpStatus) {
    this.code = code;
    this.httpStatus = httpStatus;
  }

  int code() {
    return code;
  }

  int httpStatus() {
    return httpStatus;
  }

  /**
   * The Kibo status for an error raised in the sandbox: a Kibo name as the code wins, else the
   * HTTP status decides (the shared machinery raises {@code not_found}, {@code sandbox_fault}...).
   */
  static KiboStatus of(String code, int httpStatus) {
    if (code != null) {
      try {
        return valueOf(code.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException notKibo) {
        // fall through to the HTTP status
      }
    }
    return switch (httpStatus) {
      case 401, 403 -> NOT_AUTHORIZED;
      case 404 -> NOT_FOUND;
      case 405 -> NOT_ALLOWED;
      case 503, 502, 504 -> UNAVAILABLE;
      default -> httpStatus >= 500 ? SERVER_ERROR : BAD_REQUEST;
    };
  }
}
