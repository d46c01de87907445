package io.checkoutbridge.demo;

import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns a basket into exact cart lines. Every line's total is its quantity times its unit price;
 * a discount becomes one line per VAT rate (so each line has one rate and the VAT stays right);
 * shipping is a line of its own.
 */
public final class Pricing {
  /** The discount code of the season and its reduction on goods. */
  public static final String SPRING_CODE = "SPRING10";

  static final BigDecimal SPRING_PERCENT = BigDecimal.TEN;

  private Pricing() {}

  public static PricedCart price(ShopCart basket) {
    List<CartLine> lines = new ArrayList<>();
    Map<BigDecimal, Money> goodsByRate = new TreeMap<>(java.util.Comparator.reverseOrder());
    basket.orderedQuantities().forEach((sku, quantity) -> Catalog.find(sku).ifPresent(product -> {
      CartLine line = CartLine.of("p-" + sku.toLowerCase(java.util.Locale.ROOT), LineKind.PRODUCT, sku,
          product.name(), String.valueOf(quantity), product.price(), product.taxRate().toPlainString());
      lines.add(line);
      goodsByRate.merge(plain(product.taxRate()), line.total(), Money::plus);
    }));
    if (lines.isEmpty()) {
      return new PricedCart(List.of(), null, null, basket.shipping());
    }

    String code = basket.discountCode();
    String applied = null;
    String problem = null;
    if (code != null) {
      if (SPRING_CODE.equals(code)) {
        applied = code;
        goodsByRate.forEach((rate, goods) -> {
          Money off = Money.of(goods.amount().multiply(SPRING_PERCENT)
              .divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP), Catalog.CURRENCY);
          if (off.isPositive()) {
            String rateText = rate.toPlainString();
            lines.add(new CartLine("discount-" + rateText.replace('.', '_'), LineKind.DISCOUNT, SPRING_CODE,
                SPRING_CODE + " (10% off goods at " + rateText + "% VAT)", BigDecimal.ONE, off.negate(), rate,
                off.negate(), null, null));
          }
        });
      } else {
        problem = "The code " + code + " is not valid.";
      }
    }

    Money afterDiscount = Money.zero(Catalog.CURRENCY);
    for (CartLine line : lines) {
      afterDiscount = afterDiscount.plus(line.total());
    }
    Shipping shipping = basket.shipping();
    Money shippingPrice = shipping.price(afterDiscount);
    if (shippingPrice.isPositive()) { // free delivery is no line at all: some providers refuse zero amounts
      lines.add(new CartLine("shipping", LineKind.SHIPPING, "", shipping.label(), BigDecimal.ONE, shippingPrice,
          Shipping.TAX_RATE, shippingPrice, null, null));
    }
    return new PricedCart(lines, applied, problem, shipping);
  }

  /** {@code 20} rather than {@code 20.00} or {@code 2E+1}. */
  static BigDecimal plain(BigDecimal rate) {
    BigDecimal stripped = rate.stripTrailingZeros();
    return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
  }
}
