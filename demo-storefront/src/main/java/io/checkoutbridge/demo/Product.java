package io.checkoutbridge.demo;

import io.checkoutbridge.api.Money;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * An article of the catalog.
 *
 * @param sku article number, also the id in forms and URLs
 * @param name what the shopper reads
 * @param description one sentence
 * @param price price of one unit, VAT included
 * @param taxRate VAT rate in percent
 */
public record Product(String sku, String name, String description, Money price, BigDecimal taxRate) {
  public Product {
    Objects.requireNonNull(sku, "sku");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(price, "price");
    Objects.requireNonNull(taxRate, "taxRate");
  }

  static Product of(String sku, String name, String description, String price, String taxRate) {
    return new Product(sku, name, description, Money.of(price, Catalog.CURRENCY_CODE), new BigDecimal(taxRate));
  }
}
