package io.checkoutbridge.preview;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentMethodDetails;
import io.checkoutbridge.provider.support.JsonHttp;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Reads a checkout from JSON, the format of the dry-run preview (documented in the README).
 * Amounts are strings or JSON numbers read exactly (never through {@code double}). A line's
 * {@code total} defaults to {@code quantity × unitPrice} rounded half-even to the currency.
 */
public final class CartJson {
  private CartJson() {}

  public static CheckoutRequest read(InputStream in) throws IOException {
    JsonNode root = JsonHttp.MAPPER.readTree(in);
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("the cart file must hold a JSON object");
    }
    Currency currency = Money.currency(text(root, "currency"));
    List<CartLine> lines = new ArrayList<>();
    int index = 0;
    for (JsonNode l : root.path("lines")) {
      index++;
      String at = "lines[" + (index - 1) + "]";
      LineKind kind = LineKind.valueOf(l.path("kind").asText("product").toUpperCase(Locale.ROOT).replace('-', '_'));
      BigDecimal quantity = decimal(l, "quantity", at, BigDecimal.ONE);
      Money unit = new Money(decimal(l, "unitPrice", at, null), currency);
      Money total = l.has("total") ? new Money(decimal(l, "total", at, null), currency)
          : unit.times(quantity, RoundingMode.HALF_EVEN);
      lines.add(new CartLine(l.path("id").asText(String.valueOf(index)), kind, l.path("sku").asText(""),
          text(l, "name"), quantity, unit, decimal(l, "taxRate", at, BigDecimal.ZERO), total,
          optional(l, "supplierId"), optional(l, "supplierName")));
    }
    JsonNode c = root.path("customer");
    Address address = address(c.path("address"));
    Address shipping = c.has("shippingAddress") ? address(c.path("shippingAddress")) : null;
    Company company = null;
    if (c.has("company")) {
      JsonNode co = c.path("company");
      company = new Company(text(co, "name"), optional(co, "registrationNumber"), text(co, "country"),
          optional(co, "providerCompanyId"));
    }
    Customer customer = new Customer(optional(c, "id"), optional(c, "firstName"), optional(c, "lastName"),
        text(c, "email"), optional(c, "phone"), company, address, shipping, null);
    PaymentMethodDetails method = null;
    if (root.has("card")) {
      JsonNode card = root.path("card");
      method = new PaymentMethodDetails.Card(text(card, "number"), text(card, "expiryMonth"), text(card, "expiryYear"),
          optional(card, "securityCode"), optional(card, "holderName"));
    }
    Locale locale = Locale.forLanguageTag(root.path("locale").asText("en-GB"));
    return new CheckoutRequest(text(root, "orderReference"), new Cart(currency, lines), customer, locale,
        root.path("captureLater").asBoolean(true), method, optional(root, "bookingId"));
  }

  private static Address address(JsonNode a) {
    return new Address(optional(a, "name"), optional(a, "line1"), optional(a, "line2"), optional(a, "city"),
        optional(a, "region"), optional(a, "postcode"), text(a, "country"), optional(a, "phone"));
  }

  private static BigDecimal decimal(JsonNode node, String field, String at, BigDecimal defaultValue) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (defaultValue == null) {
        throw new IllegalArgumentException(at + "." + field + " is required");
      }
      return defaultValue;
    }
    try {
      return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(at + "." + field + " is not a decimal number");
    }
  }

  private static String text(JsonNode node, String field) {
    String value = optional(node, field);
    if (value == null) {
      throw new IllegalArgumentException(field + " is required");
    }
    return value;
  }

  private static String optional(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || value.asText().isBlank() ? null : value.asText();
  }
}
