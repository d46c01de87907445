package io.checkoutbridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The status a ledger reports, checked two ways that do not restate {@link Ledger#status()}: a
 * hand-worked table of amounts on every boundary, and what operations do to a payment (capturing
 * all that is capturable captures it, refunding all that is refundable refunds it, ...).
 */
class LedgerProperties {
  private static final Currency EUR = Currency.getInstance("EUR");

  private static Ledger authorized(long authorized, long captured, long refunded, long voided) {
    return ledger(authorized, captured, refunded, voided, 0, 0, 0);
  }

  private static Ledger ledger(long authorized, long captured, long refunded, long voided, long pendingCapture,
      long pendingRefund, long pendingVoid) {
    return new Ledger(EUR, AuthorizationState.AUTHORIZED, m(authorized), m(captured), m(refunded), m(voided),
        m(pendingCapture), m(pendingRefund), m(pendingVoid));
  }

  private static Money m(long minor) {
    return Money.ofMinor(minor, EUR);
  }

  /**
   * Worked by hand, in cents of 100.00 EUR authorised: status, then capturable = 10000 - captured
   * - voided (- pending), refundable = captured - refunded (- pending refund).
   */
  @Example
  void handWorkedTableOfStatusesAndOpenAmounts() {
    // nothing moved yet: authorised, 10000 - 0 - 0 = 10000 capturable, nothing refundable
    expect(authorized(10000, 0, 0, 0), PaymentStatus.AUTHORIZED, 10000, 0);
    // an authorisation of 0.00 (a card check) voids nothing: authorised, 0 capturable
    expect(authorized(0, 0, 0, 0), PaymentStatus.AUTHORIZED, 0, 0);
    // 1 cent voided of 100.00: still authorised, 10000 - 1 = 9999 capturable
    expect(authorized(10000, 0, 0, 1), PaymentStatus.AUTHORIZED, 9999, 0);
    // everything voided: 10000 - 10000 = 0 capturable
    expect(authorized(10000, 0, 0, 10000), PaymentStatus.VOIDED, 0, 0);
    // 30.00 captured: 10000 - 3000 = 7000 capturable, 3000 refundable
    expect(authorized(10000, 3000, 0, 0), PaymentStatus.PARTIALLY_CAPTURED, 7000, 3000);
    // 30.00 captured and the other 70.00 voided: 10000 - 3000 - 7000 = 0, the payment is captured
    expect(authorized(10000, 3000, 0, 7000), PaymentStatus.CAPTURED, 0, 3000);
    // 30.00 captured, 69.99 voided: 1 cent still open
    expect(authorized(10000, 3000, 0, 6999), PaymentStatus.PARTIALLY_CAPTURED, 1, 3000);
    // all captured: 0 capturable, 10000 refundable
    expect(authorized(10000, 10000, 0, 0), PaymentStatus.CAPTURED, 0, 10000);
    // 1 cent of the capture refunded: 10000 - 1 = 9999 refundable
    expect(authorized(10000, 10000, 1, 0), PaymentStatus.PARTIALLY_REFUNDED, 0, 9999);
    // all of a 30.00 capture refunded: 3000 - 3000 = 0, refunded though 70.00 is still open
    expect(authorized(10000, 3000, 3000, 0), PaymentStatus.REFUNDED, 7000, 0);
    // in flight: 10000 - 2000 captured - 1000 capture pending - 500 void pending = 6500;
    // 2000 - 0 - 700 refund pending = 1300
    expect(ledger(10000, 2000, 0, 0, 1000, 700, 500), PaymentStatus.PARTIALLY_CAPTURED, 6500, 1300);
  }

  @Example
  void onlyAnAuthorisationCanBeCapturedOrVoided() {
    Money zero = Money.zero(EUR);
    for (AuthorizationState state : AuthorizationState.values()) {
      Ledger l = new Ledger(EUR, state, m(10000), zero, zero, zero, zero, zero, zero);
      assertThat(l.capturable()).isEqualTo(state == AuthorizationState.AUTHORIZED ? m(10000) : zero);
      assertThat(l.voidable()).isEqualTo(l.capturable());
    }
    assertThat(Ledger.empty(EUR).status()).isEqualTo(PaymentStatus.STARTED);
    assertThat(new Ledger(EUR, AuthorizationState.PENDING, m(1), m(0), m(0), m(0), m(0), m(0), m(0)).status())
        .isEqualTo(PaymentStatus.PENDING);
    assertThat(new Ledger(EUR, AuthorizationState.DECLINED, m(1), m(0), m(0), m(0), m(0), m(0), m(0)).status())
        .isEqualTo(PaymentStatus.DECLINED);
    assertThat(new Ledger(EUR, AuthorizationState.FAILED, m(1), m(0), m(0), m(0), m(0), m(0), m(0)).status())
        .isEqualTo(PaymentStatus.FAILED);
  }

  private static void expect(Ledger l, PaymentStatus status, long capturable, long refundable) {
    assertThat(l.status()).as("status of %s", l).isEqualTo(status);
    assertThat(l.capturable().toMinor()).as("capturable of %s", l).isEqualTo(capturable);
    assertThat(l.voidable().toMinor()).as("voidable of %s", l).isEqualTo(capturable);
    assertThat(l.refundable().toMinor()).as("refundable of %s", l).isEqualTo(refundable);
  }

  @Property(tries = 500)
  void capturingAllThatIsCapturableCapturesThePayment(@ForAll @IntRange(min = 1, max = 1_000_000) int authorized,
      @ForAll @IntRange(min = 0, max = 100) int capturedPercent) {
    long captured = (long) authorized * capturedPercent / 100;
    Ledger before = authorized(authorized, captured, 0, 0);
    Ledger after = authorized(authorized, captured + before.capturable().toMinor(), 0, 0);
    assertThat(after.capturable().isZero()).isTrue();
    assertThat(after.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(after.refundable()).isEqualTo(m(authorized));
  }

  @Property(tries = 500)
  void capturingLessThanTheWholeLeavesItPartlyCapturedUntilTheRestIsVoided(
      @ForAll @IntRange(min = 2, max = 1_000_000) int authorized, @ForAll @IntRange(min = 1, max = 99) int percent) {
    long captured = Math.max(1, Math.min(authorized - 1, (long) authorized * percent / 100));
    Ledger partly = authorized(authorized, captured, 0, 0);
    assertThat(partly.status()).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
    assertThat(partly.status().paid()).isTrue();
    Ledger rest = authorized(authorized, captured, 0, partly.voidable().toMinor());
    assertThat(rest.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(rest.capturable().isZero()).isTrue();
  }

  @Property(tries = 500)
  void refundingAllThatIsRefundableRefundsIt(@ForAll @IntRange(min = 1, max = 1_000_000) int captured,
      @ForAll @IntRange(min = 0, max = 99) int refundedPercent) {
    long refunded = (long) captured * refundedPercent / 100;
    Ledger before = authorized(captured, captured, refunded, 0);
    assertThat(before.status()).isEqualTo(refunded == 0 ? PaymentStatus.CAPTURED : PaymentStatus.PARTIALLY_REFUNDED);
    Ledger after = authorized(captured, captured, refunded + before.refundable().toMinor(), 0);
    assertThat(after.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(after.refundable().isZero()).isTrue();
  }

  @Property(tries = 500)
  void voidingAnUncapturedAuthorisationEndsItUnpaid(@ForAll @IntRange(min = 1, max = 1_000_000) int authorized) {
    Ledger open = authorized(authorized, 0, 0, 0);
    Ledger voided = authorized(authorized, 0, 0, open.voidable().toMinor());
    assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
    assertThat(voided.status().paid()).isFalse();
    assertThat(open.status().paid()).isTrue();
  }
}
