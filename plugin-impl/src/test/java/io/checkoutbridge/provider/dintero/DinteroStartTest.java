package io.checkoutbridge.provider.dintero;

import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ACCOUNT;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.CALLBACK_URL;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.CLIENT_ID;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.CLIENT_SECRET;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ORDER_ID;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.RETURN_URL;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.body;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.discountedCart;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.expect;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.json;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.memory;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ok;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.parse;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.provider;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.request;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.seedCart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import java.net.URI;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Credentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DinteroStartTest {
  private static final String DRAFT_ID = "5f1c2a9e-7d4b-4c1e-9a8f-3b2d6e0c4a11";
  private static final String TOKEN = parse(DinteroTestSupport.fixture("token.json")).path("access_token").asText();

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private StartResult startWith(CheckoutRequest request) throws PaymentException {
    return provider(server).start(new StartContext("pay-1", request, RETURN_URL, CALLBACK_URL, memory()));
  }

  private void enqueueCheckout() {
    server.enqueue(ok("draft_order.json"));
    server.enqueue(ok("draft_order_complete.json"));
    server.enqueue(ok("session.json"));
  }

  @Test
  void startSendsTokenDraftOrderCompleteAndSessionInSeedOrder() throws Exception {
    server.enqueue(ok("token.json"));
    enqueueCheckout();

    StartResult result = startWith(request(seedCart()));

    assertThat(result.next()).isEqualTo(new NextStep.Redirect(
        URI.create("https://checkout.api.dintero.com/v1/view/0e5ecf1d2aa1a7c4f0d0b7e1c6d8a9b3e4f5a6b7")));
    assertThat(result.merchantReference()).isEqualTo(ORDER_ID);
    assertThat(result.refs()).isEqualTo(Map.of(DinteroProvider.REF_DRAFT_ORDER, DRAFT_ID,
        DinteroProvider.REF_ORDER, ORDER_ID, DinteroProvider.REF_SESSION, "T12345678.56ZCpbrbmqC5pq93Ts6ukC"));
    assertThat(result.state()).isNull();

    // Token: HTTP Basic client id and secret, grant_type and audience (seed 002's curl example;
    // Dintero.Node.SDK payments.d.ts AccessToken).
    RecordedRequest token = expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/auth/token");
    assertThat(token.getHeaders().get("Authorization")).isEqualTo(Credentials.basic(CLIENT_ID, CLIENT_SECRET));
    assertThat(body(token)).isEqualTo(parse("""
        {"grant_type":"client_credentials","audience":"%s/accounts/T12345678"}""".formatted(server.url("/api/v1")
        .toString().replaceAll("/$", ""))));

    // Draft order: generate_order_id, numeric line_id, gross_amount, tax_lines (seed 002 "Create order").
    RecordedRequest draft = expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/shopping/draft_orders");
    assertThat(draft.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(draft.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(body(draft)).isEqualTo(parse("""
        {"options":{"generate_order_id":"ALPHANUMERIC_9"},
         "order":{"currency":"NOK","items":[{"id":"175938","line_id":1,"quantity":2,"gross_amount":39800,
           "tax_lines":[{"amount":7960,"percentage":25}],"description":"Stablestol for utendørsbruk"}]}}"""));

    RecordedRequest complete = expect(server, "PUT",
        "/api/v1/accounts/" + ACCOUNT + "/shopping/draft_orders/" + DRAFT_ID + "/complete");
    assertThat(complete.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(body(complete)).isEqualTo(parse("{}"));

    // Session: url.return_url/callback_url, order amount, currency, merchant_reference (the order id),
    // vat_amount, items with string line_id, vat, amount (seed 002 "Create session"; payments.d.ts
    // SessionProfile/OrderItem); callback_url options as the WooCommerce plugin's
    // Dintero_Checkout_Callback::callback_url (report_error, report_event per event).
    RecordedRequest session = expect(server, "POST", "/checkout/v1/sessions-profile");
    assertThat(session.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(body(session)).isEqualTo(parse("""
        {"url":{"return_url":"https://shop.example/payments/return/dintero?pid=pay-1&seal=abc",
                "callback_url":"https://shop.example/payments/callback/dintero?pid=pay-1&seal=abc&report_error=true&report_event=CAPTURE&report_event=REFUND&report_event=VOID"},
         "order":{"amount":39800,"currency":"NOK","merchant_reference":"K7X2M9QPL","merchant_reference_2":"ORDER-1001",
                  "vat_amount":7960,
                  "items":[{"id":"175938","line_id":"1","description":"Stablestol for utendørsbruk","quantity":2,
                            "amount":39800,"vat_amount":7960,"vat":25}]},
         "customer":{"email":"kari@example.com","phone_number":"+4799999999"},
         "profile_id":"default_profile"}"""));
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void checkoutWithACachedTokenTakesThreeRoundTrips() throws Exception {
    server.enqueue(ok("token.json"));
    enqueueCheckout();
    enqueueCheckout();
    DinteroProvider provider = provider(server);

    provider.start(new StartContext("pay-1", request(seedCart()), RETURN_URL, CALLBACK_URL, memory()));
    int first = server.getRequestCount();
    provider.start(new StartContext("pay-2", request(seedCart()), RETURN_URL, CALLBACK_URL, memory()));

    assertThat(first).isEqualTo(4);
    assertThat(server.getRequestCount() - first).isEqualTo(3);
  }

  @Test
  void newAttemptForTheSameOrderCancelsTheEarlierSession() throws Exception {
    server.enqueue(ok("token.json"));
    enqueueCheckout();
    server.enqueue(ok("draft_order.json"));
    server.enqueue(ok("draft_order_complete.json"));
    server.enqueue(new MockResponse.Builder().code(200).body("""
        {"id":"T12345678.second","url":"https://checkout.api.dintero.com/v1/view/%s"}""".formatted("ab".repeat(20)))
        .build());
    server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"T12345678.56ZCpbrbmqC5pq93Ts6ukC\"}").build());
    DinteroProvider provider = provider(server);
    var memory = memory();

    provider.start(new StartContext("pay-1", request(seedCart()), RETURN_URL, CALLBACK_URL, memory));
    provider.start(new StartContext("pay-2", request(seedCart()), RETURN_URL, CALLBACK_URL, memory));

    for (int i = 0; i < 7; i++) {
      server.takeRequest();
    }
    // The first attempt's session can no longer be paid (Payments spec checkout_session_cancel_post).
    expect(server, "POST", "/checkout/v1/sessions/T12345678.56ZCpbrbmqC5pq93Ts6ukC/cancel");
    assertThat(server.getRequestCount()).isEqualTo(8);
  }

  @Test
  void unauthorizedCallIsSentOnceMoreWithAFreshToken() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(json(401, "error_unauthorized.json"));
    server.enqueue(ok("token_second.json"));
    enqueueCheckout();

    StartResult result = startWith(request(seedCart()));

    assertThat(result.merchantReference()).isEqualTo(ORDER_ID);
    expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/auth/token");
    expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/shopping/draft_orders");
    expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/auth/token");
    RecordedRequest retried = expect(server, "POST", "/api/v1/accounts/" + ACCOUNT + "/shopping/draft_orders");
    String second = parse(DinteroTestSupport.fixture("token_second.json")).path("access_token").asText();
    assertThat(retried.getHeaders().get("Authorization")).isEqualTo("Bearer " + second);
  }

  @Test
  void secondUnauthorizedAnswerIsAnAuthenticationException() {
    server.enqueue(ok("token.json"));
    server.enqueue(json(401, "error_unauthorized.json"));
    server.enqueue(ok("token_second.json"));
    server.enqueue(json(401, "error_unauthorized.json"));

    assertThatThrownBy(() -> startWith(request(seedCart())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("HTTP 401");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void refusedCredentialsAreAnAuthenticationExceptionWithoutTheSecret() {
    server.enqueue(json(401, "error_unauthorized.json"));

    assertThatThrownBy(() -> startWith(request(seedCart())))
        .isInstanceOf(AuthenticationException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CLIENT_SECRET).contains("auth/token"));
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void sessionValidationErrorIsInvalidRequestNamingTheField() {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("draft_order.json"));
    server.enqueue(ok("draft_order_complete.json"));
    server.enqueue(json(400, "error_validation.json"));

    assertThatThrownBy(() -> startWith(request(seedCart())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining(".order.items[0].vat_amount: should be integer")
        .hasMessageContaining("INVALID_REQUEST_PARAMETERS")
        .satisfies(e -> assertThat(((PaymentException) e).providerRequestId()).isEqualTo("req-error_validation"));
  }

  @Test
  void serverErrorWhileStartingIsTransient() {
    server.enqueue(ok("token.json"));
    server.enqueue(json(503, "error_server.json"));

    assertThatThrownBy(() -> startWith(request(seedCart())))
        .isInstanceOf(TransientNetworkException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void captureNowAsksDinteroToAutoCapture() throws Exception {
    server.enqueue(ok("token.json"));
    enqueueCheckout();

    startWith(request(seedCart()).withCaptureLater(false));

    server.takeRequest();
    server.takeRequest();
    server.takeRequest();
    JsonNode session = body(server.takeRequest());
    assertThat(session.path("configuration").path("auto_capture").asBoolean()).isTrue();
  }

  @Test
  void discountedCartSendsTheSpreadItemsToOrderAndSession() throws Exception {
    server.enqueue(ok("token.json"));
    enqueueCheckout();

    startWith(request(discountedCart()));

    server.takeRequest();
    JsonNode draft = body(server.takeRequest());
    server.takeRequest();
    JsonNode session = body(server.takeRequest());
    assertThat(draft.at("/order/items")).hasSize(3);
    assertThat(draft.at("/order/items/1/line_id").asInt()).isEqualTo(2);
    assertThat(draft.at("/order/items/1/gross_amount").asLong()).isEqualTo(8000);
    assertThat(draft.at("/order/items/1/tax_lines/0/amount").asLong()).isEqualTo(1043);
    assertThat(draft.at("/order/items/1/tax_lines/0/percentage").decimalValue()).isEqualByComparingTo("15");
    assertThat(session.at("/order/amount").asLong()).isEqualTo(36900);
    assertThat(session.at("/order/vat_amount").asLong()).isEqualTo(6823);
    assertThat(session.at("/order/items/0/line_id").asText()).isEqualTo("A");
    assertThat(session.at("/order/items/0/amount").asLong()).isEqualTo(24000);
    assertThat(session.at("/order/items/2/type").asText()).isEqualTo("shipping");
    assertThat(session.at("/order/items/2/id").asText()).isEqualTo("S");
  }

  @Test
  void sessionWithoutUrlIsAProviderError() {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("draft_order.json"));
    server.enqueue(ok("draft_order_complete.json"));
    server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"T12345678.x\"}").build());

    assertThatThrownBy(() -> startWith(request(seedCart())))
        .isInstanceOf(PaymentException.class)
        .satisfies(e -> assertThat(((PaymentException) e).code()).isEqualTo(ErrorCode.PROVIDER_ERROR));
  }

  @Test
  void callbackUrlKeepsTheSealAndIsNotExtendedTwice() {
    URI once = DinteroRequests.callbackUrl(CALLBACK_URL);
    assertThat(once.toString())
        .isEqualTo("https://shop.example/payments/callback/dintero?pid=pay-1&seal=abc&report_error=true"
            // the WooCommerce plugin's syntax: one report_event per event (class-dintero-checkout-callback.php)
            + "&report_event=CAPTURE&report_event=REFUND&report_event=VOID");
    assertThat(DinteroRequests.callbackUrl(once)).isEqualTo(once);
  }

  @Test
  void cartThatBreaksDinterosLimitsIsRefusedBeforeAnyCall() {
    CheckoutRequest huge = request(new io.checkoutbridge.api.Cart(DinteroTestSupport.NOK, java.util.List.of(
        io.checkoutbridge.api.CartLine.of("yacht", io.checkoutbridge.api.LineKind.PRODUCT, "Y", "Yacht", "1",
            io.checkoutbridge.api.Money.of("30000000.00", "NOK"), "25"))));

    assertThatThrownBy(() -> provider(server).validate(huge)).isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("line yacht");
    assertThatThrownBy(() -> startWith(huge)).isInstanceOf(InvalidRequestException.class);
    assertThat(server.getRequestCount()).isZero();
  }
}
