package io.checkoutbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.engine.Endpoints;
import io.checkoutbridge.engine.PaymentEngine;
import io.checkoutbridge.provider.ProviderFactory;
import io.checkoutbridge.provider.dintero.DinteroProviderFactory;
import io.checkoutbridge.provider.hokodo.HokodoProviderFactory;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.testing.SandboxServer;
import io.checkoutbridge.testing.TestDatabase;
import java.math.BigDecimal;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A cart of 1,000 lines with UUID line ids, through the Dintero and Hokodo adapters against their
 * simulators and the ledger on H2 and on PostgreSQL: started, approved by the shopper, captured in
 * two parts (the first 500 lines, then the rest) and refunded in full. Every event's line JSON,
 * the provider references and the providers' answers are stored and read back whole.
 */
class LargeCartTest {
  private static final int LINES = 1000;

  private SandboxServer sandbox;
  private OkHttpClient http;
  private TestDatabase database;

  @AfterEach
  void tearDown() throws Exception {
    if (http != null) {
      HttpClients.shutdown(http);
    }
    if (sandbox != null) {
      sandbox.close();
    }
    if (database != null) {
      database.close();
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.Kind.class)
  void aThousandLineCartIsCapturedInTwoPartsAndRefundedThroughDintero(TestDatabase.Kind kind) throws Exception {
    PaymentEngine engine = engine(kind, new DinteroProviderFactory(), Map.of(
        "checkout-bridge.dintero.enabled", "true",
        "checkout-bridge.dintero.account-id", "T12345678",
        "checkout-bridge.dintero.client-id", "sandbox-client-id",
        "checkout-bridge.dintero.client-secret", "sandbox-client-secret",
        "checkout-bridge.dintero.profile-id", "default_profile",
        "checkout-bridge.dintero.checkout-url", "{sandbox}/dintero/checkout/v1",
        "checkout-bridge.dintero.api-url", "{sandbox}/dintero/api/v1"));
    Cart cart = cart(Currency.getInstance("NOK"), "25");
    CheckoutStart start = engine.start("dintero", CheckoutRequest.of(order(), cart, customer(null)));
    press(start, "approve");

    captureTwiceAndRefund(engine, start.paymentId(), cart);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.Kind.class)
  void aThousandLineCartIsCapturedInTwoPartsAndRefundedThroughHokodo(TestDatabase.Kind kind) throws Exception {
    PaymentEngine engine = engine(kind, new HokodoProviderFactory(), Map.of(
        "checkout-bridge.hokodo.enabled", "true",
        "checkout-bridge.hokodo.api-key", "sandbox-hokodo-api-key",
        "checkout-bridge.hokodo.base-url", "{sandbox}/hokodo/v1"));
    Cart cart = cart(Currency.getInstance("GBP"), "20");
    CheckoutStart start = engine.start("hokodo", CheckoutRequest.of(order(), cart,
        customer(new Company("Acme Tools Ltd", "11215527", "GB", null))));
    press(start, "accept");

    captureTwiceAndRefund(engine, start.paymentId(), cart);
  }

  private void captureTwiceAndRefund(PaymentEngine engine, String id, Cart cart) throws Exception {
    assertThat(engine.refresh(id).status()).isEqualTo(PaymentStatus.AUTHORIZED);
    Map<String, BigDecimal> firstHalf = new LinkedHashMap<>();
    cart.lines().subList(0, LINES / 2).forEach(line -> firstHalf.put(line.lineId(), line.quantity()));
    Money firstHalfTotal = cart.lines().subList(0, LINES / 2).stream().map(CartLine::total)
        .reduce(Money.zero(cart.currency()), Money::plus);

    PaymentView part = engine.capture(id, command(Selection.lines(firstHalf), "capture-1-" + id));
    assertThat(part.status()).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
    assertThat(part.ledger().captured()).isEqualTo(firstHalfTotal);
    PaymentView captured = engine.capture(id, command(Selection.remaining(), "capture-2-" + id));
    assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(captured.ledger().captured()).isEqualTo(cart.total());
    PaymentView refunded = engine.refund(id, command(Selection.remaining(), "refund-1-" + id));
    assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
    assertThat(refunded.ledger().refunded()).isEqualTo(cart.total());

    // Read back from the database, as a new engine would: the provider agrees, and every line
    // moved exactly once each way.
    PaymentView fetched = engine.refresh(id);
    assertThat(fetched.ledger().captured()).isEqualTo(cart.total());
    assertThat(fetched.ledger().refunded()).isEqualTo(cart.total());
    try (Connection c = database.dataSource().getConnection();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*), SUM(captured_minor), SUM(refunded_minor)"
            + " FROM cb_payment_line WHERE payment_id = ? AND captured_minor = total_minor"
            + " AND refunded_minor = total_minor")) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getLong(1)).isEqualTo(LINES);
        assertThat(rs.getLong(2)).isEqualTo(cart.total().toMinor());
        assertThat(rs.getLong(3)).isEqualTo(cart.total().toMinor());
      }
    }
    try (Connection c = database.dataSource().getConnection()) {
      PaymentStore.Snapshot snapshot = new PaymentStore().snapshot(c, id).orElseThrow();
      List<Integer> linesPerMovement = new ArrayList<>();
      snapshot.events().stream().filter(e -> e.kind().name().equals("CAPTURED") || e.kind().name().equals("REFUNDED"))
          .forEach(e -> linesPerMovement.add(e.lines().size()));
      assertThat(linesPerMovement).containsExactly(LINES / 2, LINES / 2, LINES);
      // The providers' answers list every item (Hokodo's run to about 450,000 characters here):
      // each is stored whole.
      for (var event : snapshot.events()) {
        if (event.rawResponse() != null && event.rawResponse().startsWith("{")) {
          assertThat(JsonHttp.MAPPER.readTree(event.rawResponse())).as("a whole answer, not a cut one").isNotNull();
        }
      }
    }
  }

  private PaymentEngine engine(TestDatabase.Kind kind, ProviderFactory factory, Map<String, String> settings)
      throws Exception {
    sandbox = new SandboxServer();
    http = HttpClients.create(new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(30)));
    database = TestDatabase.create(kind);
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.replaceAll((key, value) -> value.replace("{sandbox}", sandbox.baseUrl()));
    PaymentProvider provider = factory.create(Settings.of(all), http, Clock.systemUTC());
    Endpoints endpoints = new Endpoints() {
      @Override
      public URI returnUrl(String providerId, String paymentId) {
        return URI.create("https://shop.example/payments/return/" + providerId + "?pid=" + paymentId + "&seal=x");
      }

      @Override
      public URI callbackUrl(String providerId, String paymentId) {
        return URI.create("https://shop.example/payments/callback/" + providerId + "?pid=" + paymentId + "&seal=x");
      }
    };
    return new PaymentEngine(new Database(database.dataSource()), Map.of(provider.id(), provider), endpoints,
        Clock.systemUTC(), change -> { }, null, Duration.ofMinutes(1), Duration.ofSeconds(30));
  }

  /** The shopper presses a button on the provider's hosted page. */
  private void press(CheckoutStart start, String action) {
    assertThat(start.next()).isInstanceOf(NextStep.Redirect.class);
    URI page = ((NextStep.Redirect) start.next()).url();
    String path = page.getRawPath().substring(page.getRawPath().indexOf("/sandbox/") + "/sandbox".length());
    SandboxRequest.Builder press = SandboxRequest.builder("POST", path).form("action", action);
    if (page.getRawQuery() != null) {
      press.rawQuery(page.getRawQuery());
    }
    SandboxResponse pressed = sandbox.handle(press);
    assertThat(pressed.status()).as(pressed.bodyText()).isEqualTo(303);
  }

  /** 1,000 product lines with UUID ids (the ids many shops use), 1.00 to 9.99 each. */
  private static Cart cart(Currency currency, String taxRate) {
    List<CartLine> lines = new ArrayList<>();
    for (int i = 0; i < LINES; i++) {
      Money price = Money.ofMinor(100 + (i * 37L) % 900, currency);
      lines.add(CartLine.of(UUID.randomUUID().toString(), LineKind.PRODUCT, "SKU-" + (10000 + i),
          "Article " + (i + 1), "1", price, taxRate));
    }
    return new Cart(currency, lines);
  }

  private static Customer customer(Company company) {
    Address address = new Address("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH",
        company == null ? "NO" : "GB", "+442079460000");
    return new Customer("c-large", "Ada", "Lovelace", "ada@example.com", "+4799999999", company, address, null, null);
  }

  private static String order() {
    return "BIG-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static AdminCommand command(Selection selection, String key) {
    return new AdminCommand(selection, "large cart", "admin", key);
  }
}
