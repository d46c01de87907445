package io.checkoutbridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyTest {

  @Test
  void minorUnitsFollowTheIso4217Exponent() {
    assertThat(Money.of("1999", "JPY").toMinor()).isEqualTo(1999);
    assertThat(Money.of("19.99", "GBP").toMinor()).isEqualTo(1999);
    assertThat(Money.of("1.999", "KWD").toMinor()).isEqualTo(1999);
    assertThat(Money.ofMinor(1999, Currency.getInstance("KWD")).amount()).isEqualByComparingTo("1.999");
  }

  @Test
  void moreDecimalsThanTheCurrencyHasAreRefusedNotRounded() {
    assertThatThrownBy(() -> Money.of("10.505", "GBP")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GBP allows (2)");
    assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Money.of("10.5", "GBP").toString()).isEqualTo("10.50 GBP");
  }

  @Test
  void currenciesWithoutAMinorUnitAndUnknownCodesAreRefused() {
    assertThatThrownBy(() -> Money.currency("XAU")).hasMessageContaining("XAU");
    assertThatThrownBy(() -> Money.currency("GBX")).hasMessageContaining("GBX");
  }

  @Test
  void arithmeticRefusesMixedCurrencies() {
    assertThatThrownBy(() -> Money.of("1.00", "GBP").plus(Money.of("1.00", "EUR")))
        .hasMessageContaining("currency mismatch");
  }

  @Test
  void timesRoundsHalfEvenToTheCurrency() {
    assertThat(Money.of("3.33", "GBP").times(new BigDecimal("1.5"), RoundingMode.HALF_EVEN))
        .isEqualTo(Money.of("5.00", "GBP"));
    assertThat(Money.of("0.05", "GBP").times(new BigDecimal("0.5"), RoundingMode.HALF_EVEN))
        .isEqualTo(Money.of("0.02", "GBP"));
  }
}
