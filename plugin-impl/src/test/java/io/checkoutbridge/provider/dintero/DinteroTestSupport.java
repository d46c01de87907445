package io.checkoutbridge.provider.dintero;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.ProviderMemory;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.provider.support.JsonHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** Carts, settings, fixtures and request assertions shared by the Dintero tests. */
final class DinteroTestSupport {
  static final Currency NOK = Money.currency("NOK");
  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final String ACCOUNT = "T12345678";
  static final String CLIENT_ID = "cb-client-id";
  static final String CLIENT_SECRET = "s3cr3t-client-secret-value";
  static final String SIGNATURE_SECRET = "callback-signing-secret";
  static final String ORDER_ID = "K7X2M9QPL";
  static final String TRANSACTION_ID = "T12345678.3YkJXSdSnUBXcmQSzn7uJj";
  static final URI RETURN_URL = URI.create("https://shop.example/payments/return/dintero?pid=pay-1&seal=abc");
  static final URI CALLBACK_URL = URI.create("https://shop.example/payments/callback/dintero?pid=pay-1&seal=abc");

  private DinteroTestSupport() {}

  /** Seed 002's cart: two chairs at 199.00 NOK, 25 % VAT. */
  static Cart seedCart() {
    return new Cart(NOK, List.of(
        CartLine.of("1", LineKind.PRODUCT, "175938", "Stablestol for utendørsbruk", "2", Money.of("199.00", "NOK"),
            "25")));
  }

  /** Two products at different VAT rates, shipping, and an 80.00 discount. */
  static Cart discountedCart() {
    return new Cart(NOK, List.of(
        CartLine.of("A", LineKind.PRODUCT, "SKU-A", "Chair", "1", Money.of("300.00", "NOK"), "25"),
        CartLine.of("B", LineKind.PRODUCT, "SKU-B", "Book", "2", Money.of("50.00", "NOK"), "15"),
        CartLine.of("S", LineKind.SHIPPING, "", "Delivery", "1", Money.of("49.00", "NOK"), "25"),
        CartLine.of("D", LineKind.DISCOUNT, "", "Autumn sale", "1", Money.of("-80.00", "NOK"), "25")));
  }

  static Customer customer() {
    Address address = new Address("Kari Nordmann", "Sommerkroveien 34", null, "Oslo", null, "0349", "NO",
        "+4799999999");
    return new Customer("cust-1", "Kari", "Nordmann", "kari@example.com", "+4799999999", null, address, null, null);
  }

  static CheckoutRequest request(Cart cart) {
    return CheckoutRequest.of("ORDER-1001", cart, customer());
  }

  static DinteroSettings settings(MockWebServer server, String signatureSecret) {
    return new DinteroSettings(true, ACCOUNT, CLIENT_ID, CLIENT_SECRET, "default_profile",
        server.url("/checkout/v1").uri(), server.url("/api/v1").uri(), signatureSecret, Duration.ofMinutes(5));
  }

  static OkHttpClient http(Duration readTimeout) {
    return new OkHttpClient.Builder()
        .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
        .retryOnConnectionFailure(false)
        .build();
  }

  static DinteroProvider provider(MockWebServer server) {
    return new DinteroProvider(settings(server, null), http(Duration.ofSeconds(5)), CLOCK);
  }

  static ProviderPayment payment(Cart cart, Map<String, String> refs) {
    return new ProviderPayment("pay-1", "ORDER-1001", ORDER_ID, cart.total(), cart.lines(), refs);
  }

  static ProviderOperation operation(OperationKind kind, String amount, String key, LineAmount... lines) {
    return new ProviderOperation(kind, Money.of(amount, "NOK"), List.of(lines), false, key,
        kind == OperationKind.REFUND ? "damaged in transit" : null, null);
  }

  /** A void of everything still open (the only void Dintero has). */
  static ProviderOperation voidRemaining(String amount, String key) {
    return new ProviderOperation(OperationKind.VOID, Money.of(amount, "NOK"), List.of(), true, key, null, null);
  }

  static LineAmount line(String id, String quantity, String amount) {
    return new LineAmount(id, new BigDecimal(quantity), Money.of(amount, "NOK"));
  }

  static String fixture(String name) {
    try (InputStream in = DinteroTestSupport.class.getResourceAsStream("/fixtures/dintero/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(int code, String fixture) {
    return new MockResponse.Builder()
        .code(code)
        .addHeader("Content-Type", "application/json")
        .addHeader("request-id", "req-" + fixture.replace(".json", ""))
        .body(fixture(fixture))
        .build();
  }

  static MockResponse ok(String fixture) {
    return json(200, fixture);
  }

  static JsonNode parse(String text) {
    try {
      return JsonHttp.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode body(RecordedRequest request) {
    return parse(request.getBody() == null ? "" : request.getBody().utf8());
  }

  static RecordedRequest take(MockWebServer server) throws InterruptedException {
    RecordedRequest request = server.takeRequest(2, TimeUnit.SECONDS);
    assertThat(request).as("a request was sent").isNotNull();
    return request;
  }

  /** Asserts method and path (with the raw query when given) of the next request. */
  static RecordedRequest expect(MockWebServer server, String method, String target) throws InterruptedException {
    RecordedRequest request = take(server);
    assertThat(request.getMethod() + " " + request.getTarget()).isEqualTo(method + " " + target);
    return request;
  }

  /** A memory that behaves as the contract says: first value wins. */
  static ProviderMemory memory() {
    Map<String, String> values = new ConcurrentHashMap<>();
    return new ProviderMemory() {
      @Override
      public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
      }

      @Override
      public String putIfAbsent(String key, String value) {
        String previous = values.putIfAbsent(key, value);
        return previous == null ? value : previous;
      }
    };
  }
}
