package io.checkoutbridge.sandbox.kibo;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SimulatorException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Collects the field errors of one request body the way Kibo's JSON schemas check it, then fails
 * with all of them: the first names {@code field} and {@code message}, every one is listed. A
 * missing field is {@code MISSING_REQUEST_DATA} (5011), an invalid one {@code
 * INVALID_REQUEST_DATA} (5015). Not thread-safe: one per request.
 */
final class Checks {

  /** The ISO 4217 codes of the {@code currency} enum. */
  static final Set<String> CURRENCIES = Set.of(
      "AED", "ARS", "AUD", "BGN", "BHD", "BRL", "CAD", "CHF", "CLP", "CNY", "COP", "CZK", "DKK",
      "EGP", "EUR", "GBP", "HKD", "HUF", "IDR", "ILS", "INR", "ISK", "JOD", "JPY", "KES", "KRW",
      "KWD", "MXN", "MYR", "NGN", "NOK", "NZD", "OMR", "PEN", "PHP", "PKR", "PLN", "QAR", "RON",
      "SAR", "SEK", "SGD", "THB", "TRY", "TWD", "USD", "VND", "ZAR");

  private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}-[A-Z]{2}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  private final List<SimulatorException.FieldError> errors = new ArrayList<>();
  private boolean firstIsMissing;

  /** A path below {@code parent}: {@code customer.firstName}, or {@code amount} at the top. */
  static String path(String parent, String name) {
    return parent.isEmpty() ? name : parent + "." + name;
  }

  /** The field's node, or null when absent or JSON {@code null}. */
  static JsonNode field(JsonNode parent, String name) {
    JsonNode value = parent == null ? null : parent.get(name);
    return value == null || value.isNull() ? null : value;
  }

  /** The field, or null when absent (recorded as missing when {@code required}). */
  private JsonNode present(JsonNode parent, String path, String name, boolean required) {
    JsonNode value = field(parent, name);
    if (value == null && required) {
      missing(path);
    }
    return value;
  }

  void missing(String path) {
    add(path, path + " is required", true);
  }

  void invalid(String path, String message) {
    add(path, path + " " + message, false);
  }

  boolean ok() {
    return errors.isEmpty();
  }

  /** Throws the collected errors, if any. */
  void throwIfAny() {
    if (errors.isEmpty()) {
      return;
    }
    throw new SimulatorException(400, firstIsMissing ? "MISSING_REQUEST_DATA" : "INVALID_REQUEST_DATA",
        errors.get(0).message(), errors);
  }

  /** A string of {@code min} to {@code max} characters; null when absent (an error if required). */
  String string(JsonNode parent, String parentPath, String name, int min, int max, boolean required) {
    String path = path(parentPath, name);
    JsonNode value = present(parent, path, name, required);
    if (value == null) {
      return null;
    }
    if (!value.isTextual()) {
      invalid(path, "must be a string");
      return null;
    }
    String text = value.asText();
    if (text.length() < min) {
      if (required && text.isEmpty()) {
        missing(path);
      } else {
        invalid(path, "must have at least " + min + " characters");
      }
      return null;
    }
    if (text.length() > max) {
      invalid(path, "must be at most " + max + " characters");
      return null;
    }
    return text;
  }

  /** A whole number of at least {@code min}; null when absent or invalid. */
  Long integer(JsonNode parent, String parentPath, String name, long min, boolean required) {
    String path = path(parentPath, name);
    JsonNode value = present(parent, path, name, required);
    if (value == null) {
      return null;
    }
    if (!Json.isLong(value)) {
      invalid(path, "must be an integer");
      return null;
    }
    if (value.longValue() < min) {
      invalid(path, "must be at least " + min);
      return null;
    }
    return value.longValue();
  }

  /** A JSON number; null when absent or invalid. */
  BigDecimal number(JsonNode parent, String parentPath, String name, boolean required) {
    String path = path(parentPath, name);
    JsonNode value = present(parent, path, name, required);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      invalid(path, "must be a number");
      return null;
    }
    return value.decimalValue();
  }

  /** An amount with no more decimals than the currency has ({@code currency} may be null). */
  BigDecimal amount(JsonNode parent, String parentPath, String name, String currency, boolean required) {
    BigDecimal amount = number(parent, parentPath, name, required);
    if (amount != null && currency != null) {
      int digits = Currency.getInstance(currency).getDefaultFractionDigits();
      if (amount.stripTrailingZeros().scale() > digits) {
        invalid(path(parentPath, name), "has more decimals than " + currency + " allows (" + digits + ")");
        return null;
      }
    }
    return amount;
  }

  Boolean bool(JsonNode parent, String parentPath, String name) {
    JsonNode value = field(parent, name);
    if (value == null) {
      return null;
    }
    if (!value.isBoolean()) {
      invalid(path(parentPath, name), "must be true or false");
      return null;
    }
    return value.booleanValue();
  }

  /** An object; null when absent or not an object. */
  JsonNode object(JsonNode parent, String parentPath, String name, boolean required) {
    String path = path(parentPath, name);
    JsonNode value = present(parent, path, name, required);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      invalid(path, "must be an object");
      return null;
    }
    return value;
  }

  /** One of {@code allowed}; null when absent or not allowed. */
  String oneOf(JsonNode parent, String parentPath, String name, Set<String> allowed, boolean required) {
    String value = string(parent, parentPath, name, 1, 100, required);
    if (value != null && !allowed.contains(value)) {
      invalid(path(parentPath, name), "must be one of " + allowed.stream().sorted().toList());
      return null;
    }
    return value;
  }

  String currency(JsonNode parent, String name) {
    String value = string(parent, "", name, 3, 3, true);
    if (value != null && !CURRENCIES.contains(value)) {
      invalid(name, "must be one of the supported ISO 4217 codes, not " + value);
      return null;
    }
    return value;
  }

  void locale(JsonNode parent, String name) {
    String value = string(parent, "", name, 2, 20, false);
    if (value != null && !LOCALE.matcher(value).matches()) {
      invalid(name, "must be an IETF language-region code such as en-US");
    }
  }

  /** The customer object of both calls (seed 004: firstName, lastName, email and phone1 required). */
  void customer(JsonNode body) {
    JsonNode customer = object(body, "", "customer", true);
    if (customer == null) {
      return;
    }
    string(customer, "customer", "customerID", 1, 255, false);
    string(customer, "customer", "firstName", 1, 300, true);
    string(customer, "customer", "lastName", 1, 300, true);
    String email = string(customer, "customer", "email", 1, 250, true);
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      invalid("customer.email", "is not an email address");
    }
    string(customer, "customer", "phone1", 1, 20, true);
    string(customer, "customer", "phone2", 0, 20, false);
    oneOf(customer, "customer", "active", Set.of("ACTIVE", "INACTIVE", "FROZEN"), false);
  }

  /** An address: names, first line, city and an ISO 3166 country are required. */
  void address(JsonNode address, String path) {
    string(address, path, "firstName", 1, 300, true);
    string(address, path, "lastName", 1, 300, true);
    string(address, path, "addressLine1", 1, 255, true);
    string(address, path, "addressLine2", 0, 255, false);
    string(address, path, "city", 1, 100, true);
    string(address, path, "state", 0, 100, false);
    string(address, path, "postalCode", 0, 20, false);
    string(address, path, "phone", 0, 20, false);
    string(address, path, "company", 0, 255, false);
    String country = string(address, path, "countryCode", 2, 2, true);
    if (country != null && !COUNTRY.matcher(country).matches()) {
      invalid(path(path, "countryCode"), "must be an ISO 3166 alpha-2 code");
    }
  }

  private void add(String path, String message, boolean isMissing) {
    if (errors.isEmpty()) {
      firstIsMissing = isMissing;
    }
    errors.add(new SimulatorException.FieldError(path, message));
  }
}
