package io.checkoutbridge.api;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One line of a cart, with amounts that include tax.
 *
 * <p>{@code total} is what the shopper saw for the line. It normally equals {@code quantity ×
 * unitPrice}; where the storefront rounded differently, the adapters keep {@code total} (the
 * shopper's truth) and make the difference explicit for providers that need exact products.
 *
 * @param lineId stable id of the line within the cart, unique, used again at capture and refund
 * @param kind what the line stands for; discounts and gift cards carry non-positive totals
 * @param sku the storefront's article number (may be empty for shipping, fees and discounts)
 * @param name the text the shopper saw
 * @param quantity a positive decimal quantity (fractional quantities allowed: 1.5 kg)
 * @param unitPrice price of one unit including tax
 * @param taxRate tax rate in percent, {@code 20} for 20 %, at most four decimals ({@code 8.875} for
 *     New York City's combined sales tax); a provider whose API takes fewer decimals refuses the
 *     line in its validation instead of rounding it
 * @param total line total including tax
 * @param supplierId the vendor of a marketplace line, or {@code null}
 * @param supplierName the vendor's name, or {@code null}
 */
public record CartLine(
    String lineId,
    LineKind kind,
    String sku,
    String name,
    BigDecimal quantity,
    Money unitPrice,
    BigDecimal taxRate,
    Money total,
    String supplierId,
    String supplierName) {

  /** The most decimals a tax rate may have: enough for every combined US sales tax rate. */
  public static final int MAX_TAX_RATE_DECIMALS = 4;

  /**
   * Checks the line: ids and names present, quantity positive, signs matching the kind.
   *
   * @param lineId stable id of the line within the cart, unique, used again at capture and refund
   * @param kind what the line stands for; discounts and gift cards carry non-positive totals
   * @param sku the storefront's article number (may be empty for shipping, fees and discounts)
   * @param name the text the shopper saw
   * @param quantity a positive decimal quantity (fractional quantities allowed: 1.5 kg)
   * @param unitPrice price of one unit including tax
   * @param taxRate tax rate in percent, {@code 20} for 20 %, at most four decimals ({@code 8.875} for
 *     New York City's combined sales tax); a provider whose API takes fewer decimals refuses the
 *     line in its validation instead of rounding it
   * @param total line total including tax
   * @param supplierId the vendor of a marketplace line, or {@code null}
   * @param supplierName the vendor's name, or {@code null}
   */
  public CartLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(unitPrice, "unitPrice");
    Objects.requireNonNull(taxRate, "taxRate");
    Objects.requireNonNull(total, "total");
    if (lineId == null || lineId.isBlank() || lineId.length() > 64) {
      throw new IllegalArgumentException("lineId must be 1 to 64 characters");
    }
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("line " + lineId + ": name is required");
    }
    sku = sku == null ? "" : sku;
    if (quantity.signum() <= 0) {
      throw new IllegalArgumentException("line " + lineId + ": quantity must be positive");
    }
    if (taxRate.signum() < 0 || taxRate.compareTo(BigDecimal.valueOf(100)) > 0
        || taxRate.stripTrailingZeros().scale() > MAX_TAX_RATE_DECIMALS) {
      throw new IllegalArgumentException(
          "line " + lineId + ": tax rate must be 0 to 100 with at most four decimals");
    }
    unitPrice.requireSameCurrency(total);
    if (kind.negative() ? total.isPositive() || unitPrice.isPositive()
        : total.isNegative() || unitPrice.isNegative()) {
      throw new IllegalArgumentException(
          "line " + lineId + ": a " + kind + " line must have a " + (kind.negative() ? "non-positive" : "non-negative") + " total");
    }
  }

  /**
   * A line whose total is exactly {@code quantity × unitPrice}, rounded half-even to the currency.
   *
   * @param lineId stable id of the line within the cart
   * @param kind what the line stands for
   * @param sku the storefront's article number, or {@code null}
   * @param name the text the shopper saw
   * @param quantity a positive decimal quantity, such as {@code "1.5"}
   * @param unitPrice price of one unit including tax
   * @param taxRate tax rate in percent, such as {@code "20"}
   * @return the line
   */
  public static CartLine of(String lineId, LineKind kind, String sku, String name, String quantity,
      Money unitPrice, String taxRate) {
    BigDecimal qty = new BigDecimal(quantity);
    return new CartLine(lineId, kind, sku, name, qty, unitPrice, new BigDecimal(taxRate),
        unitPrice.times(qty, java.math.RoundingMode.HALF_EVEN), null, null);
  }

  /**
   * This line sold by a marketplace vendor.
   *
   * @param id the vendor's id
   * @param name the vendor's name
   * @return a copy of this line with the vendor
   */
  public CartLine withSupplier(String id, String name) {
    return new CartLine(lineId, kind, sku, this.name, quantity, unitPrice, taxRate, total, id, name);
  }

  /**
   * The tax contained in {@link #total()}, unrounded: {@code total × rate / (100 + rate)}. Adapters
   * round it the way their provider expects.
   *
   * @return the tax, to ten decimals
   */
  public BigDecimal exactTax() {
    if (taxRate.signum() == 0) {
      return BigDecimal.ZERO;
    }
    return total.amount().multiply(taxRate)
        .divide(taxRate.add(BigDecimal.valueOf(100)), 10, java.math.RoundingMode.HALF_EVEN);
  }
}
