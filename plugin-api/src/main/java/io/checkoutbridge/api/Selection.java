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
    public Amount {
      Objects.requireNonNull(amount, "amount");
    }
  }

  /** Chosen lines and quantities (shipping is a line like any other). */
  record Lines(Map<String, BigDecimal> quantities) implements Selection {
    public Lines {
      quantities = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quantities));
      if (quantities.isEmpty()) {
        throw new IllegalArgumentException("choose at least one line");
      }
    }
  }

  static Selection remaining() {
    return new Remaining();
  }

  static Selection amount(Money amount) {
    return new Amount(amount);
  }

  static Selection lines(Map<String, BigDecimal> quantities) {
    return new Lines(quantities);
  }
}
