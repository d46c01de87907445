package io.checkoutbridge.provider.kibo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentMethodDetails;
import io.checkoutbridge.api.spi.ProviderMemory;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.config.Settings;
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
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Shared checkout data and fixtures for the Kibo tests. */
final class KiboTestData {
  static final String PAYMENT_ID = "5f0c6a9e-2d1b-4c3a-9e8f-0a1b2c3d4e5f";
  static final String ORDER_REFERENCE = "ORD-1001";
  /** The shopper's address: 203.0.113.0/24 is reserved for documentation (RFC 5737). */
  static final String SHOPPER_IP = "203.0.113.7";
  static final String CARD = "4111111111111111";
  static final String DECLINE_CARD = "4000000000000002";
  static final String API_KEY = "kibo-api-key-123";
  static final String SECRET_KEY = "kibo-secret-key-456";
  static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

  private KiboTestData() {}

  static Map<String, String> settingsMap(MockWebServer server) {
    Map<String, String> values = new HashMap<>();
    values.put("checkout-bridge.kibo.enabled", "true");
    values.put("checkout-bridge.kibo.api-key", API_KEY);
    values.put("checkout-bridge.kibo.secret-key", SECRET_KEY);
    values.put("checkout-bridge.kibo.token-url", server.url("/oauthserver/oauth2/token").toString());
    values.put("checkout-bridge.kibo.base-url", server.url("/api/v2").toString());
    values.put("checkout-bridge.kibo.manufacturer-id", "1010");
    return values;
  }

  static KiboSettings settings(MockWebServer server) {
    return KiboSettings.from(Settings.of(settingsMap(server)));
  }

  static Address billing() {
    return new Address("John Smith", "111 Example St", null, "San Luis Obispo", "CA", "93401", "US", "4691111111");
  }

  static Address shipping() {
    return new Address("Alan Gudiel", "222 Test Example Dr", null, "Petaluma", "CA", "94954", "US", "97200000000");
  }

  static Customer customer() {
    return new Customer("c-42", "John", "Smith", "John.Smith@example.com", "4691111111", null, billing(), shipping(),
        null);
  }

  static Money usd(String amount) {
    return Money.of(amount, "USD");
  }

  /** 30.00 + 3 socks for 10.00 + 5.00 shipping − 2.50 discount = 42.50 USD. */
  static Cart cart() {
    return new Cart(Money.currency("USD"), List.of(
        CartLine.of("1", LineKind.PRODUCT, "SKU-1", "Trail shoes", "1", usd("30.00"), "8.25"),
        new CartLine("2", LineKind.PRODUCT, "SKU-2", "Socks", new BigDecimal("3"), usd("3.33"), new BigDecimal("8.25"),
            usd("10.00"), null, null),
        CartLine.of("ship", LineKind.SHIPPING, "", "Ground shipping", "1", usd("5.00"), "0"),
        CartLine.of("promo", LineKind.DISCOUNT, "", "Welcome discount", "1", usd("-2.50"), "8.25")));
  }

  static PaymentMethodDetails.Card card(String number) {
    return new PaymentMethodDetails.Card(number, "10", "2030", "123", "John Smith");
  }

  static CheckoutRequest request() {
    return new CheckoutRequest(ORDER_REFERENCE, cart(), customer(), Locale.US, true, card(CARD), null, SHOPPER_IP);
  }

  static StartContext context(CheckoutRequest request) {
    return new StartContext(PAYMENT_ID, request,
        URI.create("https://shop.example.com/payments/return/kibo?pid=" + PAYMENT_ID + "&seal=abc"),
        URI.create("https://shop.example.com/payments/callback/kibo?pid=" + PAYMENT_ID + "&seal=abc"),
        new MapMemory());
  }

  static String fixture(String name) {
    try (InputStream in = KiboTestData.class.getResourceAsStream("/fixtures/kibo/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String text) {
    try {
      return JsonHttp.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final ObjectMapper EXACT = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .build();

  /** Numbers equal only with the same scale: 42.50 is not 42.5. */
  private static final Comparator<JsonNode> SCALE_EXACT = (a, b) -> {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().equals(b.decimalValue()) ? 0 : 1;
    }
    return a.equals(b) ? 0 : 1;
  };

  /** Asserts two JSON texts are the same document, numbers compared with their scale. */
  static void assertSameJson(String actual, String expected) {
    try {
      JsonNode a = EXACT.readTree(actual);
      JsonNode e = EXACT.readTree(expected);
      assertThat(a.equals(SCALE_EXACT, e)).as("JSON%n%s%nequals%n%s", a.toPrettyString(), e.toPrettyString()).isTrue();
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  static MockResponse ok(String fixture) {
    return answer(200, fixture);
  }

  static MockResponse answer(int status, String fixture) {
    return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
        .body(fixture(fixture)).build();
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
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

  /** An in-memory {@link ProviderMemory}. */
  static final class MapMemory implements ProviderMemory {
    private final Map<String, String> values = new ConcurrentHashMap<>();

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

  /**
   * Answers Kibo's order search ({@code GET /api/v2/order/?…}) with no order, an order read
   * ({@code GET /api/v2/order/{id}}) with a READY order, and every other call from the queue,
   * counting the searches. Tests about the other calls install it so that the search made before
   * every authorisation does not shift their queue.
   */
  static final class NoOrderYet extends mockwebserver3.QueueDispatcher {
    /** Searches and order reads answered. */
    final java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();

    @Override
    public MockResponse dispatch(mockwebserver3.RecordedRequest request) throws InterruptedException {
      if ("GET".equals(request.getMethod()) && request.getUrl().encodedPath().equals("/api/v2/order/")) {
        searches.incrementAndGet();
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
            .body("{\"totalCount\":0,\"collection\":[]}").build();
      }
      String path = request.getUrl().encodedPath();
      if ("GET".equals(request.getMethod()) && path.startsWith("/api/v2/order/")) {
        searches.incrementAndGet();
        return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
            .body("{\"orderID\":\"" + path.substring("/api/v2/order/".length()) + "\",\"orderStatus\":\"READY\"}")
            .build();
      }
      return super.dispatch(request);
    }
  }
}
