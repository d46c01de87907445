package io.checkoutbridge.provider.kibo;

import java.util.Optional;

/**
 * Kibo's {@code cardIssuer} codes, derived from the card number's prefix (the issuer
 * identification ranges published by the card schemes).
 */
enum CardIssuer {
  VI("Visa"),
  MC("Mastercard"),
  AX("American Express"),
  DI("Discover"),
  JC("JCB"),
  DC("Diners Club");

  private final String brand;

  CardIssuer(String brand) {
    this.brand = brand;
  }

  String brand() {
    return brand;
  }

  /** The issuer of a card number (digits only), or empty when no known range matches. */
  static Optional<CardIssuer> of(String digits) {
    if (digits == null || digits.length() < 6 || !digits.chars().allMatch(Character::isDigit)) {
      return Optional.empty();
    }
    int two = Integer.parseInt(digits.substring(0, 2));
    int three = Integer.parseInt(digits.substring(0, 3));
    int four = Integer.parseInt(digits.substring(0, 4));
    int six = Integer.parseInt(digits.substring(0, 6));
    if (digits.charAt(0) == '4') {
      return Optional.of(VI);
    }
    if (two >= 51 && two <= 55 || four >= 2221 && four <= 2720) {
      return Optional.of(MC);
    }
    if (two == 34 || two == 37) {
      return Optional.of(AX);
    }
    if (four == 6011 || two == 65 || three >= 644 && three <= 649 || six >= 622126 && six <= 622925) {
      return Optional.of(DI);
    }
    if (four >= 3528 && four <= 3589) {
      return Optional.of(JC);
    }
    if (three >= 300 && three <= 305 || two == 36 || two == 38 || two == 39 || four == 3095) {
      return Optional.of(DC);
    }
    return Optional.empty();
  }

  /** Whether the digits pass the Luhn check every card number carries. */
  static boolean luhn(String digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }
}
