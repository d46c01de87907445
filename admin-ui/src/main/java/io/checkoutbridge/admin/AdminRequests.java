package io.checkoutbridge.admin;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.store.PaymentSearch;
import java.io.IOException;
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
 * answers it with 400 {@code invalid_request} and changes nothing. An action's refusal is a
 * {@link Refused} that also names the field ({@code param}) and the problem: {@code missing},
 * {@code wrong_type}, {@code invalid_value}, {@code unknown_value}, {@code unknown_field},
 * {@code not_for_mode} or {@code invalid_json}.
 */
final class AdminRequests {
  static final int DEFAULT_LIMIT = 25;
  static final String MISSING = "missing";
  static final String WRONG_TYPE = "wrong_type";
  static final String INVALID_VALUE = "invalid_value";
  static final String NOT_FOR_MODE = "not_for_mode";
  private static final String MODE = "mode";
  private static final String AMOUNT = "amount";
  private static final String LINES = "lines";
  private static final String REASON = "reason";
  private static final String KEY = "idempotencyKey";
  private static final String SEEN = "seen";

  private AdminRequests() {}

  /** A refused field: {@code param} names it ({@code body} for the whole body), {@code problem} says what is wrong. */
  static final class Refused extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String param;
    private final String problem;

    Refused(String param, String problem, String message) {
      super(message);
      this.param = param;
      this.problem = problem;
    }

    String param() {
      return param;
    }

    String problem() {
      return problem;
    }
  }

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

  /** The fields an action may carry; any other is refused, so a misspelt one never goes unnoticed. */
  private static final Set<String> ACTION_FIELDS = Set.of(MODE, AMOUNT, LINES, REASON, KEY, SEEN);

  /**
   * The body as JSON: one value, no trailing tokens, and no field given twice (which of two
   * {@code mode}s would count is exactly the kind of guess this API does not make).
   */
  static JsonNode json(byte[] bytes) {
    try {
      return AdminJson.MAPPER.reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(bytes);
    } catch (IOException e) {
      throw new Refused("body", "invalid_json", "the body is not valid JSON");
    }
  }

  /**
   * A capture, refund or void from its JSON. Every field is checked and nothing is defaulted:
   *
   * <ul>
   *   <li>{@code mode} (required): {@code remaining} (everything still open), {@code amount} or
   *       {@code lines} ({@code lines} not for a void);
   *   <li>{@code amount} (with {@code amount} only, required there): a decimal string above zero
   *       with at most the currency's decimals, such as {@code "12.50"};
   *   <li>{@code lines} (with {@code lines} only, required there): line id to quantity, a number or
   *       a decimal string; empty and zero quantities are lines not chosen;
   *   <li>{@code reason} and {@code idempotencyKey} (required strings), {@code seen} (optional, the
   *       last history entry the page showed, a whole number from 1).
   * </ul>
   *
   * A missing or {@code null} mode is refused, never read as "everything"; a field that does not
   * belong to the mode ({@code amount} with {@code remaining}) is refused, never ignored.
   */
  static ActionForm actionForm(JsonNode body, OperationKind kind, Currency currency, String actor) {
    if (body == null || !body.isObject()) {
      throw new Refused("body", WRONG_TYPE, "the body must be a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : body.properties()) {
      if (!ACTION_FIELDS.contains(field.getKey())) {
        throw new Refused(field.getKey(), "unknown_field", "unknown field '" + field.getKey() + "'; an action has "
            + String.join(", ", List.of(MODE, AMOUNT, LINES, REASON, KEY, SEEN)));
      }
    }
    String mode = requiredText(body, MODE, "mode is required: remaining, amount or lines");
    Selection selection = switch (mode) {
      case ActionOffer.REMAINING -> {
        absent(body, AMOUNT, mode);
        absent(body, LINES, mode);
        yield Selection.remaining();
      }
      case ActionOffer.AMOUNT -> {
        absent(body, LINES, mode);
        yield Selection.amount(money(requiredText(body, AMOUNT, "enter an amount").strip(), currency));
      }
      case ActionOffer.LINES -> {
        if (kind == OperationKind.VOID) {
          throw new Refused(MODE, NOT_FOR_MODE, "a void releases an amount, not lines");
        }
        absent(body, AMOUNT, mode);
        yield Selection.lines(lines(body.get(LINES)));
      }
      default -> throw new Refused(MODE, "unknown_value", "mode must be remaining, amount or lines");
    };
    String reason = requiredText(body, REASON, "a reason is required").strip();
    if (reason.length() > 500) {
      throw new Refused(REASON, INVALID_VALUE, "the reason may have at most 500 characters");
    }
    String key = requiredText(body, KEY, "an idempotency key is required (the form's idempotencyKey)");
    if (!key.matches("[A-Za-z0-9._:-]{8,100}")) {
      throw new Refused(KEY, INVALID_VALUE, "idempotency key must be 8 to 100 letters, digits or . _ : -");
    }
    Integer seen = null;
    if (body.has(SEEN)) {
      JsonNode seenNode = body.get(SEEN);
      if (!seenNode.isIntegralNumber() || !seenNode.canConvertToInt()) {
        throw new Refused(SEEN, WRONG_TYPE, "seen must be the sequence number of a history entry, a whole number");
      }
      if (seenNode.intValue() < 1) {
        throw new Refused(SEEN, INVALID_VALUE, "seen must be the sequence number of a history entry, from 1");
      }
      seen = seenNode.intValue();
    }
    return new ActionForm(new AdminCommand(selection, reason, actor, key), seen);
  }

  /** A field that must not be there for this mode, not even as {@code null}. */
  private static void absent(JsonNode body, String field, String mode) {
    if (body.has(field)) {
      throw new Refused(field, NOT_FOR_MODE, field + " does not go with mode " + mode + "; leave it out");
    }
  }

  private static Money money(String text, Currency currency) {
    if (!text.matches("\\d{1,15}(\\.\\d{1,6})?")) {
      throw new Refused(AMOUNT, INVALID_VALUE, "the amount must be a plain decimal above zero such as 12.50");
    }
    BigDecimal value = new BigDecimal(text);
    if (value.signum() == 0) {
      throw new Refused(AMOUNT, INVALID_VALUE, "the amount must be above zero");
    }
    try {
      return Money.of(value, currency);
    } catch (IllegalArgumentException e) {
      throw new Refused(AMOUNT, INVALID_VALUE, "the amount " + text + " has more decimals than "
          + currency.getCurrencyCode() + " allows (" + Money.decimals(currency) + ")");
    }
  }

  private static Map<String, BigDecimal> lines(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new Refused(LINES, MISSING, "choose at least one line and a quantity");
    }
    if (!node.isObject()) {
      throw new Refused(LINES, WRONG_TYPE, "lines must map line ids to quantities");
    }
    Map<String, BigDecimal> quantities = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      JsonNode value = entry.getValue();
      if (!value.isNumber() && !value.isTextual()) {
        throw new Refused(LINES, WRONG_TYPE, "line " + entry.getKey() + ": the quantity must be a number or a string");
      }
      String text = value.isNumber() ? value.decimalValue().toPlainString() : value.asText().strip();
      if (text.isEmpty()) {
        continue; // a line left empty in the form is not chosen
      }
      if (!text.matches("\\d{1,12}(\\.\\d{1,6})?")) {
        throw new Refused(LINES, INVALID_VALUE,
            "line " + entry.getKey() + ": the quantity must be a plain number such as 1 or 0.5");
      }
      BigDecimal quantity = new BigDecimal(text);
      if (quantity.signum() > 0) {
        quantities.put(entry.getKey(), quantity);
      }
    }
    if (quantities.isEmpty()) {
      throw new Refused(LINES, MISSING, "choose at least one line and a quantity");
    }
    return quantities;
  }

  /** A string field that must be there: absent, {@code null} or blank is {@code missing}. */
  private static String requiredText(JsonNode body, String field, String missing) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      throw new Refused(field, MISSING, missing);
    }
    if (!value.isTextual()) {
      throw new Refused(field, WRONG_TYPE, field + " must be a string");
    }
    if (value.asText().isBlank() && !field.equals(MODE)) {
      throw new Refused(field, MISSING, missing);
    }
    return value.asText();
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
