package io.checkoutbridge.provider.felloh;

import static io.checkoutbridge.provider.felloh.FellohFixtures.PRIVATE_KEY;
import static io.checkoutbridge.provider.felloh.FellohFixtures.request;
import static io.checkoutbridge.provider.felloh.FellohFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.spi.Preview;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FellohPreviewTest {
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
  void previewShowsTheSessionRequestStartWouldSendAndSendsNothing() throws Exception {
    Preview preview = FellohFixtures.provider(server).preview(request().withBookingId("9a33a74f"));

    assertThat(server.getRequestCount()).isZero();
    assertThat(preview.providerId()).isEqualTo("felloh");
    assertThat(preview.requests()).hasSize(2);
    Preview.Request token = preview.requests().get(0);
    assertThat(token.method()).isEqualTo("POST");
    assertThat(token.path()).isEqualTo("/token");
    assertThat(token.body()).doesNotContain(PRIVATE_KEY).doesNotContain("pk-public-123");
    Preview.Request create = preview.requests().get(1);
    assertThat(create.method()).isEqualTo("PUT");
    assertThat(create.path()).isEqualTo("/agent/ecommerce");
    assertThat(create.body()).as("compact, as sent").doesNotContain("\n").doesNotContain("\" : ");
    assertThat(tree(create.body())).isEqualTo(tree("""
        {"customer_name":"Tom Jones","email":"tom@felloh.org","organisation":"X9876",
         "amount":12345,"currency":"GBX","booking_id":"9a33a74f","open_banking_enabled":true,"card_enabled":true,
         "authorisation_only":true,"surcharging_enabled":false,"expires_at":"2026-03-31"}"""));
    assertThat(preview.rules())
        .anySatisfy(rule -> assertThat(rule).contains("no line items").contains("3 cart lines").contains("123.45 GBP"))
        .anySatisfy(rule -> assertThat(rule).contains("amount 12345").contains("GBX").contains("without rounding"))
        .anySatisfy(rule -> assertThat(rule).contains("authorisation_only is true"))
        .anySatisfy(rule -> assertThat(rule).contains("expires_at is 2026-03-31").contains("P30D"))
        .anySatisfy(rule -> assertThat(rule).contains("iframe https://pay.felloh.com/embed/{ecommerce id} (no query)"));
  }

  @Test
  void previewRefusesWhatStartWouldRefuse() {
    Address nameless = new Address(null, "1 Road", null, "Town", null, "AB1 2CD", "GB", null);
    Customer customer = new Customer(null, null, null, "x@example.com", null, null, nameless, null, null);

    assertThatThrownBy(() -> FellohFixtures.provider(server)
        .preview(CheckoutRequest.of("ORD-9", FellohFixtures.cart(), customer)))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("customer name");
  }

  @Test
  void bookingIdThatIsNotAnIdIsRefused() {
    assertThatThrownBy(() -> FellohFixtures.provider(server).validate(request().withBookingId("a b/c")))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("bookingId");
  }
}
