package io.checkoutbridge.provider.kibo;

import static io.checkoutbridge.provider.kibo.KiboTestData.CARD;
import static io.checkoutbridge.provider.kibo.KiboTestData.NOW;
import static io.checkoutbridge.provider.kibo.KiboTestData.answer;
import static io.checkoutbridge.provider.kibo.KiboTestData.ok;
import static io.checkoutbridge.provider.kibo.KiboTestData.request;
import static io.checkoutbridge.provider.kibo.KiboTestData.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.DeclinedException;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.engine.Endpoints;
import io.checkoutbridge.engine.PaymentEngine;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.testing.TestDatabase;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The Kibo adapter driven by the real engine and ledger, on H2 and PostgreSQL. */
class KiboEngineTest {
  private MockWebServer server;
  private OkHttpClient http;
  private TestDatabase database;
  private PaymentEngine engine;

  private void setUp(TestDatabase.Kind kind) throws Exception {
    server = new MockWebServer();
    server.setDispatcher(new KiboTestData.NoOrderYet());
    server.start();
    http = HttpClients.create(HttpSettings.defaults());
    database = TestDatabase.create(kind);
    KiboProvider kibo = new KiboProvider(KiboTestData.settings(server), http, Clock.fixed(NOW, ZoneOffset.UTC));
    Endpoints endpoints = new Endpoints() {
      @Override
      public URI returnUrl(String providerId, String paymentId) {
        return URI.create("https://shop.example/payments/return/" + providerId + "?pid=" + paymentId);
      }

      @Override
      public URI callbackUrl(String providerId, String paymentId) {
        return URI.create("https://shop.example/payments/callback/" + providerId + "?pid=" + paymentId);
      }
    };
    engine = new PaymentEngine(new Database(database.dataSource()), Map.of("kibo", kibo), endpoints, Clock.systemUTC(),
        change -> { }, null, Duration.ofMinutes(1), Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (database != null) {
      database.close();
    }
    HttpClients.shutdown(http);
    server.close();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void checkoutIsAuthorizedAtOnceAndTheCardNumberIsNowhereInTheDatabase(TestDatabase.Kind kind) throws Exception {
    setUp(kind);
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(ok("create-order-response.json"));

    CheckoutStart start = engine.start("kibo", request());
    PaymentEngine.Refreshed refreshed = engine.refreshFromProvider(start.paymentId());
    PaymentView view = refreshed.payment();

    assertThat(start.next()).isEqualTo(new NextStep.Done(PaymentStatus.AUTHORIZED));
    assertThat(view.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(view.ledger().authorized()).isEqualTo(usd("42.50"));
    assertThat(view.providerPaymentId()).isEqualTo("100000123");
    // token, order search, authorize, create-order, then the refresh reads Kibo's order once
    assertThat(server.getRequestCount()).isEqualTo(5);
    assertThat(refreshed.providerState().providerStatus()).contains("Kibo order 100000123 READY")
        .contains("Kibo OMS settles the order itself");
    assertThat(rowsContaining(CARD)).isEmpty();
    assertThat(rowsContaining("1111")).isNotEmpty(); // the last four are kept, and the scan does look
  }

  /**
   * Create-order unanswered twice: the payment stays open as PENDING (not failed), and a later
   * refresh finds the order through Kibo's order search and authorises it.
   */
  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void anUnconfirmedOrderKeepsThePaymentOpenUntilARefreshFindsIt(TestDatabase.Kind kind) throws Exception {
    setUp(kind);
    java.util.concurrent.atomic.AtomicInteger searches = new java.util.concurrent.atomic.AtomicInteger();
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.endsWith("/oauth2/token")) {
          return ok("token.json");
        } else if (path.endsWith("/createOrder/authorize")) {
          return ok("authorize-response.json");
        } else if (path.endsWith("/createOrder/")) {
          return answer(503, "error-unavailable.json");
        }
        // the search before authorising and the one after the failure find nothing; the refresh finds it
        String collection = searches.incrementAndGet() <= 2 ? "[]"
            : "[{\"orderID\":\"100000123\",\"externalOrderID\":\"ORD-1001\",\"orderStatus\":\"READY\"}]";
        return new mockwebserver3.MockResponse.Builder().code(200).setHeader("Content-Type", "application/json")
            .body("{\"totalCount\":0,\"collection\":" + collection + "}").build();
      }
    });

    CheckoutStart start = engine.start("kibo", request());
    PaymentView open = engine.payment(start.paymentId()).orElseThrow();
    PaymentView refreshed = engine.refresh(start.paymentId());

    assertThat(start.next()).isEqualTo(new NextStep.Done(PaymentStatus.PENDING));
    assertThat(open.status()).isEqualTo(PaymentStatus.PENDING);
    assertThat(refreshed.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(refreshed.ledger().authorized()).isEqualTo(usd("42.50"));
    assertThat(refreshed.providerPaymentId()).isEqualTo("100000123");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void adminCannotCaptureRefundOrVoid(TestDatabase.Kind kind) throws Exception {
    setUp(kind);
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(ok("create-order-response.json"));
    CheckoutStart start = engine.start("kibo", request());

    AdminCommand command = new AdminCommand(Selection.remaining(), "shipped", "admin", "capture-all-0001");
    assertThatThrownBy(() -> engine.capture(start.paymentId(), command))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
    assertThatThrownBy(() -> engine.voidAuthorization(start.paymentId(), command))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED));
    // token, order search, authorize, create-order: capture and void call nothing
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void declinedCardLeavesNoCardNumberInTheHistory(TestDatabase.Kind kind) throws Exception {
    setUp(kind);
    server.enqueue(ok("token.json"));
    server.enqueue(answer(402, "error-declined.json"));

    assertThatThrownBy(() -> engine.start("kibo", request().withPaymentMethod(
        KiboTestData.card(KiboTestData.DECLINE_CARD)))).isInstanceOf(DeclinedException.class);

    assertThat(rowsContaining(KiboTestData.DECLINE_CARD)).isEmpty();
    assertThat(engine.paymentsForOrder(KiboTestData.ORDER_REFERENCE)).singleElement()
        .satisfies(p -> assertThat(p.status().paid()).isFalse());
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void invalidCustomerCreatesNoPaymentAndMakesNoCall(TestDatabase.Kind kind) throws Exception {
    setUp(kind);
    var customer = new io.checkoutbridge.api.Customer(null, "John", "Smith", "j@example.com", null, null,
        new io.checkoutbridge.api.Address("John Smith", "1 Road", null, "Town", null, null, "US", null), null, null);
    var request = new io.checkoutbridge.api.CheckoutRequest("ORD-2", KiboTestData.cart(), customer, Locale.US, true,
        KiboTestData.card(CARD), null);

    assertThatThrownBy(() -> engine.start("kibo", request)).hasMessageContaining("customer.phone1 is required");
    assertThat(server.getRequestCount()).isZero();
    assertThat(engine.paymentsForOrder("ORD-2")).isEmpty();
  }

  /** Every cell of every cb_ table whose text contains {@code needle}, as "table.column". */
  private List<String> rowsContaining(String needle) throws SQLException {
    List<String> hits = new ArrayList<>();
    try (Connection c = database.dataSource().getConnection()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), null, new String[] {"TABLE"})) {
        while (rs.next()) {
          String name = rs.getString("TABLE_NAME");
          if (name.toLowerCase(Locale.ROOT).startsWith("cb_")) {
            tables.add(name);
          }
        }
      }
      assertThat(tables).as("cb_ tables").isNotEmpty();
      for (String table : tables) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              String value = rs.getString(i);
              if (value != null && value.contains(needle)) {
                hits.add(table + "." + rs.getMetaData().getColumnName(i));
              }
            }
          }
        }
      }
    }
    return hits;
  }
}
