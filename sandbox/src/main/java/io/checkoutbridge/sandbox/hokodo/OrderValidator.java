package io.checkoutbridge.sandbox.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.SimulatorException;
import io.checkoutbridge.sandbox.SimulatorException.FieldError;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks {@code POST payment/orders} the way Hokodo's order guide states it, collecting every
 * problem as a DRF-style field error ({@code items[1].total_amount}).
 *
 * <p>The five rules: for every item {@code total_amount = quantity × unit_price} exactly;
 * discounts have negative (or zero) totals, other items non-negative ones; amounts are minor units
 * with at most 5 decimals; the order's {@code total_amount} and {@code tax_amount} are exactly the
 * sums of the items'. Item {@code tax_amount} must be {@code total_amount × tax_rate / 100} as the
 * guide computes it (seed 001), rounded: less than one minor unit away, because Hokodo's own
 * clients send integers (the Magento plugin's {@code OrderBuilder.php} rounds every amount with
 * {@code (int) round(x * 100)}) and an integer cannot always equal the formula. (That amounts
 * include tax and that shipping is an item cannot be checked from the request.)
 */
final class OrderValidator {

  static final Set<String> ITEM_TYPES = Set.of("product", "shipping", "discount", "fee");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  /** An item's tax may be the formula rounded to whole minor units, never further off. */
  private static final BigDecimal TAX_TOLERANCE = BigDecimal.ONE;
  private static final String REQUIRED = "This field is required.";
  private static final String NUMBER = "A valid number is required.";

  private final List<FieldError> errors = new ArrayList<>();

  /** The checked order's essentials. */
  record Checked(String currency, BigDecimal totalAmount) {}

  /**
   * Checks the body.
   *
   * @throws SimulatorException 400 with every field error found
   */
  static Checked check(ObjectNode body) {
    OrderValidator v = new OrderValidator();
    Checked checked = v.run(body);
    if (!v.errors.isEmpty()) {
      throw new SimulatorException(400, "invalid", "The order is invalid", v.errors);
    }
    return checked;
  }

  private Checked run(ObjectNode body) {
    text(body, "unique_id", "unique_id");
    String status = body.path("status").asText("draft");
    if (!"draft".equals(status)) {
      error("status", "\"" + status + "\" is not a valid choice; new orders are \"draft\".");
    }
    String currency = text(body, "currency", "currency");
    if (currency != null) {
      try {
        Currency.getInstance(currency);
      } catch (IllegalArgumentException e) {
        error("currency", "\"" + currency + "\" is not a valid choice.");
      }
    }
    String date = text(body, "order_date", "order_date");
    if (date != null) {
      try {
        LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        error("order_date", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
      }
    }
    customer(body.path("customer"));

    BigDecimal total = amount(body.get("total_amount"), "total_amount");
    BigDecimal tax = amount(body.get("tax_amount"), "tax_amount");
    JsonNode items = body.get("items");
    if (items == null || !items.isArray() || items.isEmpty()) {
      error("items", items == null ? REQUIRED : "This list may not be empty.");
      return new Checked(currency, total);
    }
    BigDecimal sumTotal = BigDecimal.ZERO;
    BigDecimal sumTax = BigDecimal.ZERO;
    boolean itemsValid = true;
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      int before = errors.size();
      BigDecimal[] amounts = item(items.get(i), "items[" + i + "]", ids);
      if (errors.size() > before || amounts == null) {
        itemsValid = false;
      } else {
        sumTotal = sumTotal.add(amounts[0]);
        sumTax = sumTax.add(amounts[1]);
      }
    }
    if (itemsValid && total != null && total.compareTo(sumTotal) != 0) {
      error("total_amount", "Must equal the sum of the items' total_amount (" + sumTotal.toPlainString() + ").");
    }
    if (itemsValid && tax != null && tax.compareTo(sumTax) != 0) {
      error("tax_amount", "Must equal the sum of the items' tax_amount (" + sumTax.toPlainString() + ").");
    }
    if (total != null && total.signum() <= 0) {
      error("total_amount", "Ensure this value is greater than 0.");
    }
    return new Checked(currency, total);
  }

  private void customer(JsonNode customer) {
    if (!customer.isObject()) {
      error("customer", REQUIRED);
      return;
    }
    String type = customer.path("type").asText("");
    if (!"registered".equals(type) && !"guest".equals(type)) {
      error("customer.type", type.isEmpty() ? REQUIRED : "\"" + type + "\" is not a valid choice.");
    }
    if ("registered".equals(type)) {
      text(customer, "organisation", "customer.organisation");
      text(customer, "user", "customer.user");
    }
    address(customer.get("invoice_address"), "customer.invoice_address", true);
    address(customer.get("delivery_address"), "customer.delivery_address", false);
  }

  private void address(JsonNode address, String path, boolean invoice) {
    if (address == null || !address.isObject()) {
      error(path, REQUIRED);
      return;
    }
    text(address, "name", path + ".name");
    text(address, "address_line1", path + ".address_line1");
    text(address, "city", path + ".city");
    if (invoice) {
      text(address, "postcode", path + ".postcode");
    }
    String country = text(address, "country", path + ".country");
    if (country != null && !country.matches("[A-Z]{2}")) {
      error(path + ".country", "\"" + country + "\" is not a valid choice.");
    }
  }

  /** Checks one item; its total and tax, or null when they could not be read. */
  private BigDecimal[] item(JsonNode item, String path, Set<String> ids) {
    if (!item.isObject()) {
      error(path, "Expected a dictionary of items.");
      return null;
    }
    String id = text(item, "item_id", path + ".item_id");
    if (id != null && !ids.add(id)) {
      error(path + ".item_id", "Item ids must be unique within the order.");
    }
    String type = text(item, "type", path + ".type");
    if (type != null && !ITEM_TYPES.contains(type)) {
      error(path + ".type", "\"" + type + "\" is not a valid choice.");
    }
    text(item, "description", path + ".description");
    BigDecimal quantity = number(item.get("quantity"), path + ".quantity", 3);
    if (quantity != null && quantity.signum() <= 0) {
      error(path + ".quantity", "Ensure this value is greater than 0.");
    }
    BigDecimal unitPrice = amount(item.get("unit_price"), path + ".unit_price");
    BigDecimal total = amount(item.get("total_amount"), path + ".total_amount");
    BigDecimal tax = amount(item.get("tax_amount"), path + ".tax_amount");
    BigDecimal rate = number(item.get("tax_rate"), path + ".tax_rate", 2);
    if (rate != null && (rate.signum() < 0 || rate.compareTo(HUNDRED) > 0)) {
      error(path + ".tax_rate", "Ensure this value is between 0 and 100.");
    }
    if (quantity == null || unitPrice == null || total == null || tax == null || rate == null) {
      return null;
    }
    BigDecimal product = quantity.multiply(unitPrice);
    if (product.compareTo(total) != 0) {
      error(path + ".total_amount", "Must equal quantity × unit_price (" + quantity.toPlainString() + " × "
          + unitPrice.toPlainString() + " = " + product.stripTrailingZeros().toPlainString() + ").");
    }
    if ("discount".equals(type) && total.signum() > 0) {
      error(path + ".total_amount", "Discount items must have a negative total_amount.");
    } else if (type != null && !"discount".equals(type) && total.signum() < 0) {
      error(path + ".total_amount", "Only discount items may have a negative total_amount.");
    }
    BigDecimal expectedTax = total.multiply(rate).divide(HUNDRED);
    if (expectedTax.subtract(tax).abs().compareTo(TAX_TOLERANCE) >= 0) {
      error(path + ".tax_amount", "Must equal total_amount × tax_rate / 100 ("
          + expectedTax.stripTrailingZeros().toPlainString() + ").");
    }
    return new BigDecimal[] {total, tax};
  }

  private BigDecimal amount(JsonNode node, String path) {
    return number(node, path, 5);
  }

  private BigDecimal number(JsonNode node, String path, int maxDecimals) {
    if (node == null || node.isNull()) {
      error(path, REQUIRED);
      return null;
    }
    BigDecimal value;
    try {
      value = decimal(node);
    } catch (NumberFormatException e) {
      error(path, NUMBER);
      return null;
    }
    if (Math.max(0, value.stripTrailingZeros().scale()) > maxDecimals) {
      error(path, "Ensure that there are no more than " + maxDecimals + " decimal places.");
      return null;
    }
    return value;
  }

  /** A JSON number or a numeric string (quantities and rates are strings), exactly. */
  static BigDecimal decimal(JsonNode node) {
    if (node == null) {
      throw new NumberFormatException("missing");
    }
    if (node.isNumber()) {
      return node.decimalValue();
    }
    if (node.isTextual()) {
      return new BigDecimal(node.asText().trim());
    }
    throw new NumberFormatException("not a number");
  }

  private String text(JsonNode node, String field, String path) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull() || !value.isValueNode() || value.asText().isBlank()) {
      error(path, value == null || value.isNull() ? REQUIRED : "This field may not be blank.");
      return null;
    }
    return value.asText();
  }

  private void error(String field, String message) {
    errors.add(new FieldError(field, message));
  }
}
