package io.checkoutbridge.engine;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Spreads an amount across lines in proportion to what is open on each, exactly, in minor units.
 *
 * <p>Largest-remainder method: every share is first rounded down, then the units left over go to
 * the lines with the largest fractions, ties to the earlier line. So the shares always sum to the
 * amount, no share exceeds (in magnitude) what is open on its line, a share never has the opposite
 * sign of its line, and the result depends only on the input (not on hashing or timing). Lines may
 * be negative (discounts), provided the open total is positive.
 */
public final class Allocator {
  private Allocator() {}

  /**
   * @param amount what to spread, {@code 0 ≤ amount ≤ Σ open}
   * @param open what is open on each line, in line order; {@code Σ open > 0} unless amount is 0
   * @return the share of each line, same order
   */
  public static long[] allocate(long amount, long[] open) {
    long[] shares = new long[open.length];
    if (amount == 0) {
      return shares;
    }
    BigInteger total = BigInteger.ZERO;
    for (long o : open) {
      total = total.add(BigInteger.valueOf(o));
    }
    if (amount < 0 || total.signum() <= 0 || BigInteger.valueOf(amount).compareTo(total) > 0) {
      throw new IllegalArgumentException("cannot allocate " + amount + " over an open total of " + total);
    }
    BigInteger a = BigInteger.valueOf(amount);
    BigInteger[] remainders = new BigInteger[open.length];
    long assigned = 0;
    for (int i = 0; i < open.length; i++) {
      BigInteger[] qr = a.multiply(BigInteger.valueOf(open[i])).divideAndRemainder(total);
      BigInteger floor = qr[0];
      BigInteger rem = qr[1];
      if (rem.signum() < 0) { // floor, not truncation, for negative lines
        floor = floor.subtract(BigInteger.ONE);
        rem = rem.add(total);
      }
      shares[i] = floor.longValueExact();
      remainders[i] = rem;
      assigned += shares[i];
    }
    long left = amount - assigned;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < open.length; i++) {
      order.add(i);
    }
    order.sort(Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed().thenComparing(i -> i));
    for (int k = 0; k < left; k++) {
      shares[order.get(k)] += 1;
    }
    return shares;
  }
}
