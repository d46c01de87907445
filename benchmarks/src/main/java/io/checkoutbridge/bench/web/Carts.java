package io.checkoutbridge.bench.web;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentMethodDetails;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The carts and shoppers the benchmarks check out: the same for the plugin and for the baseline,
 * and for every provider a request its adapter accepts.
 */
public final class Carts {
  /** The providers the benchmarks know how to drive, in the order they are reported. */
  public static final List<String> PROVIDERS = List.of("dintero", "hokodo", "felloh", "kibo");

  private static final String[] RATES = {"25", "15", "12", "0"};

  private Carts() {}

  /** Whether the benchmarks have a cart for {@code provider}. */
  public static boolean supported(String provider) {
    return PROVIDERS.contains(provider);
  }

  /** A checkout of {@code products} product lines plus shipping and a discount. */
  public static CheckoutRequest request(String provider, String orderReference, int products) {
    return switch (provider) {
      case "dintero" -> CheckoutRequest.of(orderReference, cart("NOK", products), nordic());
      case "hokodo" -> CheckoutRequest.of(orderReference, cart("GBP", products), business());
      case "felloh" -> CheckoutRequest.of(orderReference, cart("GBP", products), british());
      case "kibo" -> new CheckoutRequest(orderReference, cart("USD", products), american(), Locale.US, true,
          new PaymentMethodDetails.Card("4111111111111111", "10", "2030", "123", "John Smith"), null, "203.0.113.7");
      default -> throw new IllegalArgumentException("no benchmark cart for provider " + provider);
    };
  }

  /**
   * {@code products} product lines at several tax rates and quantities, shipping and a discount:
   * the kind of cart the mappers have to split and round.
   */
  public static Cart cart(String currency, int products) {
    List<CartLine> lines = new ArrayList<>(products + 2);
    for (int i = 0; i < products; i++) {
      String unit = (19 + i % 7) + "." + (i % 10) + "9";
      String quantity = Integer.toString(1 + i % 3);
      lines.add(CartLine.of("p" + i, LineKind.PRODUCT, "SKU-" + i, "Product number " + i, quantity,
          Money.of(unit, currency), RATES[i % RATES.length]));
    }
    lines.add(CartLine.of("ship", LineKind.SHIPPING, "", "Delivery", "1", Money.of("49.00", currency), "25"));
    lines.add(CartLine.of("promo", LineKind.DISCOUNT, "", "Autumn sale", "1", Money.of("-10.00", currency), "25"));
    return new Cart(Money.currency(currency), lines);
  }

  private static Customer nordic() {
    Address address = new Address("Kari Nordmann", "Sommerkroveien 34", null, "Oslo", null, "0349", "NO", null);
    return new Customer("c-1", "Kari", "Nordmann", "kari@example.com", "+4799999999", null, address, null, null);
  }

  private static Customer business() {
    Address address = new Address("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB",
        "+442079460000");
    return new Customer("bench-b2b-1", "Ada", "Lovelace", "ada@example.com", null,
        new Company("Analytical Engines Ltd", "01234567", "GB", null), address, null, null);
  }

  private static Customer british() {
    Address address = new Address("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB", null);
    return new Customer("bench-fl-1", "Ada", "Lovelace", "ada@example.com", null, null, address, null, null);
  }

  private static Customer american() {
    Address billing = new Address("John Smith", "111 Example St", null, "San Luis Obispo", "CA", "93401", "US",
        "4691111111");
    Address shipping = new Address("Alan Gudiel", "222 Test Example Dr", null, "Petaluma", "CA", "94954", "US",
        "97200000000");
    return new Customer("c-42", "John", "Smith", "John.Smith@example.com", "4691111111", null, billing, shipping,
        null);
  }
}
