package io.checkoutbridge.api;

/**
 * What a cart line stands for. Providers map each kind to their own item types; the sign of a
 * line's total follows its kind (see {@link #negative()}).
 */
public enum LineKind {
  /** Goods or services sold. */
  PRODUCT(false),
  /** Delivery. */
  SHIPPING(false),
  /** A price reduction; its total is zero or negative. */
  DISCOUNT(true),
  /** A surcharge such as a handling or payment fee. */
  FEE(false),
  /** Payment by gift card; its total is zero or negative. */
  GIFT_CARD(true);

  private final boolean negative;

  LineKind(boolean negative) {
    this.negative = negative;
  }

  /**
   * Whether lines of this kind reduce the order total (their totals are zero or negative).
   *
   * @return {@code true} for discounts and gift cards
   */
  public boolean negative() {
    return negative;
  }
}
