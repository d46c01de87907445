package io.checkoutbridge.provider.felloh;

import static io.checkoutbridge.provider.felloh.FellohFixtures.NOW;
import static io.checkoutbridge.provider.felloh.FellohFixtures.RETURN_URL;
import static io.checkoutbridge.provider.felloh.FellohFixtures.TRANSACTION_ID;
import static io.checkoutbridge.provider.felloh.FellohFixtures.bodyOf;
import static io.checkoutbridge.provider.felloh.FellohFixtures.context;
import static io.checkoutbridge.provider.felloh.FellohFixtures.gbp;
import static io.checkoutbridge.provider.felloh.FellohFixtures.json;
import static io.checkoutbridge.provider.felloh.FellohFixtures.ok;
import static io.checkoutbridge.provider.felloh.FellohFixtures.path;
import static io.checkoutbridge.provider.felloh.FellohFixtures.request;
import static io.checkoutbridge.provider.felloh.FellohFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.felloh.FellohSettings.CheckoutMode;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The full-page checkout through a payment link. Contract: node-sdk {@code src/types/payment-links.ts}
 * ({@code CreatePaymentLinkParams}: {@code customer_name, email, organisation, amount, type} required,
 * {@code success_url}, {@code failure_url}, {@code cancel_url} optional), {@code src/resources/payment-links.ts}
 * ({@code create} is {@code PUT /agent/payment-links}, {@code get} is {@code GET /agent/payment-links/{id}}),
 * and the payment link object of developers.felloh.com (payment links page), which carries
 * {@code transactions[]}.
 */
class FellohPaymentLinkTest {
  static final String LINK_ID = "9f1c1e55-6f7a-4b8e-8a0e-3c5d2b7a1f42";
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
    server.enqueue(ok("token.json"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private FellohProvider provider() {
    return new FellohProvider(FellohFixtures.settings(server, CheckoutMode.PAYMENT_LINK), FellohFixtures.http(),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void startCreatesAPaymentLinkThatSendsTheShopperBackToTheReturnEndpointEitherWay() throws Exception {
    server.enqueue(ok("payment-link-created.json"));

    StartResult result = provider().start(context(request()));

    server.takeRequest();
    RecordedRequest create = server.takeRequest();
    assertThat(create.getMethod() + " " + path(create)).isEqualTo("PUT /agent/payment-links");
    assertThat(bodyOf(create)).isEqualTo(tree("""
        {"customer_name":"Tom Jones","email":"tom@felloh.org","organisation":"X9876",
         "amount":12345,"currency":"GBX","open_banking_enabled":true,"card_enabled":true,
         "authorisation_only":true,"surcharging_enabled":false,"expires_at":"2026-03-31",
         "type":"CARD","description":"Order ORD-1001",
         "success_url":"%1$s","failure_url":"%1$s","cancel_url":"%1$s"}""".formatted(RETURN_URL)));
    assertThat(result.merchantReference()).isEqualTo(LINK_ID);
    assertThat(result.refs()).isEqualTo(Map.of(FellohProvider.REF_PAYMENT_LINK, LINK_ID));
    // A full-page redirect to the link's hosted page; nothing of ours in its address.
    assertThat(((NextStep.Redirect) result.next()).url().toString()).isEqualTo("https://pay.felloh.com/" + LINK_ID);
  }

  @Test
  void previewShowsThePaymentLinkWithItsThreeReturnUrlsAndSendsNothing() throws Exception {
    io.checkoutbridge.api.spi.Preview preview = provider().preview(request());

    assertThat(preview.requests()).extracting(r -> r.method() + " " + r.path())
        .containsExactly("POST /token", "PUT /agent/payment-links");
    var body = tree(preview.requests().get(1).body());
    assertThat(body.path("success_url").asText()).contains("/payments/return/felloh");
    assertThat(body.path("failure_url").asText()).isEqualTo(body.path("success_url").asText());
    assertThat(body.path("cancel_url").asText()).isEqualTo(body.path("success_url").asText());
    assertThat(preview.rules()).anySatisfy(rule -> assertThat(rule).contains("redirected to https://pay.felloh.com/"));
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void stateIsReadFromTheLinksTransactions() throws Exception {
    server.enqueue(ok("payment-link-paid.json"));
    server.enqueue(ok("transaction-complete.json"));
    server.enqueue(ok("refunds-empty.json"));

    ProviderState state = provider().fetchState(FellohFixtures.payment(Map.of(FellohProvider.REF_PAYMENT_LINK, LINK_ID)));

    assertThat(state.authorization()).isEqualTo(AuthorizationState.AUTHORIZED);
    assertThat(state.merchantReference()).isEqualTo(LINK_ID);
    assertThat(state.amount()).isEqualTo(gbp("123.45"));
    assertThat(state.captured()).isEqualTo(gbp("123.45"));
    assertThat(state.providerPaymentId()).isEqualTo(TRANSACTION_ID);
    server.takeRequest();
    RecordedRequest link = server.takeRequest();
    assertThat(link.getMethod() + " " + path(link)).isEqualTo("GET /agent/payment-links/" + LINK_ID);
  }

  @Test
  void preAuthorisationFellohRefusesIsAConfigurationErrorThatSaysWhatToDo() {
    server.enqueue(json(422, "error-authorisation-only-refused.json"));

    assertThatThrownBy(() -> provider().start(context(request())))
        .isInstanceOf(PaymentException.class)
        .satisfies(e -> assertThat(((PaymentException) e).code()).isEqualTo(ErrorCode.CONFIGURATION))
        .hasMessageContaining("authorisation_only")
        .hasMessageContaining("account manager")
        .hasMessageContaining("checkout-bridge.felloh.authorisation-only=false");
    assertThat(server.getRequestCount()).as("not sent again").isEqualTo(2);
  }

  @Test
  void otherRefusalWithPreAuthorisationOnStaysTheRefusalItIs() {
    server.enqueue(json(422, "error-validation.json"));

    assertThatThrownBy(() -> provider().start(context(request())))
        .isInstanceOf(PaymentException.class)
        .satisfies(e -> assertThat(((PaymentException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining("email");
  }
}
