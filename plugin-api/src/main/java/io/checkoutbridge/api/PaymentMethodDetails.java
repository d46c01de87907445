package io.checkoutbridge.api;

import java.util.Objects;

/**
 * Payment details the storefront collected itself, for providers that authorize server-side (Kibo).
 * Redirect and embedded providers need none. These values are passed to the provider and never
 * stored, logged or shown: {@code toString()} masks them.
 */
public sealed interface PaymentMethodDetails {

  /** A card. Only {@link #lastFour()} may ever be kept. */
  record Card(String number, String expiryMonth, String expiryYear, String securityCode, String holderName)
      implements PaymentMethodDetails {
    /**
     * Checks the card's number, expiry and security code; the number loses spaces and dashes.
     *
     * @param number 12 to 19 digits
     * @param expiryMonth {@code 01} to {@code 12}
     * @param expiryYear four digits
     * @param securityCode 3 or 4 digits, or {@code null}
     * @param holderName the name on the card, or {@code null}
     */
    public Card {
      Objects.requireNonNull(number, "number");
      number = number.replaceAll("[\\s-]", "");
      if (!number.matches("\\d{12,19}")) {
        throw new IllegalArgumentException("card number must have 12 to 19 digits");
      }
      if (expiryMonth == null || !expiryMonth.matches("0[1-9]|1[0-2]")) {
        throw new IllegalArgumentException("card expiry month must be 01 to 12");
      }
      if (expiryYear == null || !expiryYear.matches("\\d{4}")) {
        throw new IllegalArgumentException("card expiry year must have four digits");
      }
      if (securityCode != null && !securityCode.matches("\\d{3,4}")) {
        throw new IllegalArgumentException("card security code must have 3 or 4 digits");
      }
    }

    /**
     * The last four digits, the only part that may be kept.
     *
     * @return four digits
     */
    public String lastFour() {
      return number.substring(number.length() - 4);
    }

    @Override
    public String toString() {
      return "Card[**** " + lastFour() + "]";
    }
  }

  /** A PayPal approval obtained by the storefront's PayPal button. */
  record PayPal(String token, String payerId) implements PaymentMethodDetails {
    @Override
    public String toString() {
      return "PayPal[***]";
    }
  }

  /** A payment method the provider stored earlier, referenced by its token. */
  record StoredToken(String token) implements PaymentMethodDetails {
    @Override
    public String toString() {
      return "StoredToken[***]";
    }
  }

  /** A gift card. */
  record GiftCard(String number, String pin) implements PaymentMethodDetails {
    @Override
    public String toString() {
      return "GiftCard[***]";
    }
  }
}
