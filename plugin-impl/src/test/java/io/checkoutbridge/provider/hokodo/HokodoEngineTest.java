package io.checkoutbridge.provider.hokodo;

import static io.checkoutbridge.provider.hokodo.HokodoTestData.fixture;
import static io.checkoutbridge.provider.hokodo.HokodoTestData.gbp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.engine.Endpoints;
import io.checkoutbridge.engine.PaymentEngine;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.testing.TestDatabase;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payment engine driving the Hokodo adapter against a small stateful stand-in for Hokodo.
 *
 * <p>The stand-in's fields come from Hokodo's Magento plugin: the deferred payment's {@code status},
 * {@code authorisation}, {@code protected_captures}, {@code refunds}, {@code voided_authorisation}
 * ({@code Test/Integration/Gateway/Service/DeferredPaymentTest.php}); post-sale POSTs to
 * {@code payment/deferred_payments/:payment_id/:type} ({@code etc/di.xml}) with types
 * {@code capture}, {@code capture_remaining}, {@code refund}, {@code void}, {@code void_remaining}
 * ({@code Api/Data/Gateway/DeferredPaymentsPostSaleActionInterface.php}). The status
 * {@code part_captured} is unverified (the plugin's {@code DeferredPaymentInterface} lists
 * {@code accepted}, {@code pending_review}, {@code customer_action_required}, {@code rejected},
 * {@code captured}, {@code pending_payment}); the stand-in assumes it for a partial capture.
 */
class HokodoEngineTest {
  private static final String DEFPAY = "defpay-BfWKaCKPbSBXHghFid4Ng9";

  private final FakeHokodo hokodo = new FakeHokodo();
  private MockWebServer server;
  private OkHttpClient http;
  private TestDatabase database;
  private PaymentEngine engine;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(hokodo);
    server.start();
    http = HttpClients.create(new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(400), Duration.ofSeconds(3)));
    HokodoProvider provider = new HokodoProvider(new HokodoSettings(true, "sk_test_engine_key",
        URI.create(server.url("/v1").toString()), null, HokodoSettings.CheckoutMode.REDIRECT, null), http,
        Clock.fixed(java.time.Instant.parse("2026-03-02T10:00:00Z"), java.time.ZoneOffset.UTC));
    database = TestDatabase.create(TestDatabase.Kind.H2);
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
    engine = new PaymentEngine(new Database(database.dataSource()), Map.of("hokodo", provider), endpoints,
        Clock.systemUTC(), change -> { }, null, Duration.ofMinutes(1), Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() throws Exception {
    server.close();
    HttpClients.shutdown(http);
    database.close();
  }

  private String checkoutAndAccept() throws Exception {
    CheckoutStart start = engine.start("hokodo", HokodoTestData.request());
    assertThat(start.next()).isInstanceOf(NextStep.Redirect.class);
    hokodo.status = "accepted";
    byte[] body = fixture("notification-accepted.json").getBytes(StandardCharsets.UTF_8);
    CallbackRequest callback = new CallbackRequest("POST", URI.create("https://shop.example/payments/callback/hokodo"),
        Map.of(), Map.of(), body);
    engine.handleCallback("hokodo", start.paymentId(), engine.provider("hokodo").orElseThrow().verifyCallback(callback));
    return start.paymentId();
  }

  private static AdminCommand command(Selection selection, String key) {
    return new AdminCommand(selection, "shipment", "admin", key);
  }

  @Test
  void notificationAfterAcceptanceAuthorizesThePayment() throws Exception {
    String paymentId = checkoutAndAccept();

    PaymentView view = engine.payment(paymentId).orElseThrow();
    assertThat(view.status()).isEqualTo(PaymentStatus.AUTHORIZED);
    assertThat(view.providerPaymentId()).isEqualTo(DEFPAY);
    assertThat(view.ledger().authorized()).isEqualTo(gbp("125.00"));
  }

  @Test
  void partialCaptureThenTheRemainderCapturesEverythingOnce() throws Exception {
    String paymentId = checkoutAndAccept();

    engine.capture(paymentId, command(Selection.amount(gbp("50.00")), "capture-0001"));
    PaymentView view = engine.capture(paymentId, command(Selection.remaining(), "capture-0002"));

    assertThat(view.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(hokodo.calls).containsSubsequence(
        "POST /v1/payment/deferred_payments/" + DEFPAY + "/capture amount=5000",
        "POST /v1/payment/deferred_payments/" + DEFPAY + "/capture_remaining amount=7500");
    assertThat(hokodo.captured).isEqualTo(12500);
  }

  @Test
  void captureThatTimesOutIsSettledFromHokodosLedgerWithoutASecondCapture() throws Exception {
    String paymentId = checkoutAndAccept();
    hokodo.slowPostSale = true;

    PaymentView view;
    try {
      view = engine.capture(paymentId, command(Selection.amount(gbp("50.00")), "capture-0003"));
    } catch (TransientNetworkException unexpected) {
      throw new AssertionError("the capture happened at Hokodo and should have been settled", unexpected);
    }

    assertThat(view.status()).isEqualTo(PaymentStatus.PARTIALLY_CAPTURED);
    assertThat(view.ledger().captured()).isEqualTo(gbp("50.00"));
    assertThat(hokodo.calls.stream().filter(c -> c.contains("/capture")).count()).isEqualTo(1);
  }

  @Test
  void voidRemainingAfterAPartialCaptureClosesThePayment() throws Exception {
    String paymentId = checkoutAndAccept();
    engine.capture(paymentId, command(Selection.amount(gbp("100.00")), "capture-0004"));

    PaymentView view = engine.voidAuthorization(paymentId, command(Selection.remaining(), "void-00001"));

    assertThat(view.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(view.ledger().voided()).isEqualTo(gbp("25.00"));
    assertThat(hokodo.calls).contains("POST /v1/payment/deferred_payments/" + DEFPAY + "/void_remaining amount=none");
  }

  @Test
  void overRefundIsRefusedBeforeHokodoIsAsked() throws Exception {
    String paymentId = checkoutAndAccept();
    engine.capture(paymentId, command(Selection.amount(gbp("20.00")), "capture-0005"));
    int before = hokodo.calls.size();

    assertThatThrownBy(() -> engine.refund(paymentId, command(Selection.amount(gbp("30.00")), "refund-0001")))
        .isInstanceOf(io.checkoutbridge.api.error.PaymentException.class);
    assertThat(hokodo.calls).hasSize(before);
  }

  /** Just enough of Hokodo: one order, one deferred payment with its ledger. */
  static final class FakeHokodo extends Dispatcher {
    final List<String> calls = new CopyOnWriteArrayList<>();
    volatile String status;
    volatile long captured;
    volatile long voided;
    volatile long refunded;
    volatile boolean slowPostSale;

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      String method = request.getMethod();
      try {
        if (path.contains("/deferred_payments/") && "POST".equals(method)) {
          return postSale(path, JsonHttp.MAPPER.readTree(request.getBody().utf8()));
        }
        calls.add(method + " " + path);
        return switch (method + " " + path) {
          case "POST /v1/companies/search" -> ok(fixture("company-search.json"));
          case "POST /v1/organisations" -> ok(fixture("organisation.json"));
          case "POST /v1/users" -> ok(fixture("user.json"));
          case "POST /v1/payment/orders" -> ok(fixture("order.json"));
          case "POST /v1/payment/offers", "GET /v1/payment/offers/offr-9F9iibZ2EpMhrWgaLd7Ah5" -> ok(fixture("offer.json"));
          case "GET /v1/payment/orders/order-sbMRVMbjXiuKLc9UQutUzW" ->
              ok(fixture(status == null ? "order-offered.json" : "order-with-deferred-payment.json"));
          case "GET /v1/payment/deferred_payments/" + DEFPAY -> ok(deferredPayment());
          default -> new MockResponse.Builder().code(404).body("{\"detail\":\"Not found.\"}").build();
        };
      } catch (Exception e) {
        return new MockResponse.Builder().code(500).body(e.toString()).build();
      }
    }

    private MockResponse postSale(String path, JsonNode body) {
      String action = path.substring(path.lastIndexOf('/') + 1);
      long amount = body.has("amount") ? body.path("amount").asLong() : -1;
      calls.add("POST " + path + " amount=" + (amount < 0 ? "none" : amount));
      long open = 12500 - captured - voided;
      switch (action) {
        case "capture", "capture_remaining" -> captured += "capture_remaining".equals(action) ? open : amount;
        case "void" -> voided += amount;
        case "void_remaining" -> voided += open;
        case "refund" -> refunded += amount;
        default -> { }
      }
      MockResponse.Builder response = new MockResponse.Builder().code(200)
          .body("{\"type\":\"" + action + "\",\"amount\":" + Math.max(amount, 0) + ",\"currency\":\"GBP\"}");
      if (slowPostSale) {
        response.headersDelay(1, TimeUnit.SECONDS);
      }
      return response.build();
    }

    private String deferredPayment() throws Exception {
      ObjectNode json = (ObjectNode) JsonHttp.MAPPER.readTree(fixture("deferred-payment-accepted.json"));
      json.put("status", captured == 0 ? status : captured + voided >= 12500 ? "captured" : "part_captured");
      json.put("authorisation", 12500 - captured - voided);
      json.put("protected_captures", captured);
      json.put("refunds", refunded);
      json.put("voided_authorisation", voided);
      return json.toString();
    }

    private static MockResponse ok(String body) {
      return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
    }
  }
}
