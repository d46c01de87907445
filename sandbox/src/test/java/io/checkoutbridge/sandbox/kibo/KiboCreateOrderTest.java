package io.checkoutbridge.sandbox.kibo;

import static io.checkoutbridge.sandbox.kibo.KiboFixture.orderBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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

  @Test
  void orderCarryingTheAuthorizationIsCreatedWithTheReservedOrderId() {
    JsonNode auth = f.authorized("cart-1");

    SandboxResponse r = f.createOrder(orderBody("ORD-1", auth.get("authToken").asText()));

    assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
    assertThat(r.bodyJson().get("orderID").asText()).isEqualTo(auth.get("orderID").asText());
    assertThat(r.bodyJson().get("externalOrderID").asText()).isEqualTo("ORD-1");
    assertThat(r.bodyJson().get("orderStatus").asText()).isEqualTo("OPEN");
    assertThat(f.simulator().orders()).singleElement().satisfies(o -> {
      assertThat(o.total()).isEqualByComparingTo("42.50");
      assertThat(o.items()).isEqualTo(3);
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
  void authorizationIsRequired() {
    ObjectNode body = orderBody("ORD-1", "x");
    body.remove("authorizationID");

    assertKiboError(f.createOrder(body), 5011, "authorizationID", "is required");
  }

  @Test
  void unknownAuthorizationIsAnInvalidId() {
    assertKiboError(f.createOrder(orderBody("ORD-1", "auth-unknown")), 5013, "authorizationID", "not a known");
  }

  @Test
  void anAuthorizationIsUsedForOneOrderOnly() {
    String token = f.authorized("cart-1").get("authToken").asText();
    assertThat(f.createOrder(orderBody("ORD-1", token)).status()).isEqualTo(201);

    assertKiboError(f.createOrder(orderBody("ORD-2", token)), 5015, "authorizationID", "already used for order");
    assertThat(f.simulator().orders()).hasSize(1);
  }

  @Test
  void splitOrderIsRefused() {
    String token = f.authorized("cart-1").get("authToken").asText();
    ObjectNode body = orderBody("ORD-1", token);
    ((ObjectNode) body.get("orderItems").get(1)).put("supplierID", "acme");

    assertKiboError(f.createOrder(body), 5015, "orderItems", "Split orders are not supported");
    assertThat(f.simulator().orders()).isEmpty();
    // the authorization is still unused
    assertThat(f.createOrder(orderBody("ORD-1", token)).status()).isEqualTo(201);
  }

  @Test
  void oneSupplierForEveryProductIsOneOrder() {
    String token = f.authorized("cart-1").get("authToken").asText();
    ObjectNode body = orderBody("ORD-1", token);
    ((ObjectNode) body.get("orderItems").get(0)).put("supplierID", "acme");
    ((ObjectNode) body.get("orderItems").get(1)).put("supplierID", "acme");

    assertThat(f.createOrder(body).status()).isEqualTo(201);
  }

  @Test
  void itemsMustAddUpToTheAuthorizedAmount() {
    String token = f.authorized("cart-1").get("authToken").asText();
    ObjectNode body = orderBody("ORD-1", token);
    KiboFixture.item((ArrayNode) body.get("orderItems"), "extra", "FEE", 1, "0.01");

    assertKiboError(f.createOrder(body), 5015, "orderItems", "add up to 42.51 but the authorization is for 42.50");
  }

  @Test
  void discountsAreNegativeItems() {
    String token = f.authorized("cart-1").get("authToken").asText();
    ObjectNode body = orderBody("ORD-1", token);
    ArrayNode items = (ArrayNode) body.get("orderItems");
    ((ObjectNode) items.get(2)).put("unitPrice", new BigDecimal("7.50")).put("totalPrice", new BigDecimal("7.50"));
    KiboFixture.item(items, "promo", "DISCOUNT", 1, "-2.50");

    assertThat(f.createOrder(body).status()).isEqualTo(201);
  }

  @Test
  void itemTotalMustBeQuantityTimesUnitPrice() {
    String token = f.authorized("cart-1").get("authToken").asText();
    ObjectNode body = orderBody("ORD-1", token);
    ((ObjectNode) body.get("orderItems").get(1)).put("unitPrice", new BigDecimal("2.49"));

    assertKiboError(f.createOrder(body), 5015, "orderItems[1].totalPrice", "quantity × unitPrice");
  }

  @Test
  void itemsAreCheckedOneByOne() {
    String token = f.authorized("cart-1").get("authToken").asText();
    ObjectNode body = orderBody("ORD-1", token);
    ((ObjectNode) body.get("orderItems").get(0)).put("quantity", 1.5);
    ((ObjectNode) body.get("orderItems").get(2)).put("itemType", "TIP");

    SandboxResponse r = f.createOrder(body);

    assertThat(r.bodyJson().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("orderItems[0].quantity", "orderItems[2].itemType");
  }

  @Test
  void externalOrderIdIsUniquePerManufacturer() {
    assertThat(f.createOrder(orderBody("ORD-1", f.authorized("cart-1").get("authToken").asText())).status())
        .isEqualTo(201);

    assertKiboError(f.createOrder(orderBody("ORD-1", f.authorized("cart-2").get("authToken").asText())), 5015,
        "externalOrderID", "already used");
  }

  @Test
  void currencyMustMatchTheAuthorization() {
    ObjectNode body = orderBody("ORD-1", f.authorized("cart-1").get("authToken").asText()).put("currency", "EUR");

    assertKiboError(f.createOrder(body), 5012, "authorizationID", "must match the authorization");
  }

  @Test
  void shippingMethodAndAddressAreRequired() {
    ObjectNode body = orderBody("ORD-1", f.authorized("cart-1").get("authToken").asText());
    body.remove(java.util.List.of("shippingMethod", "shippingAddress"));

    SandboxResponse r = f.createOrder(body);

    assertThat(r.bodyJson().get("errors")).extracting(e -> e.get("field").asText())
        .containsExactly("shippingMethod", "shippingAddress");
  }

  @Test
  void createOrderNeedsBothAuthHeaders() {
    SandboxResponse r = f.call(SandboxRequest.builder("POST", KiboFixture.CREATE_ORDER).bearer(f.token())
        .json(orderBody("ORD-1", "x")));

    assertThat(r.status()).isEqualTo(403);
    assertThat(r.bodyJson().get("statusCode").asInt()).isEqualTo(5004);
  }
}
