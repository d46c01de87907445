package io.checkoutbridge.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The allocator spreads only what is open: 0 ≤ amount ≤ Σ open, with the edges worked by hand. */
class AllocatorBoundsTest {

  @Test
  void takesExactlyWhatIsOpenAndNothingBeyond() {
    // open 700 + (-200) = 500: all 500 takes each line whole, 501 is one unit too many
    assertThat(Allocator.allocate(500, new long[] {700, -200})).containsExactly(700, -200);
    assertThatThrownBy(() -> Allocator.allocate(501, new long[] {700, -200}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("501").hasMessageContaining("500");
  }

  @Test
  void refusesANegativeAmount() {
    assertThatThrownBy(() -> Allocator.allocate(-1, new long[] {100}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nothingOpenTakesNothingAndRefusesAnything() {
    // a discount as large as the line: 300 + (-300) = 0 open
    assertThat(Allocator.allocate(0, new long[] {300, -300})).containsExactly(0, 0);
    assertThatThrownBy(() -> Allocator.allocate(1, new long[] {300, -300}))
        .isInstanceOf(IllegalArgumentException.class);
    // the discount larger than the line: 300 + (-400) = -100 open
    assertThatThrownBy(() -> Allocator.allocate(1, new long[] {300, -400}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void openTotalsBeyondALongAreRefusedRatherThanWrapped() {
    assertThatThrownBy(() -> Allocator.allocate(1, new long[] {Long.MAX_VALUE, 1}))
        .isInstanceOf(ArithmeticException.class);
  }
}
