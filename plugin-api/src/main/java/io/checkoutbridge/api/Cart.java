package io.checkoutbridge.api;

import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The shopper's cart: lines in one currency, in the order the shopper saw them.
 *
 * @param currency the currency of every line
 * @param lines at least one line; line ids unique; the total may not be negative
 */
public record Cart(Currency currency, List<CartLine> lines) {

  /**
   * Checks and normalises the components.
   *
   * @param currency the currency of every line
   * @param lines at least one line; line ids unique; the total may not be negative
   */
  public Cart {
    Objects.requireNonNull(currency, "currency");
    lines = List.copyOf(lines);
    if (lines.isEmpty()) {
      throw new IllegalArgumentException("a cart needs at least one line");
    }
    Set<String> ids = new HashSet<>();
    for (CartLine line : lines) {
      if (!line.total().currency().equals(currency)) {
        throw new IllegalArgumentException(
            "line " + line.lineId() + " is in " + line.total().currency() + ", the cart in " + currency);
      }
      if (!ids.add(line.lineId())) {
        throw new IllegalArgumentException("duplicate line id " + line.lineId());
      }
    }
    Money total = Money.zero(currency);
    for (CartLine line : lines) {
      total = total.plus(line.total());
    }
    if (total.isNegative()) {
      throw new IllegalArgumentException("cart total " + total + " is negative");
    }
  }

  /**
   * The sum of all line totals, tax included.
   *
   * @return the cart total
   */
  public Money total() {
    Money total = Money.zero(currency);
    for (CartLine line : lines) {
      total = total.plus(line.total());
    }
    return total;
  }

  /**
   * One line by its id.
   *
   * @param lineId the line's id
   * @return the line
   * @throws IllegalArgumentException when the cart has no such line
   */
  public CartLine line(String lineId) {
    for (CartLine line : lines) {
      if (line.lineId().equals(lineId)) {
        return line;
      }
    }
    throw new IllegalArgumentException("no line " + lineId + " in the cart");
  }
}
