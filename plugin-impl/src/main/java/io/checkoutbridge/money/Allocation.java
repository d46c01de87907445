package io.checkoutbridge.money;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Splits an amount of minor units in proportion to weights, exactly.
 *
 * <p>Largest-remainder method: each share is first its exact part rounded down, then the units left
 * over go one each to the shares with the largest fractions, ties to the earlier weight. The shares
 * always sum to the amount, each differs from its exact part by less than one unit, and the result
 * depends only on the input. Runs in O(n log n). A negative amount is split as its magnitude and
 * negated, so shares round toward zero the same way for refunds and discounts.
 */
public final class Allocation {
  private Allocation() {}

  /**
   * @param amount minor units to split
   * @param weights the proportions; may contain negative weights, but their sum must be positive
   * @return one share per weight, same order, summing to {@code amount}
   * @throws IllegalArgumentException when the weights do not sum to a positive number
   */
  public static long[] proportional(long amount, long[] weights) {
    if (amount < 0) {
      long[] shares = proportional(Math.negateExact(amount), weights);
      for (int i = 0; i < shares.length; i++) {
        shares[i] = -shares[i];
      }
      return shares;
    }
    long[] shares = new long[weights.length];
    if (amount == 0) {
      return shares;
    }
    BigInteger sum = BigInteger.ZERO;
    for (long w : weights) {
      sum = sum.add(BigInteger.valueOf(w));
    }
    if (sum.signum() <= 0) {
      throw new IllegalArgumentException("weights must sum to a positive number, not " + sum);
    }
    BigInteger total = BigInteger.valueOf(amount);
    BigInteger[] remainders = new BigInteger[weights.length];
    long given = 0;
    for (int i = 0; i < weights.length; i++) {
      BigInteger[] qr = total.multiply(BigInteger.valueOf(weights[i])).divideAndRemainder(sum);
      BigInteger floor = qr[0];
      BigInteger rem = qr[1];
      if (rem.signum() < 0) { // floor, not truncation, for negative weights
        floor = floor.subtract(BigInteger.ONE);
        rem = rem.add(sum);
      }
      shares[i] = floor.longValueExact();
      remainders[i] = rem;
      given += shares[i];
    }
    int left = Math.toIntExact(amount - given);
    if (left > 0) {
      Integer[] order = IntStream.range(0, weights.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.<Integer, BigInteger>comparing(i -> remainders[i]).reversed()
          .thenComparing(i -> i));
      for (int k = 0; k < left; k++) {
        shares[order[k]] += 1;
      }
    }
    return shares;
  }
}
