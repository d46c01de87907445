package io.checkoutbridge.provider.kibo;

import static io.checkoutbridge.provider.kibo.KiboTestData.API_KEY;
import static io.checkoutbridge.provider.kibo.KiboTestData.CARD;
import static io.checkoutbridge.provider.kibo.KiboTestData.DECLINE_CARD;
import static io.checkoutbridge.provider.kibo.KiboTestData.NOW;
import static io.checkoutbridge.provider.kibo.KiboTestData.ORDER_REFERENCE;
import static io.checkoutbridge.provider.kibo.KiboTestData.PAYMENT_ID;
import static io.checkoutbridge.provider.kibo.KiboTestData.SECRET_KEY;
import static io.checkoutbridge.provider.kibo.KiboTestData.answer;
import static io.checkoutbridge.provider.kibo.KiboTestData.assertSameJson;
import static io.checkoutbridge.provider.kibo.KiboTestData.context;
import static io.checkoutbridge.provider.kibo.KiboTestData.fixture;
import static io.checkoutbridge.provider.kibo.KiboTestData.json;
import static io.checkoutbridge.provider.kibo.KiboTestData.ok;
import static io.checkoutbridge.provider.kibo.KiboTestData.request;
import static io.checkoutbridge.provider.kibo.KiboTestData.usd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.DeclinedException;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KiboProviderTest {
  private MockWebServer server;
  private OkHttpClient http;
  private KiboProvider provider;
  private final KiboTestData.NoOrderYet noOrderYet = new KiboTestData.NoOrderYet();

  @BeforeEach
  void setUp() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(noOrderYet);
    server.start();
    http = HttpClients.create(new HttpSettings(Duration.ofSeconds(2), Duration.ofMillis(700), Duration.ofSeconds(5)));
    provider = new KiboProvider(KiboTestData.settings(server), http, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    HttpClients.shutdown(http);
    server.close();
  }

  /** The next request other than an order search. */
  private RecordedRequest take() throws InterruptedException {
    while (true) {
      RecordedRequest request = server.takeRequest(2, TimeUnit.SECONDS);
      assertThat(request).as("a request reached Kibo").isNotNull();
      if (!request.getUrl().encodedPath().equals("/api/v2/order/")) {
        return request;
      }
    }
  }

  /** Requests other than order searches. */
  private int calls() {
    return server.getRequestCount() - noOrderYet.searches.get();
  }

  private static String body(RecordedRequest request) {
    return request.getBody() == null ? "" : request.getBody().utf8();
  }

  private void enqueueCheckout() {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(ok("create-order-response.json"));
  }

  @Test
  void startFetchesTokenAuthorizesThenCreatesOrderWithTheAuthorization() throws Exception {
    enqueueCheckout();

    provider.start(context(request()));

    RecordedRequest token = take();
    assertThat(token.getMethod()).isEqualTo("POST");
    assertThat(token.getUrl().encodedPath()).isEqualTo("/oauthserver/oauth2/token");
    assertThat(token.getHeaders().get("Authorization")).isEqualTo("Basic "
        + Base64.getEncoder().encodeToString((API_KEY + ":" + SECRET_KEY).getBytes(StandardCharsets.UTF_8)));
    assertThat(token.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(token.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(body(token)).isEqualTo("grant_type=client_credentials");

    RecordedRequest authorize = take();
    assertThat(authorize.getMethod()).isEqualTo("POST");
    assertThat(authorize.getUrl().encodedPath()).isEqualTo("/api/v2/createOrder/authorize");
    assertThat(authorize.getHeaders().get("Authorization")).isEqualTo("Bearer kibo-access-token-1");
    assertThat(authorize.getHeaders().get("API-Key")).isEqualTo(API_KEY);
    assertThat(authorize.getHeaders().get("Content-Type")).startsWith("application/json");
    assertSameJson(body(authorize), fixture("authorize-request-card.json"));

    RecordedRequest order = take();
    assertThat(order.getMethod()).isEqualTo("POST");
    assertThat(order.getUrl().encodedPath()).isEqualTo("/api/v2/createOrder/");
    assertThat(order.getHeaders().get("Authorization")).isEqualTo("Bearer kibo-access-token-1");
    assertThat(order.getHeaders().get("API-Key")).isEqualTo(API_KEY);
    assertSameJson(body(order), fixture("create-order-request.json"));
    assertThat(calls()).isEqualTo(3);
  }

  @Test
  void startReportsAuthorizedAtOnceWithoutRedirect() throws Exception {
    enqueueCheckout();

    StartResult result = provider.start(context(request()));

    assertThat(result.next()).isEqualTo(new NextStep.Done(PaymentStatus.AUTHORIZED));
    assertThat(result.merchantReference()).isEqualTo(ORDER_REFERENCE);
    assertThat(result.refs()).containsEntry(KiboProvider.REF_ORDER_ID, "100000123")
        .containsEntry(KiboProvider.REF_EXTERNAL_CART_ID, PAYMENT_ID)
        .containsEntry(KiboProvider.REF_EXTERNAL_ORDER_ID, ORDER_REFERENCE)
        .containsEntry(KiboProvider.REF_PAYMENT_TYPE, "CC")
        .containsEntry(KiboProvider.REF_CARD_ISSUER, "VI")
        .containsEntry(KiboProvider.REF_CARD_LAST4, "1111")
        .containsEntry(KiboProvider.REF_AUTHORIZED_AMOUNT, "42.50")
        .containsEntry(KiboProvider.REF_AUTHORIZATION, "AUTHORIZED")
        .containsEntry(KiboProvider.REF_TEST_ORDER, "false");
    assertThat(result.state()).isNotNull();
    assertThat(result.state().authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(result.state().merchantReference()).isEqualTo(ORDER_REFERENCE);
    assertThat(result.state().amount()).isEqualTo(usd("42.50"));
    assertThat(result.state().captured()).isEqualTo(usd("0.00"));
    assertThat(result.state().refunded()).isEqualTo(usd("0.00"));
    assertThat(result.state().voided()).isEqualTo(usd("0.00"));
    assertThat(result.state().providerPaymentId()).isEqualTo("100000123");
  }

  @Test
  void authorizationTokenAndPaymentMethodTokenAreNotKept() throws Exception {
    enqueueCheckout();

    StartResult result = provider.start(context(request()));

    assertThat(result.toString()).doesNotContain("auth-8e41b09c77").doesNotContain("pmt-5c1f0d7e2a");
  }

  @Test
  void cachedTokenMakesTwoRoundTripsPerCheckout() throws Exception {
    enqueueCheckout();
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(ok("create-order-response.json"));

    provider.start(context(request()));
    provider.start(context(request()));

    assertThat(calls()).isEqualTo(5);
    take();
    for (int i = 0; i < 4; i++) {
      RecordedRequest call = take();
      assertThat(call.getUrl().encodedPath()).startsWith("/api/v2/createOrder");
      assertThat(call.getHeaders().get("Authorization")).isEqualTo("Bearer kibo-access-token-1");
    }
  }

  @Test
  void expiredTokenIsFetchedAgain() throws Exception {
    KiboTestData.MutableClock clock = new KiboTestData.MutableClock(NOW);
    provider = new KiboProvider(KiboTestData.settings(server), http, clock);
    enqueueCheckout();
    server.enqueue(ok("token-2.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(ok("create-order-response.json"));

    provider.start(context(request()));
    clock.advance(Duration.ofMinutes(59).plusSeconds(1));
    provider.start(context(request()));

    assertThat(calls()).isEqualTo(6);
    take();
    take();
    take();
    assertThat(take().getUrl().encodedPath()).isEqualTo("/oauthserver/oauth2/token");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer kibo-access-token-2");
  }

  @Test
  void refusedTokenOnAuthorizeIsDiscardedAndTheAuthorizationIsNotSentTwice() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(answer(401, "error-not-authorized.json"));

    assertThatThrownBy(() -> provider.start(context(request()))).isInstanceOf(AuthenticationException.class);
    assertThat(calls()).isEqualTo(2);

    // the next checkout starts with a new token
    server.enqueue(ok("token-2.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(ok("create-order-response.json"));
    provider.start(context(request()));
    take();
    take();
    assertThat(take().getUrl().encodedPath()).isEqualTo("/oauthserver/oauth2/token");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer kibo-access-token-2");
  }

  @Test
  void refusedTokenOnCreateOrderGetsNewTokenAndOneMoreTry() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(answer(401, "error-not-authorized.json"));
    server.enqueue(ok("token-2.json"));
    server.enqueue(ok("create-order-response.json"));

    StartResult result = provider.start(context(request()));

    assertThat(result.next()).isEqualTo(new NextStep.Done(PaymentStatus.AUTHORIZED));
    assertThat(take().getUrl().encodedPath()).isEqualTo("/oauthserver/oauth2/token");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/api/v2/createOrder/authorize");
    assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer kibo-access-token-1");
    assertThat(take().getUrl().encodedPath()).isEqualTo("/oauthserver/oauth2/token");
    RecordedRequest retry = take();
    assertThat(retry.getUrl().encodedPath()).isEqualTo("/api/v2/createOrder/");
    assertThat(retry.getHeaders().get("Authorization")).isEqualTo("Bearer kibo-access-token-2");
    assertThat(calls()).isEqualTo(5);
  }

  @Test
  void createOrderRefusedTwiceIsAnAuthenticationFailureAfterOneRetry() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(answer(403, "error-not-authorized.json"));
    server.enqueue(ok("token-2.json"));
    server.enqueue(answer(403, "error-not-authorized.json"));
    server.enqueue(ok("token.json")); // for the order search that confirms there is no order

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> provider.start(context(request())));

    assertThat(e.getMessage()).contains("100000123").contains("lapses").contains("will not be charged");
    assertThat(calls()).isEqualTo(6);
  }

  @Test
  void refusedCredentialsAtTheTokenEndpointAreAnAuthenticationFailureWithoutAuthorize() throws Exception {
    server.enqueue(new MockResponse.Builder().code(401).setHeader("Content-Type", "application/json")
        .body("{\"error\":\"invalid_client\",\"error_description\":\"Bad client credentials\"}").build());

    AuthenticationException e = catchThrowableOfType(AuthenticationException.class,
        () -> provider.start(context(request())));

    assertThat(e.getMessage()).contains("API key and secret key").doesNotContain(SECRET_KEY).doesNotContain(API_KEY);
    assertThat(calls()).isEqualTo(1);
  }

  @Test
  void tokenAnswerWithoutAccessTokenIsAProviderError() throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body("{\"token_type\":\"bearer\"}").build());

    PaymentException e = catchThrowableOfType(PaymentException.class, () -> provider.start(context(request())));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
    assertThat(calls()).isEqualTo(1);
  }

  @Test
  void declinedAuthorizationThrowsDeclinedAndCreatesNoOrder() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(answer(402, "error-declined.json"));

    CheckoutRequest declined = request().withPaymentMethod(KiboTestData.card(DECLINE_CARD));
    DeclinedException e = catchThrowableOfType(DeclinedException.class, () -> provider.start(context(declined)));

    assertThat(e.code()).isEqualTo(ErrorCode.DECLINED);
    assertThat(e.providerRequestId()).isEqualTo("req-declined-1");
    assertThat(e.getMessage()).contains("declined").doesNotContain(DECLINE_CARD);
    assertThat(e.toString()).doesNotContain(DECLINE_CARD);
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void declineReasonOnBadRequestIsAlsoADecline() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(answer(400, "error-declined.json"));

    assertThatThrownBy(() -> provider.start(context(request()))).isInstanceOf(DeclinedException.class);
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void unavailableGatewayIsTransientWithoutSecondAuthorize() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(answer(503, "error-unavailable.json"));

    TransientNetworkException e = catchThrowableOfType(TransientNetworkException.class,
        () -> provider.start(context(request())));

    assertThat(e.providerRequestId()).isEqualTo("req-unavailable-1");
    assertThat(e.getMessage()).contains("5001 UNAVAILABLE");
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void unavailableCodeIsTransientWhateverTheHttpStatus() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(answer(400, "error-unavailable.json"));

    assertThatThrownBy(() -> provider.start(context(request()))).isInstanceOf(TransientNetworkException.class);
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void authorizeTimeoutIsTransientWithoutSecondAuthorize() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(new MockResponse.Builder().code(200).body(fixture("authorize-response.json"))
        .headersDelay(3, TimeUnit.SECONDS).build());

    assertThatThrownBy(() -> provider.start(context(request()))).isInstanceOf(TransientNetworkException.class)
        .hasMessageContaining("/api/v2/createOrder/authorize");
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void invalidRequestDataNamesTheField() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(answer(400, "error-invalid-request-data.json"));

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> provider.start(context(request())));

    assertThat(e.getMessage()).contains("5015 INVALID_REQUEST_DATA").contains("customer.phone1");
    assertThat(e.providerRequestId()).isEqualTo("req-invalid-1");
  }

  @Test
  void requestIdHeaderWinsOverTheBody() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(new MockResponse.Builder().code(400).setHeader("X-Request-ID", "hdr-77")
        .body(fixture("error-invalid-request-data.json")).build());

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> provider.start(context(request())));

    assertThat(e.providerRequestId()).isEqualTo("hdr-77");
  }

  @Test
  void notFoundCodeMapsToNotFound() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(answer(404, "error-not-found.json"));

    PaymentException e = catchThrowableOfType(PaymentException.class, () -> provider.start(context(request())));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.getMessage()).contains("manufacturerID");
  }

  @Test
  void rateLimitIsReported() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(new MockResponse.Builder().code(429).body("").build());

    PaymentException e = catchThrowableOfType(PaymentException.class, () -> provider.start(context(request())));

    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void createOrderFailureAfterAuthorizationSaysTheAuthorizationLapses() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(answer(400, "error-authorization-used.json"));

    InvalidRequestException e = catchThrowableOfType(InvalidRequestException.class,
        () -> provider.start(context(request())));

    assertThat(e.getMessage()).contains("order 100000123").contains("authorizationID").contains("lapses");
    assertThat(e.providerRequestId()).isEqualTo("req-used-1");
    assertThat(calls()).isEqualTo(3);
  }

  @Test
  void createOrderUnansweredTwiceWithNoOrderFoundLeavesThePaymentPendingNotFailed() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(new MockResponse.Builder().code(200).body(fixture("create-order-response.json"))
        .headersDelay(3, TimeUnit.SECONDS).build());
    server.enqueue(new MockResponse.Builder().code(503).body(fixture("error-unavailable.json")).build());

    StartResult result = provider.start(context(request()));

    assertThat(result.next()).isEqualTo(new NextStep.Done(PaymentStatus.PENDING));
    assertThat(result.state().authorization()).isEqualTo(AuthorizationState.PENDING);
    assertThat(result.refs()).containsEntry(KiboProvider.REF_CREATE_ORDER, KiboProvider.UNCONFIRMED)
        .containsEntry(KiboProvider.REF_CREATE_ORDER_SENT_AT, NOW.toString())
        .containsEntry(KiboProvider.REF_ORDER_ID, "100000123");
    // token, authorize and create-order twice: the second is safe, Kibo refuses a second order
    // with the same externalOrderID; the authorisation is never sent again
    assertThat(calls()).isEqualTo(4);
    assertThat(noOrderYet.searches.get()).isEqualTo(2);
  }

  @Test
  void whileAnEarlierAttemptsOrderIsUnconfirmedTheShoppersRetryAuthorisesNothing() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("authorize-response.json"));
    server.enqueue(new MockResponse.Builder().code(503).body(fixture("error-unavailable.json")).build());
    server.enqueue(new MockResponse.Builder().code(503).body(fixture("error-unavailable.json")).build());
    KiboTestData.MapMemory memory = new KiboTestData.MapMemory();
    StartContext first = new StartContext(PAYMENT_ID, request(), context(request()).returnUrl(),
        context(request()).callbackUrl(), memory);
    StartContext retry = new StartContext("7d3c1b8e-0000-4000-8000-000000000002", request(),
        context(request()).returnUrl(), context(request()).callbackUrl(), memory);

    assertThat(provider.start(first).next()).isEqualTo(new NextStep.Done(PaymentStatus.PENDING));
    int before = calls();
    InvalidRequestException refused = catchThrowableOfType(InvalidRequestException.class,
        () -> provider.start(retry));

    assertThat(refused.getMessage()).contains("still being confirmed").contains("nothing is charged again");
    assertThat(calls()).as("no authorisation on the retry").isEqualTo(before);
  }

  @Test
  void authorizationOfAnotherAmountCreatesNoOrder() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(new MockResponse.Builder().code(200)
        .body(fixture("authorize-response.json").replace("42.50", "40.00")).build());

    PaymentException e = catchThrowableOfType(PaymentException.class, () -> provider.start(context(request())));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
    assertThat(e.getMessage()).contains("40.00").contains("42.50");
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void authorizeAnswerWithoutAuthTokenCreatesNoOrder() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(new MockResponse.Builder().code(200).body("{\"orderID\":\"100000123\",\"status\":\"AUTHORIZED\"}")
        .build());

    PaymentException e = catchThrowableOfType(PaymentException.class, () -> provider.start(context(request())));

    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
    assertThat(e.getMessage()).contains("no authToken");
    assertThat(calls()).isEqualTo(2);
  }

  @Test
  void testOrdersSettingFlagsTheAuthorization() throws Exception {
    var values = KiboTestData.settingsMap(server);
    values.put("checkout-bridge.kibo.test-orders", "true");
    values.put("checkout-bridge.kibo.catalog-id", "7");
    values.put("checkout-bridge.kibo.ship-type", "EXPRESS_1_DAY");
    values.put("checkout-bridge.kibo.delivery-method", "SHIP_TO_HOME");
    provider = new KiboProvider(KiboSettings.from(io.checkoutbridge.config.Settings.of(values)), http,
        Clock.fixed(NOW, ZoneOffset.UTC));
    enqueueCheckout();

    StartResult result = provider.start(context(request()));

    take();
    var authorize = json(body(take()));
    assertThat(authorize.path("testOrder").asBoolean()).isTrue();
    assertThat(authorize.path("catalogID").asInt()).isEqualTo(7);
    var order = json(body(take()));
    assertThat(order.path("shippingMethod").path("shipType").asText()).isEqualTo("EXPRESS_1_DAY");
    assertThat(order.path("shippingMethod").path("deliveryMethod").asText()).isEqualTo("SHIP_TO_HOME");
    assertThat(order.path("isTestOrder").asBoolean()).isTrue();
    assertThat(result.refs()).containsEntry(KiboProvider.REF_TEST_ORDER, "true");
  }

  @Test
  void capabilitiesAreServerSideAuthorizationOnly() {
    assertThat(provider.capabilities()).containsExactly(Capability.SERVER_SIDE_AUTHORIZATION);
    assertThat(provider.id()).isEqualTo("kibo");
    assertThat(provider.enabled()).isTrue();
  }

  @Test
  void settingsAndProviderNeverShowTheCredentials() {
    assertThat(provider.toString()).doesNotContain(API_KEY).doesNotContain(SECRET_KEY);
  }
}
