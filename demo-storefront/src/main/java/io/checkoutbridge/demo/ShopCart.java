package io.checkoutbridge.demo;

import jakarta.servlet.http.HttpSession;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shopper's basket as the session keeps it: quantities per article, a discount code and the
 * delivery option. Prices are applied by {@link Pricing} whenever the basket is shown.
 */
public final class ShopCart implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String ATTRIBUTE = ShopCart.class.getName();
  static final int MAX_QUANTITY = 20;

  private final Map<String, Integer> quantities = new LinkedHashMap<>();
  private String discountCode;
  private Shipping shipping = Shipping.STANDARD;

  /** The session's basket, created on first use. */
  static ShopCart of(HttpSession session) {
    ShopCart cart = (ShopCart) session.getAttribute(ATTRIBUTE);
    if (cart == null) {
      cart = new ShopCart();
      session.setAttribute(ATTRIBUTE, cart);
    }
    return cart;
  }

  /** Adds {@code quantity} of an article, up to {@link #MAX_QUANTITY}; unknown articles are ignored. */
  public synchronized void add(String sku, int quantity) {
    if (Catalog.find(sku).isPresent() && quantity > 0) {
      quantities.merge(sku, quantity, (a, b) -> Math.min(MAX_QUANTITY, a + b));
    }
  }

  /** Sets the quantity of an article; zero removes it. */
  public synchronized void set(String sku, int quantity) {
    if (Catalog.find(sku).isEmpty()) {
      return;
    }
    if (quantity <= 0) {
      quantities.remove(sku);
    } else {
      quantities.put(sku, Math.min(MAX_QUANTITY, quantity));
    }
  }

  public synchronized Map<String, Integer> quantities() {
    return Map.copyOf(new LinkedHashMap<>(quantities));
  }

  /** Articles in the order they were first added. */
  synchronized Map<String, Integer> orderedQuantities() {
    return new LinkedHashMap<>(quantities);
  }

  public synchronized int itemCount() {
    return quantities.values().stream().mapToInt(Integer::intValue).sum();
  }

  public synchronized boolean isEmpty() {
    return quantities.isEmpty();
  }

  public synchronized String discountCode() {
    return discountCode;
  }

  public synchronized void discountCode(String code) {
    this.discountCode = code == null || code.isBlank() ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
  }

  public synchronized Shipping shipping() {
    return shipping;
  }

  public synchronized void shipping(Shipping shipping) {
    this.shipping = shipping;
  }

  public synchronized void clear() {
    quantities.clear();
    discountCode = null;
    shipping = Shipping.STANDARD;
  }
}
