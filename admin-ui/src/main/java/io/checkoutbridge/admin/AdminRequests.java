package io.checkoutbridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.store.PaymentSearch;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the admin API's input strictly. Anything malformed is refused with an
 * {@link IllegalArgumentException} whose message says what is wrong in a few words; the API
 * answers it with 400 {@code invalid_request} and changes nothing.
 */
final class AdminRequests {
  static final int DEFAULT_LIMIT = 25;

  private AdminRequests() {}

  /** A capture, refund or void as the form sent it. @param seen the last history entry shown, or {@code null} */
  record ActionForm(AdminCommand command, Integer seen) {}

  /**
   * The list's query: {@code status} (one or more, comma-separated), {@code provider},
   * {@code from} and {@code to} (a day, {@code 2025-03-01}, both inclusive and in UTC, or an
   * instant, {@code to} exclusive), {@code q}, {@code after} (a cursor) and {@code limit}.
   */
  static PaymentSearch.Query listQuery(Map<String, List<String>> params) {
    Set<PaymentStatus> statuses = EnumSet.noneOf(PaymentStatus.class);
    String status = first(params, "status");
    if (status != null && !status.isBlank()) {
      for (String name : status.split(",")) {
        statuses.add(status(name.strip()));
      }
    }
    String provider = first(params, "provider");
    if (provider != null && !provider.isBlank() && !provider.matches("[a-z0-9-]{1,32}")) {
      throw new IllegalArgumentException("provider must be a provider id such as 'dintero'");
    }
    Instant from = time(first(params, "from"), "from", false);
    Instant to = time(first(params, "to"), "to", true);
    String after = first(params, "after");
    PaymentSearch.Cursor cursor = after == null || after.isBlank() ? null : PaymentSearch.Cursor.decode(after);
    int limit = DEFAULT_LIMIT;
    String limitText = first(params, "limit");
    if (limitText != null && !limitText.isBlank()) {
      try {
        limit = Integer.parseInt(limitText.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("limit must be a whole number from 1 to " + PaymentSearch.MAX_LIMIT);
      }
    }
    return new PaymentSearch.Query(statuses, provider, from, to, first(params, "q"), cursor, limit);
  }

  private static PaymentStatus status(String name) {
    try {
      return PaymentStatus.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown status '" + name + "'; use one of "
          + Arrays.toString(PaymentStatus.values()).toLowerCase(Locale.ROOT));
    }
  }

  /** A day (UTC; {@code to} means the end of that day) or an ISO-8601 instant; {@code null} when absent. */
  static Instant time(String text, String name, boolean endOfDay) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String value = text.strip();
    try {
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be a day such as 2025-03-01 or an instant such as"
          + " 2025-03-01T09:30:00Z");
    }
  }

  /**
   * A capture, refund or void from its JSON: {@code mode} ({@code remaining}, {@code amount},
   * {@code lines}), {@code amount} (a decimal string in the payment's currency), {@code lines}
   * (line id to quantity), {@code reason}, {@code idempotencyKey} and, from the page,
   * {@code seen}.
   */
  static ActionForm actionForm(JsonNode body, OperationKind kind, Currency currency, String actor) {
    if (body == null || !body.isObject()) {
      throw new IllegalArgumentException("the body must be a JSON object");
    }
    String mode = text(body, "mode");
    Selection selection;
    if (mode == null || mode.equals(ActionOffer.REMAINING)) {
      selection = Selection.remaining();
    } else if (mode.equals(ActionOffer.AMOUNT)) {
      String amount = text(body, "amount");
      if (amount == null || amount.isBlank()) {
        throw new IllegalArgumentException("enter an amount");
      }
      selection = Selection.amount(money(amount.strip(), currency));
    } else if (mode.equals(ActionOffer.LINES)) {
      if (kind == OperationKind.VOID) {
        throw new IllegalArgumentException("a void releases an amount, not lines");
      }
      selection = Selection.lines(lines(body.get("lines")));
    } else {
      throw new IllegalArgumentException("mode must be remaining, amount or lines");
    }
    String reason = text(body, "reason");
    String key = text(body, "idempotencyKey");
    Integer seen = null;
    JsonNode seenNode = body.get("seen");
    if (seenNode != null && !seenNode.isNull()) {
      if (!seenNode.canConvertToInt() || !seenNode.isIntegralNumber() || seenNode.intValue() < 1) {
        throw new IllegalArgumentException("seen must be the sequence number of a history entry");
      }
      seen = seenNode.intValue();
    }
    return new ActionForm(new AdminCommand(selection, reason == null ? null : reason.strip(), actor, key), seen);
  }

  private static Money money(String text, Currency currency) {
    if (!text.matches("\\d{1,15}(\\.\\d{1,6})?")) {
      throw new IllegalArgumentException("the amount must be a plain decimal such as 12.50");
    }
    try {
      return Money.of(new BigDecimal(text), currency);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the amount " + text + " has more decimals than " + currency.getCurrencyCode()
          + " allows (" + Money.decimals(currency) + ")");
    }
  }

  private static Map<String, BigDecimal> lines(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("lines must map line ids to quantities");
    }
    Map<String, BigDecimal> quantities = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode value = entry.getValue();
      String text = value.isNumber() ? value.decimalValue().toPlainString() : value.isTextual() ? value.asText().strip() : null;
      if (text == null || text.isEmpty()) {
        continue; // a line left empty in the form is not chosen
      }
      if (!text.matches("\\d{1,12}(\\.\\d{1,6})?")) {
        throw new IllegalArgumentException("line " + entry.getKey() + ": the quantity must be a plain number such as 1 or 0.5");
      }
      BigDecimal quantity = new BigDecimal(text);
      if (quantity.signum() > 0) {
        quantities.put(entry.getKey(), quantity);
      }
    }
    if (quantities.isEmpty()) {
      throw new IllegalArgumentException("choose at least one line and a quantity");
    }
    return quantities;
  }

  private static String text(JsonNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException(field + " must be a string");
    }
    return value.asText();
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
