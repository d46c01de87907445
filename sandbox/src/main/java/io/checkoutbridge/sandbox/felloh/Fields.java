package io.checkoutbridge.sandbox.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SimulatorException;
import io.checkoutbridge.sandbox.SimulatorException.FieldError;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a request body field by field, collecting every problem, then fails once with 422. */
final class Fields {
  private final JsonNode body;
  private final List<FieldError> errors = new ArrayList<>();

  Fields(JsonNode body) {
    this.body = body;
  }

  boolean has(String name) {
    JsonNode v = body.get(name);
    return v != null && !v.isNull();
  }

  String requiredText(String name) {
    String value = Json.text(body, name);
    if (value == null) {
      errors.add(new FieldError(name, "is required"));
    }
    return value;
  }

  String optionalText(String name) {
    if (!has(name)) {
      return null;
    }
    String value = Json.text(body, name);
    if (value == null) {
      errors.add(new FieldError(name, "must be a non-empty string"));
    }
    return value;
  }

  String email(String name) {
    String value = requiredText(name);
    if (value != null && !value.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      errors.add(new FieldError(name, "must be a valid email address"));
    }
    return value;
  }

  /** A whole number between {@code min} and {@code max}; {@code fallback} when absent and optional. */
  long integer(String name, boolean required, long min, long max, long fallback) {
    if (!has(name)) {
      if (required) {
        errors.add(new FieldError(name, "is required"));
      }
      return fallback;
    }
    JsonNode v = body.get(name);
    if (!Json.isLong(v)) {
      errors.add(new FieldError(name, "must be an integer in the lowest denomination"));
      return fallback;
    }
    if (v.longValue() < min || v.longValue() > max) {
      errors.add(new FieldError(name, "must be between " + min + " and " + max));
    }
    return v.longValue();
  }

  boolean bool(String name, boolean fallback) {
    if (!has(name)) {
      return fallback;
    }
    JsonNode v = body.get(name);
    if (!v.isBoolean()) {
      errors.add(new FieldError(name, "must be true or false"));
      return fallback;
    }
    return v.booleanValue();
  }

  /** An array of upper-case words; when {@code allowed} is given, each must be one of them. */
  List<String> words(String name, Set<String> allowed) {
    if (!has(name)) {
      return List.of();
    }
    JsonNode v = body.get(name);
    List<String> out = new ArrayList<>();
    if (!v.isArray()) {
      errors.add(new FieldError(name, "must be an array of strings"));
      return out;
    }
    for (JsonNode item : v) {
      String word = item.isTextual() ? item.asText().trim().toUpperCase(Locale.ROOT) : "";
      if (word.isEmpty() || (allowed != null && !allowed.contains(word))) {
        errors.add(new FieldError(name, "contains " + item + (allowed == null ? ", not a string"
            : ", expected one of " + allowed)));
      } else {
        out.add(word);
      }
    }
    return out;
  }

  LocalDate date(String name) {
    String value = optionalText(name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
    } catch (DateTimeParseException e) {
      errors.add(new FieldError(name, "must be an ISO 8601 date such as 2026-05-10"));
      return null;
    }
  }

  void problem(String name, String message) {
    errors.add(new FieldError(name, message));
  }

  /** Fails with 422 and every problem found. */
  void validate() {
    if (!errors.isEmpty()) {
      throw new SimulatorException(422, "invalid", "The request failed validation", errors);
    }
  }
}
