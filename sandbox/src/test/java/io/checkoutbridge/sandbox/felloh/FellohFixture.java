package io.checkoutbridge.sandbox.felloh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** A sandbox with the Felloh simulator and the calls an agent makes, for tests. */
final class FellohFixture implements AutoCloseable {
  static final String BASE_URL = "http://sandbox.test:8080/shop/sandbox";
  static final String RETURN_URL = "https://shop.example/payments/return/felloh?pid=p-1&seal=abc";

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
  final Sandbox sandbox;
  private String token;
  private long tokenExpiry;

  FellohFixture() {
    this(b -> { });
  }

  FellohFixture(Consumer<Sandbox.Builder> customize) {
    Sandbox.Builder builder = Sandbox.builder()
        .clock(clock)
        .callbackSettings(new CallbackSender.Settings(3, Duration.ofMillis(50), Duration.ofSeconds(2), 2))
        .simulator(FellohSimulator::new);
    customize.accept(builder);
    sandbox = builder.build();
  }

  SandboxResponse call(SandboxRequest.Builder request) {
    return sandbox.handle(request.baseUrl(BASE_URL).build());
  }

  SandboxRequest.Builder get(String path) {
    return SandboxRequest.builder("GET", "/felloh" + path).bearer(token());
  }

  SandboxRequest.Builder post(String path, Object json) {
    return SandboxRequest.builder("POST", "/felloh" + path).bearer(token()).json(json);
  }

  SandboxRequest.Builder put(String path, Object json) {
    return SandboxRequest.builder("PUT", "/felloh" + path).bearer(token()).json(json);
  }

  SandboxRequest.Builder delete(String path) {
    return SandboxRequest.builder("DELETE", "/felloh" + path).bearer(token());
  }

  String token() {
    // like a client that renews its token when the clock has passed its expiry
    if (token == null || clock.instant().getEpochSecond() >= tokenExpiry) {
      SandboxResponse r = sandbox.handle(SandboxRequest.builder("POST", "/felloh/token")
          .json(keys(FellohSimulator.PUBLIC_KEY, FellohSimulator.PRIVATE_KEY)).baseUrl(BASE_URL).build());
      assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
      token = r.bodyJson().path("data").path("token").asText();
      tokenExpiry = r.bodyJson().path("data").path("expiry_time").asLong();
    }
    return token;
  }

  static ObjectNode keys(String publicKey, String privateKey) {
    return Json.object().put("public_key", publicKey).put("private_key", privateKey);
  }

  /** The create body of seed 003, as the adapter sends it. */
  static ObjectNode sessionBody(long amount, boolean authorisationOnly) {
    ObjectNode body = Json.object();
    body.put("customer_name", "Tom Brady");
    body.put("email", "tom@felloh.com");
    body.put("organisation", FellohSimulator.ORGANISATION);
    body.put("amount", amount);
    body.put("currency", "GBX");
    body.put("open_banking_enabled", true);
    body.put("card_enabled", true);
    body.put("authorisation_only", authorisationOnly);
    body.put("surcharging_enabled", false);
    return body;
  }

  String createSession(ObjectNode body) {
    SandboxResponse r = call(put("/agent/ecommerce", body));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    return r.bodyJson().path("data").path("id").asText();
  }

  JsonNode data(SandboxResponse r) {
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    return r.bodyJson().path("data");
  }

  JsonNode session(String id) {
    return data(call(get("/agent/ecommerce/" + id)));
  }

  JsonNode transaction(String id) {
    return data(call(get("/agent/transactions/" + id)));
  }

  /** Presses a button on the hosted page, coming from the shop's return URL; the 303 answer. */
  SandboxResponse pay(String sessionId, String action) {
    SandboxResponse r = call(SandboxRequest.builder("POST", "/felloh/embed/" + sessionId)
        .query("return_url", RETURN_URL).form("action", action));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(303);
    return r;
  }

  /** Pays and answers the new transaction's id. */
  String paid(String sessionId, String action) {
    return query(pay(sessionId, action)).get("transaction_id").get(0);
  }

  SandboxResponse refund(String txId, long amount) {
    return call(post("/agent/transactions/" + txId + "/refund",
        Json.object().put("amount", amount).put("description", "Customer changed plans")));
  }

  SandboxResponse settings(ObjectNode body) {
    return call(SandboxRequest.builder("POST", "/felloh/_settings").json(body));
  }

  static Map<String, List<String>> query(SandboxResponse redirect) {
    return QueryStrings.parse(URI.create(redirect.header("Location").orElseThrow()).getRawQuery());
  }

  @Override
  public void close() {
    sandbox.close();
  }
}
