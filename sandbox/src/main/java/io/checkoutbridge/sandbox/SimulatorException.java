package io.checkoutbridge.sandbox;

import java.util.List;

/**
 * A provider-level error thrown by a simulator's handler: an HTTP status, a stable code, a message
 * and optional per-field errors. The simulator renders it in its provider's error shape ({@link
 * Simulator#errorResponse}), so handlers never build error JSON themselves.
 */
public final class SimulatorException extends RuntimeException {

  /** One invalid field, named by its JSON path, e.g. {@code order.items[1].line_id}. */
  public record FieldError(String field, String message) {}

  private final int status;
  private final String code;
  private final transient List<FieldError> fieldErrors;

  public SimulatorException(int status, String code, String message, List<FieldError> fieldErrors) {
    super(message, null, false, false); // stack traces are noise for expected API errors
    this.status = status;
    this.code = code;
    this.fieldErrors = List.copyOf(fieldErrors);
  }

  public SimulatorException(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public static SimulatorException badRequest(String code, String message) {
    return new SimulatorException(400, code, message);
  }

  public static SimulatorException notFound(String message) {
    return new SimulatorException(404, "not_found", message);
  }

  public static SimulatorException unauthorized(String message) {
    return new SimulatorException(401, "unauthorized", message);
  }

  public static SimulatorException forbidden(String message) {
    return new SimulatorException(403, "forbidden", message);
  }

  public static SimulatorException conflict(String code, String message) {
    return new SimulatorException(409, code, message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<FieldError> fieldErrors() {
    return fieldErrors;
  }
}
