package io.checkoutbridge.provider.hokodo;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.spi.ProviderMemory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Carts, customers and fixtures shared by the Hokodo tests. */
final class HokodoTestData {
  static final java.util.Currency GBP = Money.currency("GBP");
  static final Instant REGISTERED = Instant.parse("2024-05-01T08:00:00Z");

  private HokodoTestData() {}

  static Money gbp(String amount) {
    return Money.of(amount, "GBP");
  }

  static Address address(String postcode) {
    return new Address("Jane Buyer", "1 High Street", null, "London", null, postcode, "GB", "+44 20 7946 0000");
  }

  static Customer customer(Company company, String postcode) {
    return new Customer("cust-42", "Jane", "Buyer", "jane.buyer@acme.example", null, company,
        address(postcode), null, REGISTERED);
  }

  static Company company() {
    return new Company("Acme Tools Services Ltd", "11351988", "GB", null);
  }

  static Cart cart() {
    return new Cart(GBP, List.of(
        CartLine.of("1", LineKind.PRODUCT, "DRL-18V", "Cordless drill", "1", gbp("120.00"), "20"),
        CartLine.of("ship", LineKind.SHIPPING, "", "Delivery", "1", gbp("5.00"), "20")));
  }

  static CheckoutRequest request() {
    return CheckoutRequest.of("ORD-1001", cart(), customer(company(), "E2 8AA"));
  }

  static String fixture(String name) {
    try (InputStream in = HokodoTestData.class.getResourceAsStream("/fixtures/hokodo/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Provider memory in a map, with the keep-the-first semantics of the real one. */
  static final class Memory implements ProviderMemory {
    final Map<String, String> values = new ConcurrentHashMap<>();

    @Override
    public Optional<String> get(String key) {
      return Optional.ofNullable(values.get(key));
    }

    @Override
    public String putIfAbsent(String key, String value) {
      String previous = values.putIfAbsent(key, value);
      return previous == null ? value : previous;
    }
  }
}
