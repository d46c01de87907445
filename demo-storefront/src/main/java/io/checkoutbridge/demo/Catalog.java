package io.checkoutbridge.demo;

import java.util.Currency;
import java.util.List;
import java.util.Optional;

/** The shop's articles, prices in pounds sterling with UK VAT included. */
public final class Catalog {
  static final String CURRENCY_CODE = "GBP";
  public static final Currency CURRENCY = Currency.getInstance(CURRENCY_CODE);

  private static final List<Product> PRODUCTS = List.of(
      Product.of("LAMP-OAK", "Oak desk lamp", "Turned English oak with a linen shade.", "49.00", "20"),
      Product.of("MUG-STONE", "Stoneware mug", "Hand-glazed, holds a generous 350 ml.", "12.50", "20"),
      Product.of("THROW-WOOL", "Wool throw", "Welsh lambswool, 130 × 180 cm.", "65.00", "20"),
      Product.of("TOWEL-LINEN", "Linen tea towels (2)", "Stonewashed linen, two to a pack.", "14.95", "20"),
      Product.of("KETTLE-ENAMEL", "Enamel kettle", "1.5 litres, for gas, electric and induction hobs.", "38.99", "20"),
      Product.of("SEAT-CHILD", "Child car seat", "Group 1/2/3, ISOFIX; reduced-rate VAT.", "89.00", "5"),
      Product.of("BOOK-BIRDS", "Field guide to British birds", "Hardback, 416 pages; zero-rated.", "18.99", "0"),
      Product.of("BOOTS-KIDS", "Children's wellington boots", "Natural rubber, sizes 8 to 13; zero-rated.", "22.00", "0"));

  private Catalog() {}

  public static List<Product> products() {
    return PRODUCTS;
  }

  public static Optional<Product> find(String sku) {
    return PRODUCTS.stream().filter(p -> p.sku().equals(sku)).findFirst();
  }
}
