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
  private static final java.util.regex.Pattern TOLD =
      java.util.regex.Pattern.compile("stage:'(\\w+)',transactionID:'([0-9a-f-]+)'");

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
        .simulator(FellohSimulator::new)
        // This organisation has pre-authorisation enabled; tests that need it off say so.
        .setting(FellohSimulator.SETTING_PRE_AUTHORISATION, "true");
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

  /** Presses a button in the iframe of an ecommerce session; the page that tells the parent. */
  SandboxResponse pay(String sessionId, String action) {
    SandboxResponse r = call(SandboxRequest.builder("POST", "/felloh/embed/" + sessionId).form("action", action));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    return r;
  }

  /** What the iframe told its parent by postMessage: {@code [stage, transactionID]}. */
  static List<String> told(SandboxResponse page) {
    java.util.regex.Matcher m = TOLD.matcher(page.bodyText());
    assertThat(m.find()).as(page.bodyText()).isTrue();
    return List.of(m.group(1), m.group(2));
  }

  /** Pays and answers the new transaction's id. */
  String paid(String sessionId, String action) {
    return told(pay(sessionId, action)).get(1);
  }

  /** The refunds of a transaction, from every page of the organisation's list. */
  List<JsonNode> refundsOf(String txId) {
    List<JsonNode> mine = new java.util.ArrayList<>();
    for (int skip = 0; ; skip += 100) {
      JsonNode page = data(call(post("/agent/refunds",
          Json.object().put("organisation", FellohSimulator.ORGANISATION).put("skip", skip).put("take", 100))));
      page.forEach(r -> {
        if (r.path("transaction").path("id").asText().equals(txId)) {
          mine.add(r);
        }
      });
      if (page.size() < 100) {
        return mine;
      }
    }
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
