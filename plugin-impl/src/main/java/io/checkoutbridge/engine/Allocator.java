package io.checkoutbridge.engine;

import io.checkoutbridge.money.Allocation;

/**
 * Spreads an operation's amount across a payment's lines in proportion to what is open on each.
 *
 * <p>The split is {@link Allocation#proportional}; the bound {@code 0 ≤ amount ≤ Σ open} is what
 * makes every share stay within what is open on its line (in magnitude) and never take the
 * opposite sign of its line. Lines may be negative (discounts), provided the open total is
 * positive.
 */
public final class Allocator {
  private Allocator() {}

  /**
   * @param amount what to spread, {@code 0 ≤ amount ≤ Σ open}
   * @param open what is open on each line, in line order; {@code Σ open > 0} unless amount is 0
   * @return the share of each line, same order
   */
  public static long[] allocate(long amount, long[] open) {
    long total = 0;
    for (long o : open) {
      total = Math.addExact(total, o);
    }
    if (amount < 0 || (amount > 0 && (total <= 0 || amount > total))) {
      throw new IllegalArgumentException("cannot allocate " + amount + " over an open total of " + total);
    }
    return Allocation.proportional(amount, open);
  }
}
