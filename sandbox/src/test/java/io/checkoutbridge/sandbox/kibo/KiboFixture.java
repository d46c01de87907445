package io.checkoutbridge.sandbox.kibo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.MutableClock;
import io.checkoutbridge.sandbox.Sandbox;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.time.Instant;
import java.util.function.Consumer;

/** A sandbox with the Kibo simulator and the calls a merchant makes, for tests. */
final class KiboFixture implements AutoCloseable {

  static final String TOKEN_PATH = "/kibo/oauthserver/oauth2/token";
  static final String AUTHORIZE = "/kibo/api/v2/createOrder/authorize";
  static final String CREATE_ORDER = "/kibo/api/v2/createOrder/";
  static final String BASE_URL = "http://sandbox.test:8080/shop/sandbox";
  static final String CARD = "4111111111111111";

  final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
  final Sandbox sandbox;
  private String token;

  KiboFixture() {
    this(b -> { });
  }

  KiboFixture(Consumer<Sandbox.Builder> customize) {
    Sandbox.Builder builder = Sandbox.builder().clock(clock).simulator(KiboSimulator::new);
    customize.accept(builder);
    sandbox = builder.build();
  }

  KiboSimulator simulator() {
    return sandbox.simulator(KiboSimulator.ID, KiboSimulator.class);
  }

  SandboxResponse call(SandboxRequest.Builder request) {
    return sandbox.handle(request.baseUrl(BASE_URL).build());
  }

  SandboxResponse tokenCall(String apiKey, String secret) {
    return call(SandboxRequest.builder("POST", TOKEN_PATH).basicAuth(apiKey, secret)
        .header("Accept", "application/json").form("grant_type", "client_credentials"));
  }

  String token() {
    if (token == null) {
      SandboxResponse r = tokenCall(KiboSimulator.API_KEY, KiboSimulator.SECRET_KEY);
      assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
      token = r.bodyJson().get("access_token").asText();
    }
    return token;
  }

  SandboxRequest.Builder post(String path, Object json) {
    return SandboxRequest.builder("POST", path).bearer(token()).header("API-Key", KiboSimulator.API_KEY).json(json);
  }

  SandboxResponse authorize(JsonNode body) {
    return call(post(AUTHORIZE, body));
  }

  SandboxResponse createOrder(JsonNode body) {
    return call(post(CREATE_ORDER, body));
  }

  static ObjectNode address(String first, String last, String line1, String city, String postal) {
    ObjectNode a = Json.object();
    a.put("firstName", first).put("lastName", last).put("addressLine1", line1).put("phone", "4691111111")
        .put("city", city).put("state", "CA").put("postalCode", postal).put("countryCode", "US");
    return a;
  }

  static ObjectNode customer() {
    return Json.object().put("firstName", "John").put("lastName", "Smith").put("email", "John.Smith@example.com")
        .put("phone1", "4691111111");
  }

  /** Seed 004's example request with a given cart id, card and amount (USD). */
  static ObjectNode authorizeBody(String cartId, String card, String amount) {
    ObjectNode body = Json.object();
    body.put("externalCartID", cartId);
    body.put("manufacturerID", KiboSimulator.MANUFACTURER_ID);
    body.put("catalogID", 0);
    body.put("currency", "USD");
    body.put("locale", "en-US");
    ObjectNode customer = customer();
    customer.putNull("password").putNull("active").putNull("accountCreated");
    body.set("customer", customer);
    ObjectNode method = body.putObject("paymentMethod");
    method.set("billingAddress", address("John", "Smith", "111 Example St", "San Luis Obispo", "93401"));
    method.put("paymentType", "CC").put("cardIssuer", "VI").putNull("noOperationType").put("cardNumber", card)
        .put("cardExpiration", "10-2030").put("cardSecurityCode", "123").putNull("payPalToken")
        .putNull("paymentMethodToken").putNull("authToken");
    body.put("amount", new java.math.BigDecimal(amount));
    body.put("testOrder", true);
    body.set("shippingAddress", address("Alan", "Gudiel", "222 Test Example Dr", "Petaluma", "94954"));
    return body;
  }

  /**
   * A create-order body in the documented shape for an authorisation of 42.50 USD: two items,
   * 30.00 + 3 × 2.50 + 5.00 shipping on the first.
   */
  static ObjectNode orderBody(String externalOrderId, String authorizationId) {
    ObjectNode body = Json.object();
    body.put("externalOrderID", externalOrderId);
    body.put("manufacturerID", KiboSimulator.MANUFACTURER_ID);
    body.put("catalogID", 0);
    body.put("locale", "en-US");
    body.put("currency", "USD");
    body.put("customerIP", "203.0.113.7");
    body.set("customer", customer());
    ArrayNode items = body.putArray("orderItems");
    item(items, "1", 1, "30.00", "5.00");
    item(items, "2", 3, "2.50", "0.00");
    body.put("forceItemTaxOverride", true);
    ObjectNode payment = body.putArray("orderPayments").addObject();
    ObjectNode method = payment.putObject("paymentMethod");
    method.set("billingAddress", address("John", "Smith", "111 Example St", "San Luis Obispo", "93401"));
    method.put("paymentType", "CC").put("cardIssuer", "VI").put("ccLastFour", "1111").put("cardExpiration", "10-2030");
    payment.put("transactionID", "cart-1");
    payment.put("authorizationID", authorizationId);
    payment.put("authAmount", new java.math.BigDecimal("42.50"));
    body.putObject("shippingMethod").put("shipType", "STANDARD").put("deliveryMethod", "SHIP_TO_HOME");
    body.set("shippingAddress", address("Alan", "Gudiel", "222 Test Example Dr", "Petaluma", "94954"));
    body.put("allowSplit", false);
    body.put("isTestOrder", true);
    return body;
  }

  /** Appends {@code {product, itemSpecifics}} without tax. */
  static ObjectNode item(ArrayNode items, String id, long quantity, String price, String shipping) {
    ObjectNode item = items.addObject();
    item.putObject("product").put("productID", "SKU-" + id).put("partNumber", "SKU-" + id).put("name", "Item " + id)
        .put("retailPrice", new java.math.BigDecimal(price)).put("offerPrice", new java.math.BigDecimal(price));
    item.putObject("itemSpecifics").put("externalItemID", id).put("quantity", quantity)
        .put("actualPrice", new java.math.BigDecimal(price)).put("shipping", new java.math.BigDecimal(shipping))
        .put("shippingTax", java.math.BigDecimal.ZERO.setScale(2)).put("itemTaxOverride",
            java.math.BigDecimal.ZERO.setScale(2));
    return item;
  }

  /** The body create-order had before it followed Kibo's documentation, which Kibo would refuse. */
  static ObjectNode oldOrderBody(String externalOrderId, String authorizationId) {
    ObjectNode body = Json.object();
    body.put("externalOrderID", externalOrderId);
    body.put("manufacturerID", KiboSimulator.MANUFACTURER_ID);
    body.put("catalogID", 0);
    body.put("locale", "en-US");
    body.put("currency", "USD");
    body.set("customer", customer());
    ArrayNode items = body.putArray("orderItems");
    items.addObject().put("externalLineID", "1").put("itemType", "PRODUCT").put("sku", "SKU-1").put("name", "Shoes")
        .put("quantity", 1).put("unitPrice", new java.math.BigDecimal("37.50"))
        .put("totalPrice", new java.math.BigDecimal("37.50")).put("taxRate", 0);
    items.addObject().put("externalLineID", "ship").put("itemType", "SHIPPING").put("sku", "").put("name", "Shipping")
        .put("quantity", 1).put("unitPrice", new java.math.BigDecimal("5.00"))
        .put("totalPrice", new java.math.BigDecimal("5.00")).put("taxRate", 0);
    body.put("shippingMethod", "STANDARD");
    body.set("shippingAddress", address("Alan", "Gudiel", "222 Test Example Dr", "Petaluma", "94954"));
    body.put("authorizationID", authorizationId);
    return body;
  }

  /** An authorisation of 42.50 USD for a fresh cart; its answer. */
  JsonNode authorized(String cartId) {
    SandboxResponse r = authorize(authorizeBody(cartId, CARD, "42.50"));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    return r.bodyJson();
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
