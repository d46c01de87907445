package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SimulatorException;
import io.checkoutbridge.sandbox.SimulatorException.FieldError;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a {@code POST /sessions-profile} body the way Dintero does, collecting every problem with
 * its field path. Pure: no state, no I/O.
 */
final class SessionValidator {

  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private SessionValidator() {}

  /**
   * Validates and returns the authorised amount per {@code line_id} (items, plus the shipping option
   * when it has a {@code line_id}).
   *
   * @throws SimulatorException 400 {@code validation_error} listing every invalid field
   */
  static Map<String, Long> validate(ObjectNode body) {
    List<FieldError> errors = new ArrayList<>();
    Map<String, Long> lines = new LinkedHashMap<>();

    if (Json.text(body, "profile_id") == null) {
      errors.add(new FieldError("profile_id", "is required"));
    }
    JsonNode url = body.get("url");
    if (url == null || !url.isObject()) {
      errors.add(new FieldError("url.return_url", "is required"));
    } else {
      checkUrl(url.get("return_url"), "url.return_url", true, errors);
      checkUrl(url.get("callback_url"), "url.callback_url", false, errors);
    }

    JsonNode order = body.get("order");
    if (order == null || !order.isObject()) {
      errors.add(new FieldError("order", "is required"));
      throw failure(errors);
    }
    String currency = Json.text(order, "currency");
    if (currency == null) {
      errors.add(new FieldError("order.currency", "is required"));
    } else if (!isIsoCurrency(currency)) {
      errors.add(new FieldError("order.currency", "is not an ISO 4217 currency code: " + currency));
    }
    if (Json.text(order, "merchant_reference") == null) {
      errors.add(new FieldError("order.merchant_reference", "is required"));
    }
    JsonNode amount = order.get("amount");
    boolean amountOk = Json.isLong(amount) && amount.longValue() >= 0;
    if (!amountOk) {
      errors.add(new FieldError("order.amount", "must be a non-negative integer (minor units)"));
    }
    if (order.has("vat_amount") && !Json.isLong(order.get("vat_amount"))) {
      errors.add(new FieldError("order.vat_amount", "must be an integer (minor units)"));
    }

    long sum = 0;
    boolean sumKnown = true;
    JsonNode items = order.get("items");
    if (items == null || !items.isArray() || items.isEmpty()) {
      errors.add(new FieldError("order.items", "at least one item is required"));
      sumKnown = false;
    } else {
      for (int i = 0; i < items.size(); i++) {
        Long itemAmount = checkItem(items.get(i), "order.items[" + i + "]", lines, errors);
        if (itemAmount == null) {
          sumKnown = false;
        } else {
          sum += itemAmount;
        }
      }
    }

    JsonNode shipping = order.get("shipping_option");
    if (shipping != null && !shipping.isNull()) {
      String field = "order.shipping_option";
      if (!shipping.isObject() || !Json.isLong(shipping.get("amount"))) {
        errors.add(new FieldError(field + ".amount", "must be an integer (minor units)"));
        sumKnown = false;
      } else {
        long shippingAmount = shipping.get("amount").longValue();
        sum += shippingAmount;
        JsonNode lineId = shipping.get("line_id");
        if (lineId != null && !lineId.isNull()) {
          if (!lineId.isTextual() || lineId.asText().isEmpty()) {
            errors.add(new FieldError(field + ".line_id", "must be a non-empty string"));
          } else if (lines.putIfAbsent(lineId.asText(), shippingAmount) != null) {
            errors.add(new FieldError(field + ".line_id",
                "duplicate line_id " + lineId.asText() + "; line_id must be unique"));
          }
        }
      }
    }

    if (amountOk && sumKnown && sum != amount.longValue()) {
      errors.add(new FieldError("order.amount", "must equal the sum of order.items[].amount"
          + (shipping != null && !shipping.isNull() ? " plus order.shipping_option.amount" : "")
          + " (" + sum + "), was " + amount.longValue()));
    }
    if (!errors.isEmpty()) {
      throw failure(errors);
    }
    return lines;
  }

  /** Checks one item; returns its amount when that is valid (for the sum), else null. */
  private static Long checkItem(JsonNode item, String field, Map<String, Long> lines,
      List<FieldError> errors) {
    if (!item.isObject()) {
      errors.add(new FieldError(field, "must be an object"));
      return null;
    }
    JsonNode amountNode = item.get("amount");
    Long amount = Json.isLong(amountNode) ? amountNode.longValue() : null;
    if (amount == null) {
      errors.add(new FieldError(field + ".amount", "must be an integer (minor units)"));
    }

    JsonNode lineId = item.get("line_id");
    if (lineId == null || !lineId.isTextual() || lineId.asText().isEmpty()) {
      errors.add(new FieldError(field + ".line_id", "is required and must be a non-empty string"));
    } else if (lines.containsKey(lineId.asText())) {
      errors.add(new FieldError(field + ".line_id",
          "duplicate line_id " + lineId.asText() + "; line_id must be unique"));
    } else {
      lines.put(lineId.asText(), amount == null ? 0L : amount);
    }

    JsonNode quantity = item.get("quantity");
    if (quantity == null || !quantity.isNumber() || quantity.decimalValue().signum() <= 0) {
      errors.add(new FieldError(field + ".quantity", "must be a number greater than 0"));
    }

    JsonNode vatNode = item.get("vat");
    BigDecimal vat = null;
    if (vatNode == null || vatNode.isNull()) {
      errors.add(new FieldError(field + ".vat", "is required (percent, e.g. 25)"));
    } else if (!vatNode.isNumber()) {
      errors.add(new FieldError(field + ".vat", "must be a number"));
    } else {
      vat = vatNode.decimalValue();
      if (vat.signum() < 0 || vat.compareTo(HUNDRED) > 0) {
        errors.add(new FieldError(field + ".vat", "must be between 0 and 100"));
        vat = null;
      } else if (vat.stripTrailingZeros().scale() > 2) {
        errors.add(new FieldError(field + ".vat", "may have at most 2 decimals"));
        vat = null;
      }
    }

    JsonNode vatAmount = item.get("vat_amount");
    if (vatAmount != null && !vatAmount.isNull()) {
      if (!Json.isLong(vatAmount)) {
        errors.add(new FieldError(field + ".vat_amount", "must be an integer (minor units)"));
      } else if (amount != null && vat != null) {
        long expected = expectedVat(amount, vat);
        if (Math.abs(vatAmount.longValue() - expected) > 1) {
          errors.add(new FieldError(field + ".vat_amount", "must be amount * vat / (100 + vat) = "
              + expected + " (±1), was " + vatAmount.longValue()));
        }
      }
    }
    return amount;
  }

  /** VAT included in a gross amount: {@code round(amount * vat / (100 + vat))}, half up. */
  static long expectedVat(long amount, BigDecimal vat) {
    return BigDecimal.valueOf(amount).multiply(vat)
        .divide(HUNDRED.add(vat), 0, RoundingMode.HALF_UP).longValueExact();
  }

  private static void checkUrl(JsonNode node, String field, boolean required,
      List<FieldError> errors) {
    if (node == null || node.isNull()) {
      if (required) {
        errors.add(new FieldError(field, "is required"));
      }
      return;
    }
    if (!node.isTextual() || !isAbsoluteHttpUrl(node.asText())) {
      errors.add(new FieldError(field, "must be an absolute http(s) URL"));
    }
  }

  static boolean isAbsoluteHttpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static boolean isIsoCurrency(String code) {
    if (!code.matches("[A-Z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static SimulatorException failure(List<FieldError> errors) {
    return new SimulatorException(400, "validation_error",
        "Invalid session: " + errors.get(0).field() + " " + errors.get(0).message(), errors);
  }
}
