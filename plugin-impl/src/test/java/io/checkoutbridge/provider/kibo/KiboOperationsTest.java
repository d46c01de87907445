package io.checkoutbridge.provider.kibo;

import static io.checkoutbridge.provider.kibo.KiboTestData.NOW;
import static io.checkoutbridge.provider.kibo.KiboTestData.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KiboOperationsTest {
  private MockWebServer server;
  private OkHttpClient http;
  private KiboProvider provider;

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.start();
    http = HttpClients.create(HttpSettings.defaults());
    provider = new KiboProvider(KiboTestData.settings(server), http, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    HttpClients.shutdown(http);
    server.close();
  }

  private static ProviderPayment payment(Map<String, String> refs) {
    return new ProviderPayment(KiboTestData.PAYMENT_ID, "ORD-1001", "ORD-1001", usd("42.50"),
        KiboTestData.cart().lines(), refs);
  }

  private static ProviderOperation operation(OperationKind kind) {
    return new ProviderOperation(kind, usd("10.00"), List.of(), false, "idem-" + kind + "-0001", "admin asked", null);
  }

  private static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
  }

  private static Map<String, String> unconfirmed(String sentAt) {
    return Map.of(KiboProvider.REF_ORDER_ID, "100000123", KiboProvider.REF_EXTERNAL_ORDER_ID, "ORD-1001",
        KiboProvider.REF_AUTHORIZED_AMOUNT, "42.50", KiboProvider.REF_AUTHORIZATION, "AUTHORIZED",
        KiboProvider.REF_CREATE_ORDER, KiboProvider.UNCONFIRMED, KiboProvider.REF_CREATE_ORDER_SENT_AT, sentAt);
  }

  @Test
  void fetchStateReadsKibosOrderAndShowsItsStatus() throws Exception {
    server.enqueue(KiboTestData.ok("token.json"));
    server.enqueue(json("{\"orderID\":\"100000123\",\"externalOrderID\":\"ORD-1001\",\"orderStatus\":\"READY\","
        + "\"orderPayments\":[{\"paymentStatus\":\"AUTHORIZED\"}]}"));
    ProviderState state = provider.fetchState(payment(Map.of(
        KiboProvider.REF_ORDER_ID, "100000123",
        KiboProvider.REF_EXTERNAL_ORDER_ID, "ORD-1001",
        KiboProvider.REF_AUTHORIZED_AMOUNT, "42.50",
        KiboProvider.REF_AUTHORIZATION, "AUTHORIZED",
        KiboProvider.REF_CREATE_ORDER, KiboProvider.CONFIRMED)));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.providerStatus()).contains("Kibo order 100000123 READY").contains("payment AUTHORIZED")
        .contains("Kibo OMS settles the order itself");
    assertThat(state.amount()).isEqualTo(usd("42.50"));
    assertThat(state.captured()).isEqualTo(usd("0.00"));
    assertThat(state.refs()).containsEntry(KiboProvider.REF_ORDER_STATUS, "READY");
    server.takeRequest();
    assertThat(server.takeRequest().getTarget()).isEqualTo("/api/v2/order/100000123");
  }

  @Test
  void anUnconfirmedOrderThatKibosSearchFindsIsAuthorised() throws Exception {
    server.enqueue(KiboTestData.ok("token.json"));
    server.enqueue(json("{\"totalCount\":1,\"collection\":[{\"orderID\":\"100000123\","
        + "\"externalOrderID\":\"ORD-1001\",\"orderStatus\":\"READY\"}]}"));

    ProviderState state = provider.fetchState(payment(unconfirmed(NOW.minusSeconds(60).toString())));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.refs()).containsEntry(KiboProvider.REF_CREATE_ORDER, KiboProvider.CONFIRMED);
    server.takeRequest();
    assertThat(server.takeRequest().getTarget())
        .isEqualTo("/api/v2/order/?manufacturerID=1010&externalOrderID=ORD-1001");
  }

  @Test
  void anUnconfirmedOrderNotFoundStaysPendingWithinTheGraceAndFailsForAttentionAfterIt() throws Exception {
    server.enqueue(KiboTestData.ok("token.json"));
    server.enqueue(json("{\"totalCount\":0,\"collection\":[]}"));
    server.enqueue(json("{\"totalCount\":0,\"collection\":[]}"));

    ProviderState within = provider.fetchState(payment(unconfirmed(NOW.minusSeconds(60).toString())));
    ProviderState after = provider.fetchState(payment(unconfirmed(NOW.minus(java.time.Duration.ofMinutes(31)).toString())));

    assertThat(within.authorization()).isEqualTo(AuthorizationState.PENDING);
    assertThat(within.refs()).doesNotContainKey(KiboProvider.REF_ATTENTION);
    assertThat(after.authorization()).isEqualTo(AuthorizationState.FAILED);
    assertThat(after.refs().get(KiboProvider.REF_ATTENTION)).contains("authorisation lapses unused");
    assertThat(after.providerStatus()).as("shown in the admin's history").contains("needs attention");
  }

  @Test
  void fetchStateWithoutAuthorisationIsNoneWithoutACall() throws Exception {
    ProviderState state = provider.fetchState(payment(Map.of()));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.NONE);
    assertThat(state.captured()).isEqualTo(usd("0.00"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void captureRefundAndVoidAreUnsupportedWithoutACall() {
    assertThatThrownBy(() -> provider.capture(payment(Map.of()), operation(OperationKind.CAPTURE)))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("no capture call");
    assertThatThrownBy(() -> provider.refund(payment(Map.of()), operation(OperationKind.REFUND)))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("refund the order in Kibo OMS");
    assertThatThrownBy(() -> provider.cancel(payment(Map.of()), operation(OperationKind.VOID)))
        .isInstanceOfSatisfying(PaymentException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED))
        .hasMessageContaining("no void call");
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void callbacksAreRefused() {
    CallbackRequest callback = new CallbackRequest("POST", URI.create("https://shop.example.com/payments/callback/kibo"),
        Map.of(), Map.of(), "{}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> provider.verifyCallback(callback)).isInstanceOf(SignatureException.class);
  }

  @Test
  void previewShowsBothRequestsAndTheRulesWithoutCalling() throws Exception {
    Preview preview = provider.preview(KiboTestData.request());

    assertThat(preview.providerId()).isEqualTo("kibo");
    assertThat(preview.requests()).extracting(Preview.Request::method, Preview.Request::path)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("POST", "/createOrder/authorize"),
            org.assertj.core.groups.Tuple.tuple("POST", "/createOrder/"));
    assertThat(preview.requests().get(0).body()).contains("\"amount\":42.50").contains("\"externalCartID\"")
        .doesNotContain(KiboTestData.API_KEY);
    assertThat(preview.requests().get(1).body()).contains("\"authorizationID\":\"<authToken of the authorize answer>\"")
        .contains("\"shippingMethod\":{\"shipType\":\"STANDARD\",\"deliveryMethod\":\"SHIP_TO_HOME\"}")
        .contains("\"customerIP\":\"203.0.113.7\"");
    assertThat(preview.rules()).anySatisfy(rule -> assertThat(rule).contains("discount promo"));
    assertThat(preview.rules()).anySatisfy(rule -> assertThat(rule).contains("order search"));
    assertThat(preview.rules()).anySatisfy(rule -> assertThat(rule).contains("major units with the currency's 2 decimals"));
    assertThat(String.join("\n", preview.rules())).doesNotContain(KiboTestData.SECRET_KEY);
    assertThat(server.getRequestCount()).isZero();
  }
}
