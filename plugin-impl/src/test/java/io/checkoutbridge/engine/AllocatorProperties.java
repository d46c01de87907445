package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Allocation across lines is exact, bounded and deterministic for any lines and amount. */
class AllocatorProperties {

  record Case(long[] open, long amount) {}

  @Provide
  Arbitrary<Case> cases() {
    Arbitrary<List<Long>> lines = Arbitraries.longs().between(-500_000, 5_000_000).list().ofMinSize(1).ofMaxSize(40)
        .filter(l -> l.stream().mapToLong(Long::longValue).sum() > 0);
    return lines.flatMap(l -> {
      long sum = l.stream().mapToLong(Long::longValue).sum();
      return Combinators.combine(Arbitraries.just(l), Arbitraries.longs().between(0, sum))
          .as((open, amount) -> new Case(open.stream().mapToLong(Long::longValue).toArray(), amount));
    });
  }

  @Property(tries = 2000)
  void sharesSumExactlyToTheAmountAndStayWithinEachLine(@ForAll("cases") Case c) {
    long[] shares = Allocator.allocate(c.amount(), c.open());
    assertThat(Arrays.stream(shares).sum()).isEqualTo(c.amount());
    for (int i = 0; i < shares.length; i++) {
      if (c.open()[i] >= 0) {
        assertThat(shares[i]).isBetween(0L, c.open()[i]);
      } else {
        assertThat(shares[i]).isBetween(c.open()[i], 0L);
      }
    }
  }

  @Property(tries = 500)
  void allocatingEverythingTakesEachLineWhole(@ForAll("cases") Case c) {
    long sum = Arrays.stream(c.open()).sum();
    assertThat(Allocator.allocate(sum, c.open())).containsExactly(c.open());
  }

  @Property(tries = 500)
  void theSameInputAlwaysGivesTheSameShares(@ForAll("cases") Case c) {
    assertThat(Allocator.allocate(c.amount(), c.open())).containsExactly(Allocator.allocate(c.amount(), c.open()));
  }
}
