package io.checkoutbridge.api;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What an admin action covers: everything that is left, an amount, or chosen lines. */
public sealed interface Selection {

  /** Everything still open: capture or void the rest, refund all that was captured. */
  record Remaining() implements Selection {}

  /** An amount, spread across the lines in proportion to what is open on each. */
  record Amount(Money amount) implements Selection {
    /**
     * Requires the amount.
     *
     * @param amount the amount to spread
     */
    public Amount {
      Objects.requireNonNull(amount, "amount");
    }
  }

  /** Chosen lines and quantities (shipping is a line like any other). */
  record Lines(Map<String, BigDecimal> quantities) implements Selection {
    /**
     * Copies the quantities, keeping their order; at least one line.
     *
     * @param quantities line id to quantity
     */
    public Lines {
      quantities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
      if (quantities.isEmpty()) {
        throw new IllegalArgumentException("choose at least one line");
      }
    }
  }

  /**
   * Whatever is still open.
   *
   * @return the selection
   */
  static Selection remaining() {
    return new Remaining();
  }

  /**
   * An amount, spread across the lines in proportion to what is open on each.
   *
   * @param amount the amount
   * @return the selection
   */
  static Selection amount(Money amount) {
    return new Amount(amount);
  }

  /**
   * Chosen lines and quantities.
   *
   * @param quantities line id to quantity
   * @return the selection
   */
  static Selection lines(Map<String, BigDecimal> quantities) {
    return new Lines(quantities);
  }
}
