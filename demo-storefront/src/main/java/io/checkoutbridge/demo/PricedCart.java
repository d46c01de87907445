package io.checkoutbridge.demo;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A basket with prices applied: the cart lines exactly as the payment provider will see them, VAT
 * included.
 *
 * @param lines products, then discount lines (one per VAT rate), then shipping
 * @param appliedCode the discount code in force, or {@code null}
 * @param codeProblem why the entered code does not apply, or {@code null}
 * @param shipping the delivery option
 */
public record PricedCart(List<CartLine> lines, String appliedCode, String codeProblem, Shipping shipping) {
  public PricedCart {
    lines = List.copyOf(lines);
  }

  public boolean isEmpty() {
    return lines.stream().noneMatch(l -> l.kind() == LineKind.PRODUCT);
  }

  public Money goods() {
    return sum(LineKind.PRODUCT);
  }

  public Money discount() {
    return sum(LineKind.DISCOUNT);
  }

  public Money shippingCost() {
    return sum(LineKind.SHIPPING);
  }

  public Money total() {
    Money total = Money.zero(Catalog.CURRENCY);
    for (CartLine line : lines) {
      total = total.plus(line.total());
    }
    return total;
  }

  /** VAT contained in the total, per rate, rounded to the penny per rate. */
  public Map<BigDecimal, Money> vatByRate() {
    Map<BigDecimal, BigDecimal> exact = new TreeMap<>();
    for (CartLine line : lines) {
      if (line.taxRate().signum() > 0) {
        exact.merge(Pricing.plain(line.taxRate()), line.exactTax(), BigDecimal::add);
      }
    }
    Map<BigDecimal, Money> rounded = new TreeMap<>();
    exact.forEach((rate, tax) -> rounded.put(rate, Money.of(tax.setScale(2, RoundingMode.HALF_UP), Catalog.CURRENCY)));
    return rounded;
  }

  /** The cart for the payment request; only for a non-empty basket. */
  public Cart toCart() {
    return new Cart(Catalog.CURRENCY, lines);
  }

  private Money sum(LineKind kind) {
    Money total = Money.zero(Catalog.CURRENCY);
    for (CartLine line : lines) {
      if (line.kind() == kind) {
        total = total.plus(line.total());
      }
    }
    return total;
  }
}
