package io.checkoutbridge.provider.kibo;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Kibo is sent tax amounts, never rates, so any rate the cart allows maps exactly. Expected values
 * by hand and checked with {@code python3 -c "from decimal import *; print(Decimal(1000)*Decimal('8.875')/Decimal('108.875'))"}.
 */
class KiboTaxRateTest {

  @Test
  void aNewYorkCitySalesTaxRateGivesTheExactTaxOfATaxInclusiveAmount() {
    // 1088.75 USD including 8.875 % contains 88.75 tax: 108875 × 8.875 / 108.875 = 8875
    assertThat(KiboMapper.taxOf(108_875, new BigDecimal("8.875"))).isEqualTo(8_875);
  }

  @Test
  void aTaxThatIsNotAWholeMinorUnitRoundsHalfEven() {
    // 10.00 USD including 8.875 % contains 0.815154… tax, 81.5154… cents, so 82
    assertThat(KiboMapper.taxOf(1_000, new BigDecimal("8.875"))).isEqualTo(82);
  }
}
