package io.checkoutbridge.sandbox.dintero;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.CallbackSender;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.MutableClock;
import io.checkoutbridge.sandbox.QueryStrings;
import io.checkoutbridge.sandbox.Sandbox;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A sandbox with the Dintero simulator and the calls a merchant makes, for tests. */
final class DinteroFixture implements AutoCloseable {

  static final String CHECKOUT = "/dintero/checkout/v1";
  static final String API = "/dintero/api/v1";
  static final String ACCOUNT = DinteroSimulator.ACCOUNT_ID;
  static final String BASE_URL = "http://sandbox.test:8080/shop/sandbox";

  final MutableClock clock = MutableClock.startingNow();
  final Sandbox sandbox;
  private String token;

  DinteroFixture() {
    this(b -> { });
  }

  DinteroFixture(Consumer<Sandbox.Builder> customize) {
    Sandbox.Builder builder = Sandbox.builder()
        .clock(clock)
        .callbackSettings(new CallbackSender.Settings(3, Duration.ofMillis(50),
            Duration.ofSeconds(2), 2))
        .simulator(DinteroSimulator::new);
    customize.accept(builder);
    sandbox = builder.build();
  }

  SandboxResponse call(SandboxRequest.Builder request) {
    return sandbox.handle(request.baseUrl(BASE_URL).build());
  }

  SandboxRequest.Builder get(String path) {
    return SandboxRequest.builder("GET", path).bearer(token());
  }

  SandboxRequest.Builder post(String path, Object json) {
    return SandboxRequest.builder("POST", path).bearer(token()).json(json);
  }

  String token() {
    if (token == null) {
      SandboxResponse r = call(SandboxRequest.builder("POST",
              API + "/accounts/" + ACCOUNT + "/auth/token")
          .basicAuth(DinteroSimulator.CLIENT_ID, DinteroSimulator.CLIENT_SECRET)
          .json(tokenBody(ACCOUNT)));
      assertThat(r.status()).isEqualTo(200);
      token = r.bodyJson().get("access_token").asText();
    }
    return token;
  }

  static ObjectNode tokenBody(String account) {
    ObjectNode body = Json.object();
    body.put("grant_type", "client_credentials");
    body.put("audience", "https://api.dintero.com/v1/accounts/" + account);
    return body;
  }

  /** A draft with two lines (NOK 398.00 chairs, NOK 100.00 shipping), completed; the order id. */
  String createOrder() {
    ObjectNode body = Json.object();
    body.putObject("options").put("generate_order_id", "ALPHANUMERIC_9");
    ObjectNode order = body.putObject("order");
    order.put("currency", "NOK");
    ArrayNode items = order.putArray("items");
    ObjectNode chair = items.addObject().put("id", "175938").put("line_id", 1).put("quantity", 2)
        .put("gross_amount", 39800).put("description", "Stablestol for utendørsbruk");
    chair.putArray("tax_lines").addObject().put("amount", 7960).put("percentage", 25);
    ObjectNode shipping = items.addObject().put("id", "shipping").put("line_id", 2)
        .put("quantity", 1).put("gross_amount", 10000).put("description", "Shipping");
    shipping.putArray("tax_lines").addObject().put("amount", 2000).put("percentage", 25);
    SandboxResponse draft = call(post(API + "/accounts/" + ACCOUNT + "/shopping/draft_orders",
        body));
    assertThat(draft.status()).as(draft.bodyText()).isEqualTo(200);
    SandboxResponse done = call(SandboxRequest.builder("PUT", API + "/accounts/" + ACCOUNT
        + "/shopping/draft_orders/" + draft.bodyJson().get("id").asText() + "/complete")
        .bearer(token()).json("{}"));
    assertThat(done.status()).as(done.bodyText()).isEqualTo(200);
    return done.bodyJson().get("orders").get(0).get("id").asText();
  }

  /** The session body of seed 002, two lines, total 49800 NOK. */
  static ObjectNode sessionBody(String merchantReference, String callbackUrl) {
    ObjectNode body = Json.object();
    body.put("profile_id", "default_profile");
    ObjectNode url = body.putObject("url");
    url.put("return_url", "https://shop.example/return?cart=42");
    if (callbackUrl != null) {
      url.put("callback_url", callbackUrl);
    }
    ObjectNode order = body.putObject("order");
    order.put("amount", 49800);
    order.put("currency", "NOK");
    order.put("merchant_reference", merchantReference);
    ArrayNode items = order.putArray("items");
    items.addObject().put("id", "175938").put("line_id", "1")
        .put("description", "Stablestol <for> utendørsbruk").put("quantity", 2)
        .put("amount", 39800).put("vat_amount", 7960).put("vat", 25);
    items.addObject().put("id", "shipping").put("line_id", "2").put("description", "Shipping")
        .put("quantity", 1).put("amount", 10000).put("vat_amount", 2000).put("vat", 25);
    return body;
  }

  String createSession(ObjectNode body) {
    SandboxResponse r = call(post(CHECKOUT + "/sessions-profile", body));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    return r.bodyJson().get("id").asText();
  }

  /** Clicks a button on the hosted page; returns the 303 response. */
  SandboxResponse pay(String sessionId, String action) {
    SandboxResponse r = call(SandboxRequest.builder("POST", "/dintero/pay/" + sessionId)
        .form("action", action));
    assertThat(r.status()).isEqualTo(303);
    return r;
  }

  /** Approves on the hosted page and returns the transaction id from the redirect. */
  String approve(String sessionId) {
    return query(pay(sessionId, "approve")).get("transaction_id").get(0);
  }

  /** Approves paying with {@code paymentProductType} (such as {@code vipps}); the transaction id. */
  String approve(String sessionId, String paymentProductType) {
    SandboxResponse r = call(SandboxRequest.builder("POST", "/dintero/pay/" + sessionId)
        .form("action", "approve", "payment_product_type", paymentProductType));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(303);
    return query(r).get("transaction_id").get(0);
  }

  /** An admin's form post in the back office ({@code capture|refund|void}, amount or null). */
  SandboxResponse backOffice(String txId, String action, Long amount) {
    SandboxRequest.Builder request = SandboxRequest.builder("POST",
        "/dintero/backoffice/transactions/" + txId + "/" + action);
    return call(amount == null ? request.form() : request.form("amount", String.valueOf(amount)));
  }

  /** A session for a fresh order, approved; the transaction id. */
  String authorizedTransaction() {
    return approve(createSession(sessionBody(createOrder(), null)));
  }

  JsonNode transaction(String id) {
    SandboxResponse r = call(get(CHECKOUT + "/transactions/" + id));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    return r.bodyJson();
  }

  SandboxResponse capture(String txId, Object body) {
    return call(post(CHECKOUT + "/transactions/" + txId + "/capture", body));
  }

  SandboxResponse refund(String txId, Object body) {
    return call(post(CHECKOUT + "/transactions/" + txId + "/refund", body));
  }

  static Map<String, List<String>> query(SandboxResponse redirect) {
    String location = redirect.header("Location").orElseThrow();
    return QueryStrings.parse(URI.create(location).getRawQuery());
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
