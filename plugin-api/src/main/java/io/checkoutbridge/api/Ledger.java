package io.checkoutbridge.api;

import java.util.Currency;
import java.util.Objects;

/**
 * The money of one payment, derived from its event log. Immutable.
 *
 * <p>Invariants, enforced by the engine and checked by property tests: every amount is
 * non-negative; {@code captured + voided + pendingCapture + pendingVoid ≤ authorized};
 * {@code refunded + pendingRefund ≤ captured}. The pending twins hold amounts asked of the provider
 * whose outcome is not known yet; they count against what may still be asked, so two admins cannot
 * capture the same money twice.
 */
public record Ledger(
    Currency currency,
    AuthorizationState authorization,
    Money authorized,
    Money captured,
    Money refunded,
    Money voided,
    Money pendingCapture,
    Money pendingRefund,
    Money pendingVoid) {

  public Ledger {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(authorization, "authorization");
    for (Money m : new Money[] {authorized, captured, refunded, voided, pendingCapture, pendingRefund, pendingVoid}) {
      Objects.requireNonNull(m, "amount");
      if (!m.currency().equals(currency)) {
        throw new IllegalArgumentException("ledger amounts must be in " + currency);
      }
    }
  }

  public static Ledger empty(Currency currency) {
    Money zero = Money.zero(currency);
    return new Ledger(currency, AuthorizationState.NONE, zero, zero, zero, zero, zero, zero, zero);
  }

  /** What may still be captured: authorised, less captured, voided and what is in flight. */
  public Money capturable() {
    if (authorization != AuthorizationState.AUTHORIZED) {
      return Money.zero(currency);
    }
    return authorized.minus(captured).minus(voided).minus(pendingCapture).minus(pendingVoid);
  }

  /** What may still be voided: the same open authorisation that could be captured. */
  public Money voidable() {
    return capturable();
  }

  /** What may still be refunded: captured, less refunded and refunds in flight. */
  public Money refundable() {
    return captured.minus(refunded).minus(pendingRefund);
  }

  public boolean hasPendingOperation() {
    return !pendingCapture.isZero() || !pendingRefund.isZero() || !pendingVoid.isZero();
  }

  /** The status these amounts mean. */
  public PaymentStatus status() {
    return switch (authorization) {
      case NONE -> PaymentStatus.STARTED;
      case PENDING -> PaymentStatus.PENDING;
      case DECLINED -> PaymentStatus.DECLINED;
      case FAILED -> PaymentStatus.FAILED;
      case AUTHORIZED -> authorizedStatus();
    };
  }

  private PaymentStatus authorizedStatus() {
    if (captured.isZero()) {
      return voided.isPositive() && voided.compareTo(authorized) >= 0
          ? PaymentStatus.VOIDED
          : PaymentStatus.AUTHORIZED;
    }
    if (refunded.isPositive()) {
      return refunded.compareTo(captured) >= 0 ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED;
    }
    return captured.plus(voided).compareTo(authorized) >= 0
        ? PaymentStatus.CAPTURED
        : PaymentStatus.PARTIALLY_CAPTURED;
  }
}
