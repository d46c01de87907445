package io.checkoutbridge.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/**
 * Proportional splits are exact and each share is within one unit of its exact part, for weights
 * of either sign (discount lines are negative); weights that do not sum to a positive number are
 * refused rather than split.
 */
class AllocationProperties {

  /** Weights from -1,000,000 to 1,000,000, a negative one in most lists, with a positive sum. */
  @Provide
  Arbitrary<long[]> weights() {
    return Arbitraries.longs().between(-1_000_000, 1_000_000).list().ofMinSize(1).ofMaxSize(60)
        .filter(l -> l.stream().mapToLong(Long::longValue).sum() > 0)
        .map(l -> l.stream().mapToLong(Long::longValue).toArray());
  }

  /** Weights that sum to zero or less: the negation of a list with a positive sum, or a list and its negation. */
  @Provide
  Arbitrary<long[]> notPositiveWeights() {
    return weights().flatMap(w -> Arbitraries.of(
        Arrays.stream(w).map(x -> -x).toArray(),
        java.util.stream.LongStream.concat(Arrays.stream(w), Arrays.stream(w).map(x -> -x)).toArray(),
        new long[w.length]));
  }

  @Property(tries = 2000)
  void sharesSumToTheAmountAndStayWithinOneUnitOfTheirExactPart(
      @ForAll @LongRange(min = -10_000_000, max = 10_000_000) long amount, @ForAll("weights") long[] weights) {
    long sum = Arrays.stream(weights).sum();
    long[] shares = Allocation.proportional(amount, weights);
    assertThat(Arrays.stream(shares).sum()).isEqualTo(amount);
    for (int i = 0; i < weights.length; i++) {
      BigDecimal exact = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(weights[i]))
          .divide(BigDecimal.valueOf(sum), 12, RoundingMode.HALF_EVEN);
      assertThat(BigDecimal.valueOf(shares[i]).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
    }
  }

  @Property(tries = 500)
  void weightsThatDoNotSumToAPositiveNumberAreRefused(
      @ForAll @LongRange(min = 1, max = 10_000_000) long amount, @ForAll("notPositiveWeights") long[] weights) {
    assertThat(Arrays.stream(weights).sum()).isNotPositive();
    assertThatThrownBy(() -> Allocation.proportional(amount, weights))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sum to a positive number");
    assertThatThrownBy(() -> Allocation.proportional(-amount, weights))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Worked by hand: exact part = amount × weight / Σ weights, floored, leftovers to the largest fractions. */
  @Example
  void handWorkedSplits() {
    // 100 × 1/3 = 33.33 each; one unit left, the fractions tie, the earliest gets it
    assertThat(Allocation.proportional(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
    // refunds split as their magnitude, negated
    assertThat(Allocation.proportional(-100, new long[] {1, 1, 1})).containsExactly(-34, -33, -33);
    // 5 × 1/3 = 1.67, 5 × 2/3 = 3.33: floors 1 + 3 = 4, the unit left goes to .67
    assertThat(Allocation.proportional(5, new long[] {1, 2})).containsExactly(2, 3);
    // a discount line: 7 × 2/1 = 14, 7 × -1/1 = -7
    assertThat(Allocation.proportional(7, new long[] {2, -1})).containsExactly(14, -7);
    // 1 × -1/2 = -0.5 floors to -1 (fraction .5), 1 × 3/2 = 1.5 floors to 1 (fraction .5): tie, earliest
    assertThat(Allocation.proportional(1, new long[] {-1, 3})).containsExactly(0, 1);
    // 10 × 0/4 = 0, 10 × 4/4 = 10: a zero weight takes nothing
    assertThat(Allocation.proportional(10, new long[] {0, 4})).containsExactly(0, 10);
    // nothing to split: zeros, whatever the weights
    assertThat(Allocation.proportional(0, new long[] {0, 0})).containsExactly(0, 0);
  }

  @Property(tries = 300)
  void aThousandEqualLinesSplitExactly(@ForAll @LongRange(min = 0, max = 100_000_000) long amount) {
    long[] weights = new long[1000];
    Arrays.fill(weights, 7);
    long[] shares = Allocation.proportional(amount, weights);
    assertThat(Arrays.stream(shares).sum()).isEqualTo(amount);
    // amount = 1000 q + r: the first r lines get q + 1, the others q
    for (int i = 0; i < shares.length; i++) {
      assertThat(shares[i]).isEqualTo(amount / 1000 + (i < amount % 1000 ? 1 : 0));
    }
  }

  @Example
  void largeCartsAndAmountsStayExact() {
    long[] weights = new long[5000];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = i % 5 == 4 ? -1_000_000_000L : 9_999_999_999L; // every fifth line a large discount
    }
    long amount = 4_000_000_000_000L;
    assertThat(Arrays.stream(Allocation.proportional(amount, weights)).sum()).isEqualTo(amount);
  }
}
