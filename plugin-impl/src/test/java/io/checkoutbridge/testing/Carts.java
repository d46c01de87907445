package io.checkoutbridge.testing;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import java.util.Currency;
import java.util.List;

/** Ready-made carts and customers for tests. */
public final class Carts {
  private Carts() {}

  public static final Currency GBP = Currency.getInstance("GBP");

  /** Two products (2 × 12.00 at 20 %, 1 × 30.00 zero-rated), a 5.00 discount and 4.95 shipping: 53.95 GBP. */
  public static Cart standard() {
    return new Cart(GBP, List.of(
        CartLine.of("l1", LineKind.PRODUCT, "CHAIR-1", "Ergonomic chair", "2", Money.of("12.00", "GBP"), "20"),
        CartLine.of("l2", LineKind.PRODUCT, "BOOK-7", "Field guide", "1", Money.of("30.00", "GBP"), "0"),
        CartLine.of("d1", LineKind.DISCOUNT, "", "Spring discount", "1", Money.of("-5.00", "GBP"), "20"),
        CartLine.of("s1", LineKind.SHIPPING, "", "Standard delivery", "1", Money.of("4.95", "GBP"), "20")));
  }

  public static Customer customer() {
    Address address = new Address("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB",
        "+442079460000");
    return new Customer("cust-1", "Ada", "Lovelace", "ada@example.com", "+442079460000",
        new Company("Analytical Engines Ltd", "01234567", "GB", null), address, address, null);
  }

  public static CheckoutRequest request(String orderReference) {
    return CheckoutRequest.of(orderReference, standard(), customer());
  }
}
