package io.checkoutbridge.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * Part of a line: a quantity of it and the money that quantity is worth.
 *
 * @param lineId the cart line
 * @param quantity units (may be fractional, may be zero for a money-only share)
 * @param amount money, tax included
 */
public record LineAmount(String lineId, BigDecimal quantity, Money amount) {

  /**
   * Checks and normalises the components.
   *
   * @param lineId the cart line
   * @param quantity units (may be fractional, may be zero for a money-only share)
   * @param amount money, tax included
   */
  public LineAmount {
    Objects.requireNonNull(lineId, "lineId");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(amount, "amount");
  }
}
