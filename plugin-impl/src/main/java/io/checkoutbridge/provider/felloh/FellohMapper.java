package io.checkoutbridge.provider.felloh;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a cart to what Felloh takes: one amount in the currency's lowest denomination and
 * Felloh's code for that denomination. Pure: no I/O, no clock, thread-safe.
 *
 * <p>Felloh takes no line items, so there is nothing to split or round: the cart total (already
 * the exact sum of its lines) becomes an integer number of pence or cents, exactly, or the
 * cart is refused with the reason.
 *
 * <p>Currencies: Felloh names amounts by their minor unit. {@code GBX} (pence, 100 to the pound)
 * is documented. {@code EUX} (euro cents) and {@code USX} (US cents) are taken to follow the same
 * convention; that is an assumption (Felloh lists its codes at run time under {@code GET /enums},
 * which was not available), and Felloh refuses a code it does not know with a 4xx. Every other
 * currency is refused here, before anything is sent.
 */
final class FellohMapper {

  /** ISO 4217 code → Felloh's code for its lowest denomination, each with 100 minor units. */
  private static final Map<String, String> CODES;

  static {
    Map<String, String> codes = new LinkedHashMap<>();
    codes.put("GBP", "GBX");
    codes.put("EUR", "EUX");
    codes.put("USD", "USX");
    CODES = java.util.Collections.unmodifiableMap(codes);
  }

  /** Felloh types amounts as integers; larger totals are refused here rather than by Felloh. */
  static final long MAX_AMOUNT = Integer.MAX_VALUE;

  private FellohMapper() {}

  /**
   * What a cart becomes.
   *
   * @param amount the total in the lowest denomination (pence, cents)
   * @param currencyCode Felloh's code for that denomination ({@code GBX})
   * @param total the cart total it stands for, exactly
   * @param rules what the mapping did, in plain words, for the preview
   */
  record Mapping(long amount, String currencyCode, Money total, List<String> rules) {
    Mapping {
      rules = List.copyOf(rules);
    }
  }

  static Mapping map(Cart cart) throws InvalidRequestException {
    Money total = cart.total();
    if (!total.isPositive()) {
      throw new InvalidRequestException(
          "cart total: Felloh takes only a positive amount, the cart comes to " + total);
    }
    String code = fellohCode(cart.currency());
    long amount = toLowestDenomination(total, "cart total");
    List<String> rules = new ArrayList<>();
    int lines = cart.lines().size();
    rules.add("Felloh takes no line items: the " + (lines == 1 ? "cart line is" : lines + " cart lines are")
        + " sent as one amount, the cart total " + total);
    rules.add(total + " is sent as amount " + amount + " with currency " + code
        + " (" + minorUnitName(code) + ", the lowest denomination), exactly, without rounding");
    return new Mapping(amount, code, total, rules);
  }

  /** Felloh's code for a currency's lowest denomination. */
  static String fellohCode(Currency currency) throws InvalidRequestException {
    String code = CODES.get(currency.getCurrencyCode());
    if (code == null) {
      throw new InvalidRequestException("cart currency: Felloh takes " + accepted() + "; "
          + currency.getCurrencyCode() + " is not accepted");
    }
    return code;
  }

  /** The ISO currency behind a Felloh code, if the adapter knows it. */
  static Optional<Currency> currencyOf(String fellohCode) {
    for (Map.Entry<String, String> e : CODES.entrySet()) {
      if (e.getValue().equals(fellohCode)) {
        return Optional.of(Currency.getInstance(e.getKey()));
      }
    }
    return Optional.empty();
  }

  /**
   * An amount as an exact integer of the lowest denomination; never rounds.
   *
   * @param what names the amount in the refusal
   */
  static long toLowestDenomination(Money money, String what) throws InvalidRequestException {
    fellohCode(money.currency());
    BigDecimal minor;
    try {
      // All accepted currencies have 100 minor units; UNNECESSARY proves nothing is rounded.
      minor = money.amount().movePointRight(2).setScale(0, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new InvalidRequestException(what + ": " + money + " is not a whole number of minor units");
    }
    if (minor.compareTo(BigDecimal.valueOf(MAX_AMOUNT)) > 0) {
      throw new InvalidRequestException(what + ": " + money + " is more than Felloh takes in one payment");
    }
    return minor.longValueExact();
  }

  /** The money a Felloh amount stands for. */
  static Money fromLowestDenomination(long amount, Currency currency) {
    return Money.of(BigDecimal.valueOf(amount, 2), currency);
  }

  private static String accepted() {
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, String> e : CODES.entrySet()) {
      if (text.length() > 0) {
        text.append(", ");
      }
      text.append(e.getKey()).append(" (as ").append(e.getValue()).append(')');
    }
    return text.toString();
  }

  private static String minorUnitName(String code) {
    return "GBX".equals(code) ? "pence" : "cents";
  }
}
