package io.checkoutbridge.demo;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.PaymentMethodDetails;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checkout form: the shopper's details, the chosen provider and what that provider needs (a
 * company for Hokodo, a card for providers that authorise server to server).
 *
 * <p>Card fields are read once into {@link PaymentMethodDetails.Card} and are not kept in {@link
 * #values()}: a form shown again after an error never contains them.
 */
final class CheckoutForm {
  static final List<String> COUNTRIES = List.of("GB", "IE", "NO", "SE", "DK", "DE", "FR", "NL");
  static final String HOKODO = "hokodo";

  private static final List<String> FIELDS = List.of("firstName", "lastName", "email", "phone", "line1", "line2",
      "city", "postcode", "country", "provider", "companyName", "companyNumber", "companyCountry");
  private static final Map<String, Integer> MAX_LENGTH = Map.of("email", 254, "line1", 100, "line2", 100,
      "companyName", 140);

  private final Map<String, String> values = new LinkedHashMap<>();
  private final Map<String, String> errors = new LinkedHashMap<>();
  private PaymentMethodDetails.Card card;

  /** The form as first shown: a demo shopper, so a visitor can pay at once. */
  static CheckoutForm prefilled() {
    CheckoutForm form = new CheckoutForm();
    form.values.putAll(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", "ada@example.com",
        "phone", "+44 20 7946 0018", "line1", "12 St James's Square", "city", "London", "postcode", "SW1Y 4JH",
        "country", "GB", "companyName", "Analytical Engines Ltd", "companyNumber", "01234567"));
    form.values.put("companyCountry", "GB");
    return form;
  }

  /**
   * Reads and checks the posted form for {@code provider}.
   *
   * @param needsCard whether the provider authorises server to server with a card
   */
  static CheckoutForm read(HttpServletRequest request, boolean needsCard) {
    CheckoutForm form = new CheckoutForm();
    for (String field : FIELDS) {
      String value = request.getParameter(field);
      form.values.put(field, value == null ? "" : value.strip());
    }
    form.check(needsCard ? request : null);
    return form;
  }

  private void check(HttpServletRequest cardSource) {
    required("firstName", "Enter your first name.");
    required("lastName", "Enter your last name.");
    if (required("email", "Enter your email address.") && !value("email").matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      errors.put("email", "Enter an email address like name@example.com.");
    }
    required("line1", "Enter the first line of your address.");
    required("city", "Enter your town or city.");
    required("postcode", "Enter your postcode.");
    if (!COUNTRIES.contains(value("country"))) {
      errors.put("country", "Choose a country.");
    }
    MAX_LENGTH.forEach((field, max) -> {
      if (value(field).length() > max) {
        errors.put(field, "Use at most " + max + " characters.");
      }
    });
    for (String field : FIELDS) {
      if (value(field).length() > 200) {
        errors.put(field, "Use at most 200 characters.");
      }
    }
    if (HOKODO.equals(value("provider"))) {
      required("companyName", "Enter the company's registered name.");
      required("companyNumber", "Enter the company's registration number.");
      if (!COUNTRIES.contains(value("companyCountry"))) {
        errors.put("companyCountry", "Choose the country of the company's register.");
      }
    }
    if (cardSource != null) {
      readCard(cardSource);
    }
  }

  private void readCard(HttpServletRequest request) {
    String number = param(request, "cardNumber");
    String month = param(request, "cardExpiryMonth");
    String year = param(request, "cardExpiryYear");
    String cvc = param(request, "cardCvc");
    String holder = param(request, "cardName");
    if (number.isEmpty()) {
      errors.put("cardNumber", "Enter the card number.");
    } else if (!number.replaceAll("[\\s-]", "").matches("\\d{12,19}")) {
      errors.put("cardNumber", "Enter the card number as it appears on the card (12 to 19 digits).");
    }
    if (month.length() == 1) {
      month = "0" + month;
    }
    if (!month.matches("0[1-9]|1[0-2]")) {
      errors.put("cardExpiryMonth", "Enter the expiry month, 01 to 12.");
    }
    if (year.matches("\\d{2}")) {
      year = "20" + year;
    }
    if (!year.matches("\\d{4}")) {
      errors.put("cardExpiryYear", "Enter the expiry year, for example 2030.");
    }
    if (!cvc.matches("\\d{3,4}")) {
      errors.put("cardCvc", "Enter the 3 or 4 digit security code.");
    }
    if (errors.keySet().stream().noneMatch(k -> k.startsWith("card"))) {
      card = new PaymentMethodDetails.Card(number, month, year, cvc, holder.isEmpty() ? null : holder);
    }
  }

  private static String param(HttpServletRequest request, String name) {
    String value = request.getParameter(name);
    return value == null ? "" : value.strip();
  }

  private boolean required(String field, String message) {
    if (value(field).isEmpty()) {
      errors.put(field, message);
      return false;
    }
    return true;
  }

  String value(String field) {
    return values.getOrDefault(field, "");
  }

  Map<String, String> values() {
    return values;
  }

  Map<String, String> errors() {
    return errors;
  }

  void error(String field, String message) {
    errors.put(field, message);
  }

  boolean valid() {
    return errors.isEmpty();
  }

  PaymentMethodDetails.Card card() {
    return card;
  }

  /** The shopper for the payment request; only for a valid form. */
  Customer customer() {
    String name = value("firstName") + " " + value("lastName");
    Address address = new Address(name, value("line1"), blankToNull(value("line2")), value("city"), null,
        value("postcode").toUpperCase(Locale.ROOT), value("country"), blankToNull(value("phone")));
    Company company = HOKODO.equals(value("provider"))
        ? new Company(value("companyName"), value("companyNumber"), value("companyCountry"), null)
        : null;
    return new Customer(customerId(value("email")), value("firstName"), value("lastName"), value("email"),
        blankToNull(value("phone")), company, address, null, null);
  }

  /** A stable id per email address, so providers can recognise a returning shopper. */
  static String customerId(String email) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(email.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
      return "cust-" + HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
