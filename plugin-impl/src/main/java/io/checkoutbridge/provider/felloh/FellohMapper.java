package io.checkoutbridge.provider.felloh;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.InvalidRequestException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Maps a cart to what Felloh takes: one amount in the lowest denomination of a currency code Felloh
 * lists. Pure: no I/O, no clock, thread-safe.
 *
 * <p>Felloh takes no line items, so there is nothing to split or round: the cart total (already
 * the exact sum of its lines) becomes an integer number of the code's minor units (the total times
 * its {@code division_factor}), exactly, or the cart is refused with the reason.
 */
final class FellohMapper {

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

  /** Checks what can be checked without Felloh: a positive total in whole minor units. */
  static void check(Cart cart) throws InvalidRequestException {
    Money total = cart.total();
    if (!total.isPositive()) {
      throw new InvalidRequestException(
          "cart total: Felloh takes only a positive amount, the cart comes to " + total);
    }
    Currency currency = cart.currency();
    int digits = Math.max(0, currency.getDefaultFractionDigits());
    toLowestDenomination(total, new FellohEnums.Code("?", currency, (long) Math.pow(10, digits)), "cart total");
  }

  static Mapping map(Cart cart, FellohEnums.Code code) throws InvalidRequestException {
    check(cart);
    Money total = cart.total();
    long amount = toLowestDenomination(total, code, "cart total");
    List<String> rules = new ArrayList<>();
    int lines = cart.lines().size();
    rules.add("Felloh takes no line items: the " + (lines == 1 ? "cart line is" : lines + " cart lines are")
        + " sent as one amount, the cart total " + total);
    rules.add(total + " is sent as amount " + amount + " with currency " + code.code()
        + " (1/" + code.divisionFactor() + " of " + code.currency().getCurrencyCode()
        + ", the lowest denomination), exactly, without rounding");
    return new Mapping(amount, code.code(), total, rules);
  }

  /**
   * An amount as an exact integer of the code's lowest denomination; never rounds.
   *
   * @param what names the amount in the refusal
   */
  static long toLowestDenomination(Money money, FellohEnums.Code code, String what) throws InvalidRequestException {
    if (!money.currency().equals(code.currency())) {
      throw new InvalidRequestException(what + ": " + money + " is not in " + code.currency().getCurrencyCode());
    }
    BigDecimal minor;
    try {
      minor = money.amount().multiply(BigDecimal.valueOf(code.divisionFactor()))
          .setScale(0, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new InvalidRequestException(what + ": " + money + " is not a whole number of minor units");
    }
    if (minor.compareTo(BigDecimal.valueOf(MAX_AMOUNT)) > 0) {
      throw new InvalidRequestException(what + ": " + money + " is more than Felloh takes in one payment");
    }
    return minor.longValueExact();
  }

  /** The money a Felloh amount stands for. */
  static Money fromLowestDenomination(long amount, FellohEnums.Code code) {
    int digits = Math.max(0, code.currency().getDefaultFractionDigits());
    BigDecimal major = BigDecimal.valueOf(amount).divide(BigDecimal.valueOf(code.divisionFactor()))
        .setScale(digits, RoundingMode.UNNECESSARY);
    return Money.of(major, code.currency());
  }
}
