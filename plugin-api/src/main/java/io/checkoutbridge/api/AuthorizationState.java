package io.checkoutbridge.api;

/**
 * The provider's decision on the shopper's payment, as far as the ledger knows it.
 *
 * <p>Which states are final: only {@link #AUTHORIZED}. Once the provider has authorized the
 * payment, the money is committed; what happens to it afterwards (captured, refunded, released)
 * is recorded as amounts, never by leaving this state. A {@link #DECLINED} or {@link #FAILED}
 * attempt is not the end of the provider's session: Dintero and Felloh let the shopper try another
 * card on the same payment page, so a later authorization of the same provider payment wins over
 * an earlier decline, and a session on hold after a decline is pending again.
 */
public enum AuthorizationState {
  /** Nothing decided yet, nothing heard. */
  NONE,
  /** The provider said: not yet (review, on hold, waiting for a bank transfer). */
  PENDING,
  /** Final: the provider committed the money. */
  AUTHORIZED,
  /** The provider refused this attempt; the shopper may still try again in the same session. */
  DECLINED,
  /** Expired, cancelled by the shopper, or failed at the provider; a later authorization still wins. */
  FAILED;

  /**
   * Whether the ledger follows the provider from this state to {@code next}: to any other state
   * from an undecided, declined or failed one, and from {@link #AUTHORIZED} to nothing.
   *
   * @param next the state the provider reports
   * @return {@code true} when the ledger moves
   */
  public boolean canMoveTo(AuthorizationState next) {
    return switch (this) {
      case NONE -> next != NONE;
      case PENDING, DECLINED, FAILED -> next != this && next != NONE;
      case AUTHORIZED -> false;
    };
  }

  /**
   * Whether nothing the provider says later can change this state.
   *
   * @return {@code true} for {@link #AUTHORIZED}
   */
  public boolean isFinal() {
    return this == AUTHORIZED;
  }
}
