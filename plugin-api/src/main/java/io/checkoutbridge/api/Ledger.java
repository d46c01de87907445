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
 *
 * @param currency the payment's currency; every amount is in it
 * @param authorization where the authorization stands
 * @param authorized the amount the provider authorized
 * @param captured the amount captured so far
 * @param refunded the amount refunded so far
 * @param voided the part of the authorization released without capture
 * @param pendingCapture captures asked of the provider whose outcome is not known yet
 * @param pendingRefund refunds asked of the provider whose outcome is not known yet
 * @param pendingVoid voids asked of the provider whose outcome is not known yet
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

  /**
   * Checks that every amount is present and in the ledger's currency.
   *
   * @param currency the payment's currency; every amount is in it
   * @param authorization where the authorization stands
   * @param authorized the amount the provider authorized
   * @param captured the amount captured so far
   * @param refunded the amount refunded so far
   * @param voided the part of the authorization released without capture
   * @param pendingCapture captures asked of the provider whose outcome is not known yet
   * @param pendingRefund refunds asked of the provider whose outcome is not known yet
   * @param pendingVoid voids asked of the provider whose outcome is not known yet
   */
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

  /**
   * The ledger of a payment nothing has happened to yet.
   *
   * @param currency the payment's currency
   * @return a ledger with every amount zero and no authorization
   */
  public static Ledger empty(Currency currency) {
    Money zero = Money.zero(currency);
    return new Ledger(currency, AuthorizationState.NONE, zero, zero, zero, zero, zero, zero, zero);
  }

  /**
   * What may still be captured: authorized, less captured, voided and what is in flight.
   *
   * @return the capturable amount, zero unless authorized
   */
  public Money capturable() {
    if (authorization != AuthorizationState.AUTHORIZED) {
      return Money.zero(currency);
    }
    return authorized.minus(captured).minus(voided).minus(pendingCapture).minus(pendingVoid);
  }

  /**
   * What may still be voided: the same open authorization that could be captured.
   *
   * @return the voidable amount
   */
  public Money voidable() {
    return capturable();
  }

  /**
   * What may still be refunded: captured, less refunded and refunds in flight.
   *
   * @return the refundable amount
   */
  public Money refundable() {
    return captured.minus(refunded).minus(pendingRefund);
  }

  /**
   * Whether a capture, refund or void was asked of the provider and its outcome is not known yet.
   *
   * @return {@code true} while any pending amount is not zero
   */
  public boolean hasPendingOperation() {
    return !pendingCapture.isZero() || !pendingRefund.isZero() || !pendingVoid.isZero();
  }

  /**
   * The status these amounts mean.
   *
   * @return the derived status
   */
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
