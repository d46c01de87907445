package io.checkoutbridge.sandbox.kibo;

import static io.checkoutbridge.sandbox.kibo.KiboFixture.orderBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Create-order, order search and order read, checked against Kibo's own sources (the table of the
 * package documentation), not against the adapter.
 */
class KiboCreateOrderTest {
  private final KiboFixture f = new KiboFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private static void assertKiboError(SandboxResponse r, int code, String field, String message) {
    assertThat(r.status()).as(r.bodyText()).isEqualTo(400);
    assertThat(r.bodyJson().get("statusCode").asInt()).as(r.bodyText()).isEqualTo(code);
    assertThat(r.bodyJson().get("field").asText()).isEqualTo(field);
    assertThat(r.bodyJson().get("message").asText()).contains(message);
  }

  /**
   * The create-order body of a WooCommerce plugin written against Kibo's {@code
   * /api/v2/createOrder/} (public code found by searching for {@code itemSpecifics} with {@code
   * orderPayments}), with its image URLs and most custom data left out, the sandbox's
   * manufacturer, and the sandbox's authorisation token.
   */
  private static ObjectNode publicExample() throws IOException {
    try (InputStream in = KiboCreateOrderTest.class.getResourceAsStream("/kibo/create-order-public-example.json")) {
      return (ObjectNode) new ObjectMapper().readTree(in);
    }
  }

  @Test
  void thePublicCreateOrderExampleIsAcceptedForAnAuthorisationOfItsAmount() throws Exception {
    JsonNode auth = f.authorize(KiboFixture.authorizeBody("cart-1", KiboFixture.CARD, "8.55")).bodyJson();
    ObjectNode body = publicExample();
    ((ObjectNode) body.get("orderPayments").get(0)).put("authorizationID", auth.get("authToken").asText());

    SandboxResponse r = f.createOrder(body);

    assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
    assertThat(r.bodyJson().get("orderStatus").asText()).isEqualTo("READY");
    assertThat(f.simulator().orders()).singleElement().satisfies(o -> {
      assertThat(o.total()).isEqualByComparingTo("8.55");
      assertThat(o.testOrder()).isTrue();
    });
  }

  @Test
  void theOldBodyIsRefusedWithKibosErrorsNamingEveryField() {
    String token = f.authorized("cart-1").get("authToken").asText();

    SandboxResponse r = f.createOrder(KiboFixture.oldOrderBody("ORD-1", token));

    assertThat(r.status()).as(r.bodyText()).isEqualTo(400);
    assertThat(r.bodyJson().get("requestID").asText()).isNotBlank();
    assertThat(r.bodyJson().get("errors")).extracting(e -> e.get("field").asText()).contains(
        "customerIP", "orderItems[0].product", "orderItems[0].itemSpecifics", "shippingMethod", "authorizationID",
        "orderPayments");
    assertThat(f.simulator().orders()).isEmpty();
  }

  @Test
  void orderCarryingTheAuthorizationIsCreatedReadyWithTheReservedOrderId() {
    JsonNode auth = f.authorized("cart-1");

    SandboxResponse r = f.createOrder(orderBody("ORD-1", auth.get("authToken").asText()));

    assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
    assertThat(r.bodyJson().get("orderID").asText()).isEqualTo(auth.get("orderID").asText());
    assertThat(r.bodyJson().get("externalOrderID").asText()).isEqualTo("ORD-1");
    assertThat(r.bodyJson().get("orderStatus").asText()).isEqualTo("READY");
    assertThat(f.simulator().orders()).singleElement().satisfies(o -> {
      assertThat(o.total()).isEqualByComparingTo("42.50");
      assertThat(o.items()).isEqualTo(2);
      assertThat(o.paymentType()).isEqualTo("CC");
      assertThat(o.lastFour()).isEqualTo("1111");
      assertThat(o.testOrder()).isTrue();
    });
  }

  @Test
  void pathWorksWithAndWithoutTrailingSlash() {
    JsonNode auth = f.authorized("cart-1");

    SandboxResponse r = f.call(f.post("/kibo/api/v2/createOrder", orderBody("ORD-1", auth.get("authToken").asText())));

    assertThat(r.status()).isEqualTo(201);
  }

  @Test
  void unknownAuthorizationIsAnInvalidId() {
    assertKiboError(f.createOrder(orderBody("ORD-1", "auth-unknown")), 5013, "orderPayments[0].authorizationID",
        "not a known");
  }

  @Test
  void anAuthorizationIsUsedForOneOrderOnly() {
    String token = f.authorized("cart-1").get("authToken").asText();
    assertThat(f.createOrder(orderBody("ORD-1", token)).status()).isEqualTo(201);

    assertKiboError(f.createOrder(orderBody("ORD-2", token)), 5015, "orderPayments[0].authorizationID",
        "already used for order");
  }

  @Test
  void itemsWithTheirShippingAndTaxMustAddUpToTheAuthorizedAmount() {
    String token = f.authorized("cart-1").get("authToken").asText();
    ObjectNode body = orderBody("ORD-1", token);
    ((ObjectNode) body.get("orderItems").get(1).get("itemSpecifics")).put("shippingTax", new BigDecimal("0.01"));

    assertKiboError(f.createOrder(body), 5015, "orderItems", "add up to 42.51");
  }

  @Test
  void authAmountMustBeTheAuthorizedAmount() {
    String token = f.authorized("cart-1").get("authToken").asText();
    ObjectNode body = orderBody("ORD-1", token);
    ((ObjectNode) body.get("orderPayments").get(0)).put("authAmount", new BigDecimal("40.00"));

    assertKiboError(f.createOrder(body), 5015, "orderPayments[0].authAmount", "differs from the authorized 42.50");
  }

  @Test
  void itemsAreCheckedOneByOne() {
    String token = f.authorized("cart-1").get("authToken").asText();
    ObjectNode body = orderBody("ORD-1", token);
    ArrayNode items = (ArrayNode) body.get("orderItems");
    ((ObjectNode) items.get(0).get("itemSpecifics")).put("quantity", 0);
    ((ObjectNode) items.get(1).get("itemSpecifics")).put("actualPrice", new BigDecimal("-1.00"));
    ((ObjectNode) items.get(1).get("product")).remove("name");

    SandboxResponse r = f.createOrder(body);

    assertThat(r.bodyJson().get("errors")).extracting(e -> e.get("field").asText()).containsExactly(
        "orderItems[0].itemSpecifics.quantity", "orderItems[1].product.name", "orderItems[1].itemSpecifics.actualPrice");
  }

  @Test
  void externalOrderIdIsUniquePerManufacturer() {
    assertThat(f.createOrder(orderBody("ORD-1", f.authorized("cart-1").get("authToken").asText())).status())
        .isEqualTo(201);

    assertKiboError(f.createOrder(orderBody("ORD-1", f.authorized("cart-2").get("authToken").asText())), 5015,
        "externalOrderID", "already used by order");
  }

  @Test
  void currencyMustMatchTheAuthorization() {
    ObjectNode body = orderBody("ORD-1", f.authorized("cart-1").get("authToken").asText()).put("currency", "EUR");

    assertThat(f.createOrder(body).bodyJson().get("statusCode").asInt()).isEqualTo(5012);
  }

  @Test
  void shippingMethodMustBeAnObjectAndCustomerIpAnAddress() {
    ObjectNode body = orderBody("ORD-1", f.authorized("cart-1").get("authToken").asText());
    body.put("shippingMethod", "STANDARD");
    body.put("customerIP", "shop.example");

    SandboxResponse r = f.createOrder(body);

    assertThat(r.bodyJson().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("customerIP", "shippingMethod");
  }

  @Test
  void orderSearchFindsAnOrderByItsExternalOrderIdAndOrderReadShowsIt() {
    String orderId = f.createOrder(orderBody("ORD-1", f.authorized("cart-1").get("authToken").asText()))
        .bodyJson().get("orderID").asText();

    SandboxResponse found = f.call(SandboxRequest.builder("GET", "/kibo/api/v2/order/").bearer(f.token())
        .header("API-Key", KiboSimulator.API_KEY).query("manufacturerID", "1010").query("externalOrderID", "ORD-1"));
    SandboxResponse none = f.call(SandboxRequest.builder("GET", "/kibo/api/v2/order/").bearer(f.token())
        .header("API-Key", KiboSimulator.API_KEY).query("manufacturerID", "1010").query("externalOrderID", "ORD-2"));
    SandboxResponse read = f.call(SandboxRequest.builder("GET", "/kibo/api/v2/order/" + orderId).bearer(f.token())
        .header("API-Key", KiboSimulator.API_KEY));

    assertThat(found.status()).as(found.bodyText()).isEqualTo(200);
    assertThat(found.bodyJson().get("totalCount").asInt()).isEqualTo(1);
    assertThat(found.bodyJson().get("collection").get(0).get("orderID").asText()).isEqualTo(orderId);
    assertThat(none.bodyJson().get("totalCount").asInt()).isZero();
    assertThat(read.bodyJson().get("orderStatus").asText()).isEqualTo("READY");
    assertThat(read.bodyJson().get("orderPayments").get(0).get("paymentStatus").asText()).isEqualTo("AUTHORIZED");
  }

  @Test
  void createOrderNeedsBothAuthHeaders() {
    SandboxResponse r = f.call(SandboxRequest.builder("POST", KiboFixture.CREATE_ORDER).bearer(f.token())
        .json(orderBody("ORD-1", "x")));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyJson().get("statusCode").asInt()).isEqualTo(5004);
  }
}
