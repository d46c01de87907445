package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Tolerant readers for the shapes Felloh is known to vary (numbers as strings, status objects). */
final class FellohJson {
  private FellohJson() {}

  /**
   * An exact integer from a JSON number or a numeric string ({@code meta.count} may be either).
   *
   * @throws IllegalArgumentException when absent, fractional or not a number
   */
  static long integer(JsonNode node) {
    BigDecimal value;
    if (node.isNumber()) {
      value = node.decimalValue();
    } else if (node.isTextual() && node.asText().trim().matches("-?\\d+(\\.0+)?")) {
      value = new BigDecimal(node.asText().trim());
    } else {
      throw new IllegalArgumentException("not an integer: " + node.getNodeType());
    }
    try {
      return value.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("not an integer");
    }
  }

  /** A status as a word, from {@code "COMPLETE"} or {@code {"id":"COMPLETE"}}; empty when absent. */
  static String status(JsonNode node) {
    JsonNode value = node.isObject() ? node.path("id") : node;
    return value.isTextual() ? value.asText().trim().toUpperCase(Locale.ROOT) : "";
  }

  /** A text field, or {@code null}. */
  static String text(JsonNode node) {
    return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
  }

  /**
   * When a session stops being payable: the instant given, or the end of the day when Felloh gives
   * only a date; {@code null} when absent.
   */
  static Instant endOf(JsonNode node) {
    String text = text(node);
    if (text != null && text.matches("\\d{4}-\\d{2}-\\d{2}")) {
      Instant start = instant(node);
      return start == null ? null : start.plus(java.time.Duration.ofDays(1));
    }
    return instant(node);
  }

  /** An instant from an ISO date-time or date ({@code 2022-07-25}, start of day UTC), or {@code null}. */
  static Instant instant(JsonNode node) {
    String text = text(node);
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException notInstant) {
      try {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }
}
