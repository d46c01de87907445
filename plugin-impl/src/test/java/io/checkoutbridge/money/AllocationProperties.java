package io.checkoutbridge.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Proportional splits are exact and each share is within one unit of its exact part. */
class AllocationProperties {

  @Property(tries = 2000)
  void sharesSumToTheAmountAndStayWithinOneUnitOfTheirExactPart(
      @ForAll @LongRange(min = -10_000_000, max = 10_000_000) long amount,
      @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 0, max = 1_000_000) Long> weightList) {
    long[] weights = weightList.stream().mapToLong(Long::longValue).toArray();
    long sum = Arrays.stream(weights).sum();
    if (sum == 0) {
      return;
    }
    long[] shares = Allocation.proportional(amount, weights);
    assertThat(Arrays.stream(shares).sum()).isEqualTo(amount);
    for (int i = 0; i < weights.length; i++) {
      BigDecimal exact = BigDecimal.valueOf(amount).multiply(BigDecimal.valueOf(weights[i]))
          .divide(BigDecimal.valueOf(sum), 12, RoundingMode.HALF_EVEN);
      assertThat(BigDecimal.valueOf(shares[i]).subtract(exact).abs()).isLessThan(BigDecimal.ONE);
    }
  }

  @Property(tries = 300)
  void aThousandEqualLinesSplitExactly(@ForAll @LongRange(min = 0, max = 100_000_000) long amount) {
    long[] weights = new long[1000];
    Arrays.fill(weights, 7);
    assertThat(Arrays.stream(Allocation.proportional(amount, weights)).sum()).isEqualTo(amount);
  }
}
