package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.ProviderMemory;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.provider.support.JsonHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;

/** Shared pieces of the Felloh tests: fixtures, settings, a cart, a movable clock. */
final class FellohFixtures {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final String ECOMMERCE_ID = "226009ab-ffe9-4c80-922b-982e8e7849f8";
  static final String TRANSACTION_ID = "b5e1bd24-7379-4d27-b4d8-07120fefc25c";
  static final String PRIVATE_KEY = "private-key-that-must-stay-secret";
  static final String WEBHOOK_SECRET = "whsec-felloh-test-secret";
  static final URI RETURN_URL = URI.create("https://shop.example.com/payments/return/felloh?pid=p-1&seal=abc123");
  static final URI CALLBACK_URL = URI.create("https://shop.example.com/payments/callback/felloh?pid=p-1&seal=def456");

  private FellohFixtures() {}

  static String fixture(String name) {
    try (InputStream in = FellohFixtures.class.getResourceAsStream("/fixtures/felloh/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(int code, String fixtureName) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json")
        .body(fixture(fixtureName)).build();
  }

  static MockResponse ok(String fixtureName) {
    return json(200, fixtureName);
  }

  /** Answers after {@code delay}, longer than the client's read timeout. */
  static MockResponse slow(String fixtureName, Duration delay) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
        .body(fixture(fixtureName)).headersDelay(delay.toMillis(), TimeUnit.MILLISECONDS).build();
  }

  static JsonNode tree(String text) {
    try {
      return JsonHttp.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode bodyOf(RecordedRequest request) {
    return tree(text(request));
  }

  static String text(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  static String path(RecordedRequest request) {
    return request.getUrl().encodedPath();
  }

  /** Embedded (ecommerce sessions), pre-authorisation enabled on the account. */
  static FellohSettings settings(MockWebServer server) {
    return settings(server, FellohSettings.CheckoutMode.EMBEDDED);
  }

  static FellohSettings settings(MockWebServer server, FellohSettings.CheckoutMode mode) {
    String base = server.url("/").toString();
    return new FellohSettings(true, "pk-public-123", PRIVATE_KEY, "X9876",
        URI.create(base.substring(0, base.length() - 1)), URI.create("https://pay.felloh.com/embed"),
        URI.create("https://pay.felloh.com"), WEBHOOK_SECRET, true, true, List.of(), List.of(), true,
        Duration.ofDays(30), mode);
  }

  static OkHttpClient http() {
    return new OkHttpClient.Builder()
        .readTimeout(500, TimeUnit.MILLISECONDS)
        .callTimeout(5, TimeUnit.SECONDS)
        .retryOnConnectionFailure(false)
        .build();
  }

  static FellohProvider provider(MockWebServer server) {
    return new FellohProvider(settings(server), http(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static Money gbp(String amount) {
    return Money.of(amount, "GBP");
  }

  static Customer customer() {
    Address address = new Address("Tom Jones", "The Old Rectory", "Main Road", "Belton", "Lincolnshire", "NG32 2LW",
        "GB", null);
    return new Customer("c-1", "Tom", "Jones", "tom@felloh.org", null, null, address, null, null);
  }

  /** 2 × 50.00 holiday deposit, 25.45 transfer, −2.00 discount: 123.45 GBP. */
  static Cart cart() {
    return new Cart(gbp("0").currency(), List.of(
        CartLine.of("l1", LineKind.PRODUCT, "HOL-1", "Holiday deposit", "2", gbp("50.00"), "0"),
        CartLine.of("l2", LineKind.FEE, "TRF", "Airport transfer", "1", gbp("25.45"), "20"),
        CartLine.of("l3", LineKind.DISCOUNT, "", "Loyalty discount", "1", gbp("-2.00"), "0")));
  }

  static CheckoutRequest request() {
    return CheckoutRequest.of("ORD-1001", cart(), customer());
  }

  static StartContext context(CheckoutRequest request) {
    return new StartContext("p-1", request, RETURN_URL, CALLBACK_URL, new ProviderMemory() {
      @Override
      public Optional<String> get(String key) {
        return Optional.empty();
      }

      @Override
      public String putIfAbsent(String key, String value) {
        return value;
      }
    });
  }

  static ProviderPayment payment(Map<String, String> refs) {
    return new ProviderPayment("p-1", "ORD-1001", ECOMMERCE_ID, gbp("123.45"), cart().lines(), refs);
  }

  static ProviderPayment paidPayment() {
    return payment(Map.of(FellohProvider.REF_ECOMMERCE, ECOMMERCE_ID, FellohProvider.REF_TRANSACTION, TRANSACTION_ID));
  }

  static ProviderOperation operation(OperationKind kind, String amount) {
    return new ProviderOperation(kind, gbp(amount), List.of(), false, "op-key-0001", "Customer changed plans", null);
  }

  /** A clock the test moves by hand. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
