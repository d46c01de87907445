package io.checkoutbridge.sandbox.kibo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Set;

/**
 * The {@code paymentMethod} variants the sandbox accepts and what it keeps of them: the type, the
 * card issuer and at most the last four digits, never the number, security code, PIN or token.
 */
final class PaymentMethods {

  /**
   * {@code CC}: seed 004's example. {@code TK}: the token type Kibo's documentation names. {@code
   * PP}: accepted because seed 004's {@code paymentMethod} has {@code payPalToken} and {@code
   * payPalPayerID}, though no source names the code (the adapter sends it only when PayPal is
   * switched on). Nothing else: no source names a gift-card variant.
   */
  static final Set<String> TYPES = Set.of("CC", "PP", "TK");
  static final Set<String> ISSUERS = Set.of("VI", "MC", "AX", "DI", "JC", "DC");

  /**
   * What the authorisation may remember, plus whether the gateway declines it.
   *
   * @param type the paymentType
   * @param lastFour last four digits of a card or gift card, else null
   * @param declined whether the gateway declines this method
   */
  record Summary(String type, String lastFour, boolean declined) {}

  private PaymentMethods() {}

  /** Checks {@code paymentMethod}; null when it is absent or invalid (errors are in {@code checks}). */
  static Summary check(Checks checks, JsonNode body, Clock clock) {
    JsonNode method = checks.object(body, "", "paymentMethod", true);
    if (method == null) {
      return null;
    }
    String path = "paymentMethod";
    JsonNode billing = checks.object(method, path, "billingAddress", true);
    if (billing != null) {
      checks.address(billing, path + ".billingAddress");
    }
    String type = checks.oneOf(method, path, "paymentType", TYPES, true);
    if (type == null) {
      return null;
    }
    switch (type) {
      case "CC":
        return card(checks, method, path, clock);
      case "PP":
        checks.string(method, path, "payPalToken", 1, 255, true);
        checks.string(method, path, "payPalPayerID", 1, 255, true);
        return new Summary(type, null, false);
      default:
        checks.string(method, path, "paymentMethodToken", 1, 255, true);
        return new Summary(type, null, false);
    }
  }

  /**
   * Checks {@code orderPayments[i].paymentMethod} of create-order: the billing address and a known
   * {@code paymentType}; card details are optional there (the public create-order body repeats
   * them, the authorisation already holds them). Returns the paymentType, or null.
   */
  static String checkOrderPayment(Checks checks, JsonNode method, String path) {
    JsonNode billing = checks.object(method, path, "billingAddress", true);
    if (billing != null) {
      checks.address(billing, path + ".billingAddress");
    }
    String type = checks.oneOf(method, path, "paymentType", TYPES, true);
    if ("CC".equals(type)) {
      checks.oneOf(method, path, "cardIssuer", ISSUERS, false);
      String last = checks.string(method, path, "ccLastFour", 4, 4, false);
      if (last != null && !last.chars().allMatch(Character::isDigit)) {
        checks.invalid(path + ".ccLastFour", "must be 4 digits");
      }
      String expiration = checks.string(method, path, "cardExpiration", 7, 7, false);
      // seed 004 writes 10-2019; the public create-order body writes 12/2022
      if (expiration != null && !expiration.matches("(0[1-9]|1[0-2])[-/]\\d{4}")) {
        checks.invalid(path + ".cardExpiration", "must be MM-YYYY");
      }
    }
    return type;
  }

  private static Summary card(Checks checks, JsonNode method, String path, Clock clock) {
    String number = checks.string(method, path, "cardNumber", 12, 19, true);
    String issuer = checks.oneOf(method, path, "cardIssuer", ISSUERS, true);
    if (number != null) {
      if (!number.chars().allMatch(Character::isDigit)) {
        checks.invalid(path + ".cardNumber", "must contain digits only");
        number = null;
      } else if (!luhn(number)) {
        checks.invalid(path + ".cardNumber", "is not a valid card number (check digit)");
        number = null;
      } else if (issuer != null && !issuer.equals(issuerOf(number))) {
        checks.invalid(path + ".cardIssuer", "does not match the card number");
      }
    }
    String expiration = checks.string(method, path, "cardExpiration", 7, 7, true);
    if (expiration != null) {
      if (!expiration.matches("(0[1-9]|1[0-2])-\\d{4}")) {
        checks.invalid(path + ".cardExpiration", "must be MM-YYYY");
      } else {
        YearMonth expiry = YearMonth.of(Integer.parseInt(expiration.substring(3)),
            Integer.parseInt(expiration.substring(0, 2)));
        if (expiry.isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
          checks.invalid(path + ".cardExpiration", "is in the past: the card has expired");
        }
      }
    }
    String code = checks.string(method, path, "cardSecurityCode", 3, 4, false);
    if (code != null && !code.chars().allMatch(Character::isDigit)) {
      checks.invalid(path + ".cardSecurityCode", "must be 3 or 4 digits");
    }
    if (number == null) {
      return null;
    }
    return new Summary("CC", number.substring(number.length() - 4), KiboSimulator.DECLINE_CARD.equals(number));
  }

  /** The issuer code of a card number by its prefix, or null. */
  static String issuerOf(String digits) {
    int two = Integer.parseInt(digits.substring(0, 2));
    int three = Integer.parseInt(digits.substring(0, 3));
    int four = Integer.parseInt(digits.substring(0, 4));
    int six = Integer.parseInt(digits.substring(0, 6));
    if (digits.startsWith("4")) {
      return "VI";
    } else if (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) {
      return "MC";
    } else if (two == 34 || two == 37) {
      return "AX";
    } else if (four == 6011 || two == 65 || three >= 644 && three <= 649 || six >= 622126 && six <= 622925) {
      return "DI";
    } else if (four >= 3528 && four <= 3589) {
      return "JC";
    } else if (three >= 300 && three <= 305 || two == 36 || two == 38 || two == 39 || four == 3095) {
      return "DC";
    }
    return null;
  }

  static boolean luhn(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      int d = digits.charAt(digits.length() - 1 - i) - '0';
      if (i % 2 == 1) {
        d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      }
      sum += d;
    }
    return sum % 10 == 0;
  }
}
