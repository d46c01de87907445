package io.checkoutbridge.demo;

import io.checkoutbridge.api.Money;
import java.math.BigDecimal;

/** Delivery options. Standard delivery is free from {@link #FREE_STANDARD_FROM} after discounts. */
public enum Shipping {
  STANDARD("Standard delivery (3 to 5 working days)", "4.95"),
  EXPRESS("Express delivery (next working day)", "9.95");

  static final Money FREE_STANDARD_FROM = Money.of("100.00", Catalog.CURRENCY_CODE);
  static final BigDecimal TAX_RATE = new BigDecimal("20");

  private final String label;
  private final Money price;

  Shipping(String label, String price) {
    this.label = label;
    this.price = Money.of(price, Catalog.CURRENCY_CODE);
  }

  public String label() {
    return label;
  }

  /** The price for goods worth {@code goods} (after discounts). */
  public Money price(Money goods) {
    if (this == STANDARD && goods.compareTo(FREE_STANDARD_FROM) >= 0) {
      return Money.zero(Catalog.CURRENCY);
    }
    return price;
  }

  public Money listPrice() {
    return price;
  }

  static Shipping parse(String value) {
    for (Shipping s : values()) {
      if (s.name().equalsIgnoreCase(value)) {
        return s;
      }
    }
    return STANDARD;
  }
}
