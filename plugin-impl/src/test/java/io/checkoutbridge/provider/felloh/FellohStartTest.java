package io.checkoutbridge.provider.felloh;

import static io.checkoutbridge.provider.felloh.FellohFixtures.ECOMMERCE_ID;
import static io.checkoutbridge.provider.felloh.FellohFixtures.NOW;
import static io.checkoutbridge.provider.felloh.FellohFixtures.PRIVATE_KEY;
import static io.checkoutbridge.provider.felloh.FellohFixtures.RETURN_URL;
import static io.checkoutbridge.provider.felloh.FellohFixtures.bodyOf;
import static io.checkoutbridge.provider.felloh.FellohFixtures.context;
import static io.checkoutbridge.provider.felloh.FellohFixtures.json;
import static io.checkoutbridge.provider.felloh.FellohFixtures.ok;
import static io.checkoutbridge.provider.felloh.FellohFixtures.path;
import static io.checkoutbridge.provider.felloh.FellohFixtures.request;
import static io.checkoutbridge.provider.felloh.FellohFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.StartResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FellohStartTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void embeddedStartFetchesATokenThenCreatesOneSessionForTheCartTotalInPence() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("ecommerce-created.json"));

    StartResult result = FellohFixtures.provider(server).start(context(request()));

    RecordedRequest token = server.takeRequest();
    assertThat(token.getMethod()).isEqualTo("POST");
    assertThat(path(token)).isEqualTo("/token");
    assertThat(bodyOf(token)).isEqualTo(tree(
        "{\"public_key\":\"pk-public-123\",\"private_key\":\"" + PRIVATE_KEY + "\"}"));
    assertThat(token.getHeaders().get("Authorization")).isNull();

    RecordedRequest create = server.takeRequest();
    assertThat(create.getMethod()).isEqualTo("PUT");
    assertThat(path(create)).isEqualTo("/agent/ecommerce");
    assertThat(create.getHeaders().get("Authorization")).isEqualTo("Bearer tok-first");
    assertThat(create.getHeaders().get("Accept")).isEqualTo("application/json");
    assertThat(create.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(bodyOf(create)).isEqualTo(tree("""
        {"customer_name":"Tom Jones","email":"tom@felloh.org","organisation":"X9876",
         "amount":12345,"currency":"GBX","open_banking_enabled":true,"card_enabled":true,
         "authorisation_only":true,"surcharging_enabled":false,"expires_at":"2026-03-31"}"""));

    assertThat(result.merchantReference()).isEqualTo(ECOMMERCE_ID);
    assertThat(result.refs()).isEqualTo(Map.of(FellohProvider.REF_ECOMMERCE, ECOMMERCE_ID));
    assertThat(result.state()).isNull();
    assertThat(result.next()).isInstanceOf(NextStep.Embed.class);
    // payment-sdk renderIframe: `${baseURL}${paymentID}`, nothing appended.
    HttpUrl frame = HttpUrl.get(((NextStep.Embed) result.next()).parameters().get("url"));
    assertThat(frame.host()).isEqualTo("pay.felloh.com");
    assertThat(frame.encodedPath()).isEqualTo("/embed/" + ECOMMERCE_ID);
    assertThat(frame.query()).isNull();
  }

  @Test
  void startWithACachedTokenIsOneRoundTrip() throws Exception {
    FellohProvider provider = FellohFixtures.provider(server);
    server.enqueue(ok("token.json"));
    server.enqueue(ok("ecommerce-created.json"));
    server.enqueue(ok("ecommerce-created.json"));

    provider.start(context(request()));
    provider.start(context(request()));

    assertThat(server.getRequestCount()).isEqualTo(3);
    server.takeRequest();
    server.takeRequest();
    assertThat(path(server.takeRequest())).isEqualTo("/agent/ecommerce");
  }

  @Test
  void tokenIsRenewedSixtySecondsBeforeItExpires() throws Exception {
    FellohFixtures.MovableClock clock = new FellohFixtures.MovableClock(NOW);
    FellohProvider provider = new FellohProvider(FellohFixtures.settings(server), FellohFixtures.http(), clock);
    long expiry = NOW.getEpochSecond() + 600;
    String token = "{\"data\":{\"expiry_time\":" + expiry + ",\"type\":\"BEARER\",\"token\":\"tok-%s\"},"
        + "\"errors\":[],\"meta\":{\"code\":200,\"request_id\":\"r\"}}";
    server.enqueue(new mockwebserver3.MockResponse.Builder().body(token.formatted("a")).build());
    server.enqueue(ok("ecommerce-created.json"));
    server.enqueue(ok("ecommerce-created.json"));
    server.enqueue(new mockwebserver3.MockResponse.Builder().body(token.formatted("b")).build());
    server.enqueue(ok("ecommerce-created.json"));

    provider.start(context(request()));
    clock.advance(Duration.ofSeconds(539));
    provider.start(context(request()));
    clock.advance(Duration.ofSeconds(1));
    provider.start(context(request()));

    server.takeRequest();
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-a");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-a");
    assertThat(path(server.takeRequest())).isEqualTo("/token");
    assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer tok-b");
  }

  @Test
  void refusedTokenIsRenewedAndTheCallSentOnceMore() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(json(401, "error-unauthorised.json"));
    server.enqueue(ok("token.json"));
    server.enqueue(ok("ecommerce-created.json"));

    StartResult result = FellohFixtures.provider(server).start(context(request()));

    assertThat(result.merchantReference()).isEqualTo(ECOMMERCE_ID);
    assertThat(server.getRequestCount()).isEqualTo(4);
    assertThat(path(server.takeRequest())).isEqualTo("/token");
    assertThat(path(server.takeRequest())).isEqualTo("/agent/ecommerce");
    assertThat(path(server.takeRequest())).isEqualTo("/token");
    assertThat(path(server.takeRequest())).isEqualTo("/agent/ecommerce");
  }

  @Test
  void tokenRefusedTwiceIsAnAuthenticationFailureAfterExactlyOneRetry() {
    server.enqueue(ok("token.json"));
    server.enqueue(json(401, "error-unauthorised.json"));
    server.enqueue(ok("token.json"));
    server.enqueue(json(401, "error-unauthorised.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server).start(context(request())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("PUT /agent/ecommerce")
        .extracting(e -> ((PaymentException) e).providerRequestId())
        .isEqualTo("9b1deb4d-0000-4bad-9bdd-000000000401");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void enumsAreReadAgainOnceTheyAreOlderThanSixHours() throws Exception {
    FellohFixtures.MovableClock clock = new FellohFixtures.MovableClock(NOW);
    FellohProvider provider = new FellohProvider(FellohFixtures.settings(server), FellohFixtures.http(), clock);
    server.enqueue(ok("token.json"));
    server.enqueue(ok("enums.json"));
    server.enqueue(ok("ecommerce-created.json"));
    Money unit = Money.of("19.99", "EUR");
    Cart cart = new Cart(unit.currency(), List.of(CartLine.of("l1", LineKind.PRODUCT, "S", "Seat", "1", unit, "0")));
    provider.start(context(CheckoutRequest.of("ORD-6", cart, FellohFixtures.customer())));

    clock.advance(Duration.ofHours(6).plusSeconds(1));
    server.enqueue(ok("enums.json")); // the token (valid until 2030) is still cached
    server.enqueue(ok("ecommerce-created.json"));
    provider.start(context(CheckoutRequest.of("ORD-7", cart, FellohFixtures.customer())));

    java.util.List<String> paths = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      paths.add(path(server.takeRequest()));
    }
    assertThat(paths).containsExactly("/token", "/enums", "/agent/ecommerce", "/enums", "/agent/ecommerce");
  }

  @Test
  void refusedKeyPairIsAnAuthenticationFailureThatNamesTheKeysNotTheirValues() {
    server.enqueue(json(401, "error-unauthorised.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server).start(context(request())))
        .isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("checkout-bridge.felloh.private-key")
        .hasMessageNotContaining(PRIVATE_KEY);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void validationErrorIsAnInvalidRequestNamingTheField() {
    server.enqueue(ok("token.json"));
    server.enqueue(json(422, "error-validation.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server).start(context(request())))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("PUT /agent/ecommerce")
        .hasMessageContaining("email field must be a valid email")
        .hasMessageContaining("email.invalid")
        .extracting(e -> ((PaymentException) e).providerRequestId())
        .isEqualTo("9b1deb4d-0000-4bad-9bdd-000000000422");
  }

  @Test
  void serverErrorOnCreateIsTransientAndNotSentAgain() {
    server.enqueue(ok("token.json"));
    server.enqueue(json(503, "error-server.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server).start(context(request())))
        .isInstanceOf(TransientNetworkException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void timeoutOnCreateIsTransientAndNotSentAgain() {
    server.enqueue(ok("token.json"));
    server.enqueue(FellohFixtures.slow("ecommerce-created.json", Duration.ofSeconds(2)));

    assertThatThrownBy(() -> FellohFixtures.provider(server).start(context(request())))
        .isInstanceOf(TransientNetworkException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void captureAtOnceAndABookingAreSentAsAsked() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("ecommerce-created.json"));
    CheckoutRequest request = request().withCaptureLater(false).withBookingId("9a33a74f-1e3e-595d-b89f-9da87d289e05");

    FellohFixtures.provider(server).start(context(request));

    server.takeRequest();
    var body = bodyOf(server.takeRequest());
    assertThat(body.path("authorisation_only").asBoolean()).isFalse();
    assertThat(body.path("booking_id").asText()).isEqualTo("9a33a74f-1e3e-595d-b89f-9da87d289e05");
  }

  @Test
  void excludedCardTypesAndRegionsAndPaymentMethodsComeFromConfiguration() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("ecommerce-created.json"));
    FellohSettings base = FellohFixtures.settings(server);
    FellohSettings settings = new FellohSettings(true, base.publicKey(), base.privateKey(), base.organisation(),
        base.baseUrl(), base.payUrl(), base.linkUrl(), base.webhookSecret(), false, true, List.of("AMEX"),
        List.of("INTER", "INTRA"), false, Duration.ofDays(7), FellohSettings.CheckoutMode.EMBEDDED);

    new FellohProvider(settings, FellohFixtures.http(), java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC))
        .start(context(request()));

    server.takeRequest();
    assertThat(bodyOf(server.takeRequest())).isEqualTo(tree("""
        {"customer_name":"Tom Jones","email":"tom@felloh.org","organisation":"X9876",
         "amount":12345,"currency":"GBX","open_banking_enabled":false,"card_enabled":true,
         "excluded_card_types":["AMEX"],"excluded_card_regions":["INTER","INTRA"],
         "authorisation_only":false,"surcharging_enabled":false,"expires_at":"2026-03-08"}"""));
  }

  @Test
  void euroCartIsSentInEuroCentsUnderTheCodeEnumsLists() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("enums.json"));
    server.enqueue(ok("ecommerce-created.json"));
    Money unit = Money.of("19.99", "EUR");
    Cart cart = new Cart(unit.currency(), List.of(CartLine.of("l1", LineKind.PRODUCT, "S", "Seat", "3", unit, "0")));

    FellohFixtures.provider(server).start(context(CheckoutRequest.of("ORD-2", cart, FellohFixtures.customer())));

    server.takeRequest();
    RecordedRequest enums = server.takeRequest();
    assertThat(enums.getMethod() + " " + path(enums)).isEqualTo("GET /enums");
    var body = bodyOf(server.takeRequest());
    assertThat(body.path("amount").asLong()).isEqualTo(5997);
    assertThat(body.path("currency").asText()).isEqualTo("EUX");
  }

  @Test
  void currencyEnumsDoesNotListIsRefusedBeforeAnythingIsCreated() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("enums.json"));
    Money unit = Money.of("1500", "JPY");
    Cart cart = new Cart(unit.currency(), List.of(CartLine.of("l1", LineKind.PRODUCT, "S", "Seat", "1", unit, "0")));

    assertThatThrownBy(() -> FellohFixtures.provider(server)
        .start(context(CheckoutRequest.of("ORD-3", cart, FellohFixtures.customer()))))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("cart currency")
        .hasMessageContaining("JPY")
        .hasMessageContaining("only GBP (GBX) is documented");
    assertThat(server.getRequestCount()).isEqualTo(2);
    server.takeRequest();
    assertThat(path(server.takeRequest())).isEqualTo("/enums");
  }

  @Test
  void enumsAreReadOnceAndKept() throws Exception {
    FellohProvider provider = FellohFixtures.provider(server);
    server.enqueue(ok("token.json"));
    server.enqueue(ok("enums.json"));
    server.enqueue(ok("ecommerce-created.json"));
    server.enqueue(ok("ecommerce-created.json"));
    Money unit = Money.of("19.99", "EUR");
    Cart cart = new Cart(unit.currency(), List.of(CartLine.of("l1", LineKind.PRODUCT, "S", "Seat", "1", unit, "0")));

    provider.start(context(CheckoutRequest.of("ORD-4", cart, FellohFixtures.customer())));
    provider.start(context(CheckoutRequest.of("ORD-5", cart, FellohFixtures.customer())));

    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void answerWithoutASessionIdIsAProviderError() {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("deleted.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server).start(context(request())))
        .isInstanceOf(PaymentException.class)
        .hasMessageContaining("without data.id");
  }

  @Test
  void embeddedModeAnswersTheIframeWithoutAReturnUrlAndThePageGetsItSeparately() throws Exception {
    server.enqueue(ok("token.json"));
    server.enqueue(ok("ecommerce-created.json"));

    StartResult result = FellohFixtures.provider(server).start(context(request()));

    NextStep.Embed embed = (NextStep.Embed) result.next();
    assertThat(embed.element()).isEqualTo("felloh-iframe");
    assertThat(embed.parameters())
        .containsEntry("ecommerceId", ECOMMERCE_ID)
        .containsEntry("url", "https://pay.felloh.com/embed/" + ECOMMERCE_ID)
        .containsEntry("origin", "https://pay.felloh.com")
        .containsEntry("returnUrl", RETURN_URL.toString());
    // Felloh documents the embed URL only as an iframe source: it is no page to send a shopper to.
    assertThat(embed.fallbackUrl()).isNull();
    assertThat(embed.parameters().get("url")).doesNotContain("return_url");
  }
}
