package io.checkoutbridge.sandbox.hokodo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.CallbackSender;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.MutableClock;
import io.checkoutbridge.sandbox.Sandbox;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.time.Duration;

/** A sandbox with the Hokodo simulator and the calls a merchant makes, for tests. */
final class HokodoFixture implements AutoCloseable {

  static final String V1 = "/hokodo/v1";
  static final String BASE_URL = "http://sandbox.test:8080/shop/sandbox";
  static final String ACME = "co-qKANPt8yzz8ycHHaxSHV6P";
  static final String REVIEW = "co-Rv5Gh2Jk8Lm3Np6Qs9TuWx";
  static final String DECLINED = "co-Dc4Fe7Hg2Jk5Lm8Np3QrSt";

  final MutableClock clock = MutableClock.startingNow();
  final Sandbox sandbox = Sandbox.builder()
      .clock(clock)
      .callbackSettings(new CallbackSender.Settings(3, Duration.ofMillis(50), Duration.ofSeconds(2), 2))
      .simulator(HokodoSimulator::new)
      .build();
  String notificationUrl = "https://shop.example/payments/callback/hokodo?pid=p1&seal=s";

  SandboxResponse call(SandboxRequest.Builder request) {
    return sandbox.handle(request.baseUrl(BASE_URL).build());
  }

  static SandboxRequest.Builder authed(String method, String path) {
    return SandboxRequest.builder(method, path).header("Authorization", "Token " + HokodoSimulator.API_KEY);
  }

  SandboxResponse post(String path, Object json) {
    return call(authed("POST", path).json(json));
  }

  SandboxResponse get(String path) {
    return call(authed("GET", path));
  }

  JsonNode ok(SandboxResponse response) {
    assertThat(response.status()).as(response.bodyText()).isBetween(200, 201);
    return response.bodyJson();
  }

  /** An organisation for {@code company} and a member user: {org id, user id}. */
  String[] buyer(String company) {
    ObjectNode org = Json.object().put("company", company).put("unique_id", "GB:x")
        .put("registered", "2024-05-01T08:00:00Z");
    String orgId = ok(post(V1 + "/organisations", org)).get("id").asText();
    ObjectNode user = Json.object().put("name", "Jane Buyer").put("email", "jane@acme.example")
        .put("registered", "2024-05-01T08:00:00Z");
    user.putArray("organisations").addObject().put("id", orgId).put("role", "member");
    String userId = ok(post(V1 + "/users", user)).get("id").asText();
    return new String[] {orgId, userId};
  }

  static ObjectNode address() {
    return Json.object().put("name", "Jane Buyer").put("address_line1", "1 High Street").put("city", "London")
        .put("postcode", "E2 8AA").put("country", "GB");
  }

  /** Seed 001's example order (items 6000, 300000, -50000, 111.93). */
  static ObjectNode seedOrder(String orgId, String userId) {
    ObjectNode order = Json.object();
    order.put("unique_id", "ORD-1001");
    ObjectNode customer = order.putObject("customer");
    customer.put("type", "registered").put("organisation", orgId).put("user", userId);
    customer.set("delivery_address", address());
    customer.set("invoice_address", address());
    order.put("status", "draft");
    order.put("currency", "GBP");
    order.put("total_amount", new java.math.BigDecimal("256111.93"));
    order.put("tax_amount", new java.math.BigDecimal("51222.386"));
    order.put("order_date", "2021-12-25");
    ArrayNode items = order.putArray("items");
    item(items, "1", "product", "5.00", "1200", "6000", "1200");
    item(items, "2", "product", "10.00", "30000", "300000", "60000");
    item(items, "3", "discount", "1.00", "-50000", "-50000", "-10000");
    item(items, "4", "shipping", "1.00", "111.93", "111.93", "22.386");
    return order;
  }

  /** A simple order of {@code total} minor units, one product line at 20 %. */
  static ObjectNode order(String orgId, String userId, long total) {
    ObjectNode order = seedOrder(orgId, userId);
    ArrayNode items = order.putArray("items");
    java.math.BigDecimal tax = java.math.BigDecimal.valueOf(total).multiply(java.math.BigDecimal.valueOf(20))
        .divide(java.math.BigDecimal.valueOf(100));
    item(items, "1", "product", "1.00", Long.toString(total), Long.toString(total), tax.toPlainString());
    order.put("total_amount", total);
    order.put("tax_amount", tax);
    return order;
  }

  static void item(ArrayNode items, String id, String type, String quantity, String unitPrice, String total,
      String tax) {
    items.addObject().put("item_id", id).put("type", type).put("description", "item " + id)
        .put("quantity", quantity).put("unit_price", new java.math.BigDecimal(unitPrice))
        .put("tax_rate", "20.00").put("total_amount", new java.math.BigDecimal(total))
        .put("tax_amount", new java.math.BigDecimal(tax));
  }

  /** Creates the order and its offer; the offer JSON. */
  JsonNode offer(ObjectNode order) {
    String orderId = ok(post(V1 + "/payment/orders", order)).get("id").asText();
    ObjectNode offer = Json.object().put("order", orderId).put("locale", "en-gb");
    offer.putObject("urls").put("success", "https://shop.example/return?pid=p1&outcome=success")
        .put("failure", "https://shop.example/return?pid=p1&outcome=failure")
        .put("cancel", "https://shop.example/return?pid=p1&outcome=cancel")
        .put("notification", notificationUrl);
    return ok(post(V1 + "/payment/offers", offer));
  }

  /** A fresh buyer of {@code company} with an order of {@code total} and its offer. */
  JsonNode offerFor(String company, long total) {
    String[] buyer = buyer(company);
    return offer(order(buyer[0], buyer[1], total));
  }

  /** Clicks a button on the plan page; the 303 response. */
  SandboxResponse pay(JsonNode offer, String action) {
    String url = offer.get("offered_payment_plans").get(0).get("payment_url").asText();
    SandboxResponse r = call(SandboxRequest.builder("POST", url.substring(url.indexOf("/hokodo/"))).form("action", action));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(303);
    return r;
  }

  /** The order's deferred payment id. */
  String deferredPaymentId(JsonNode offer) {
    return ok(get(V1 + "/payment/orders/" + offer.get("order").asText())).get("deferred_payment").asText();
  }

  /** An accepted deferred payment of {@code total}; its id. */
  String acceptedDeferredPayment(long total) {
    JsonNode offer = offerFor(ACME, total);
    pay(offer, "accept");
    return deferredPaymentId(offer);
  }

  SandboxResponse postSale(String id, String action, Object body, String key) {
    SandboxRequest.Builder r = authed("POST", V1 + "/payment/deferred_payments/" + id + "/" + action).json(body);
    if (key != null) {
      r.header("Idempotency-Key", key);
    }
    return call(r);
  }

  JsonNode deferredPayment(String id) {
    return ok(get(V1 + "/payment/deferred_payments/" + id));
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
