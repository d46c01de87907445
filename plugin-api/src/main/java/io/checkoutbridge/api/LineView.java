package io.checkoutbridge.api;

import java.math.BigDecimal;

/**
 * A cart line of a payment with what has been captured and refunded on it.
 *
 * @param line the line as the shopper bought it
 * @param capturedQuantity units captured so far
 * @param capturedAmount money captured on this line so far
 * @param refundedQuantity units refunded so far
 * @param refundedAmount money refunded on this line so far
 */
public record LineView(
    CartLine line,
    BigDecimal capturedQuantity,
    Money capturedAmount,
    BigDecimal refundedQuantity,
    Money refundedAmount) {

  /**
   * What of this line may still be captured.
   *
   * @return the line total less what was captured
   */
  public Money capturableAmount() {
    return line.total().minus(capturedAmount);
  }

  /**
   * What of this line may still be refunded.
   *
   * @return what was captured less what was refunded
   */
  public Money refundableAmount() {
    return capturedAmount.minus(refundedAmount);
  }
}
