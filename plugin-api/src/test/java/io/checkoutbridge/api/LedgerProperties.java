package io.checkoutbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The derived status always agrees with the amounts it is derived from. */
class LedgerProperties {
  private static final Currency EUR = Currency.getInstance("EUR");

  @Property(tries = 1000)
  void statusAgreesWithTheAmounts(@ForAll @IntRange(min = 1, max = 100_000) int authorized,
      @ForAll @IntRange(min = 0, max = 100) int capturedPercent, @ForAll @IntRange(min = 0, max = 100) int refundedPercent,
      @ForAll @IntRange(min = 0, max = 100) int voidedPercentOfRest) {
    long captured = (long) authorized * capturedPercent / 100;
    long refunded = captured * refundedPercent / 100;
    long voided = (authorized - captured) * voidedPercentOfRest / 100;
    Money zero = Money.zero(EUR);
    Ledger l = new Ledger(EUR, AuthorizationState.AUTHORIZED, Money.ofMinor(authorized, EUR), Money.ofMinor(captured, EUR),
        Money.ofMinor(refunded, EUR), Money.ofMinor(voided, EUR), zero, zero, zero);
    PaymentStatus s = l.status();
    assertThat(l.capturable().toMinor()).isEqualTo(authorized - captured - voided);
    assertThat(l.refundable().toMinor()).isEqualTo(captured - refunded);
    if (captured == 0) {
      assertThat(s).isIn(PaymentStatus.AUTHORIZED, PaymentStatus.VOIDED);
      assertThat(s == PaymentStatus.VOIDED).isEqualTo(voided == authorized);
    } else if (refunded == 0) {
      assertThat(s).isEqualTo(captured + voided == authorized ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_CAPTURED);
    } else {
      assertThat(s).isEqualTo(refunded == captured ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED);
    }
    assertThat(s.paid()).isEqualTo(s != PaymentStatus.VOIDED);
  }
}
