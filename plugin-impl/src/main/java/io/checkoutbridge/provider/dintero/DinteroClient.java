package io.checkoutbridge.provider.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import io.checkoutbridge.provider.support.TokenCache;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Dintero's HTTP calls. Thread-safe. Every call carries a bearer token from one {@link TokenCache};
 * a 401 answer invalidates it and the call is sent once more with a fresh token (a 401 means the
 * request was refused before anything happened, so this is safe even for captures). Nothing else
 * is ever retried here.
 */
final class DinteroClient {
  /** Response headers carrying Dintero's request id, in order of preference. */
  static final List<String> REQUEST_ID_HEADERS = List.of("request-id", "event-request-id");

  private static final Duration TOKEN_MARGIN = Duration.ofSeconds(30);
  private static final long DEFAULT_TOKEN_SECONDS = 300;
  private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

  private final DinteroSettings settings;
  private final JsonHttp http;
  private final TokenCache tokens;
  private final Clock clock;

  DinteroClient(DinteroSettings settings, OkHttpClient client, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.http = new JsonHttp(client, "Dintero", REQUEST_ID_HEADERS, DinteroClient::errorMessage);
    this.tokens = new TokenCache(this::fetchToken, clock, TOKEN_MARGIN);
  }

  // ---- Orders API (api-url) -------------------------------------------------------------------

  JsonResponse createDraftOrder(JsonNode body) throws PaymentException {
    return call("POST", api("shopping", "draft_orders"), body);
  }

  JsonResponse completeDraftOrder(String draftId) throws PaymentException {
    return call("PUT", api("shopping", "draft_orders", draftId, "complete"), JsonHttp.object());
  }

  /**
   * Records a payment fact on the order; {@code kind} is {@code authorizations}, {@code captures},
   * {@code refunds} or {@code cancellations} (the orders API reference: "Create a cancellation for
   * an order", {@code POST /accounts/{aid}/shopping/orders/{order_id}/cancellations}).
   */
  JsonResponse recordOnOrder(String orderId, String kind, JsonNode body) throws PaymentException {
    return call("POST", api("shopping", "orders", orderId, kind), body);
  }

  /** The records of one kind on an order ({@code GET …/orders/{id}/authorizations} and so on). */
  JsonResponse orderRecords(String orderId, String kind) throws PaymentException {
    return call("GET", api("shopping", "orders", orderId, kind), null);
  }

  // ---- Checkout API (checkout-url) --------------------------------------------------------------

  JsonResponse createSession(JsonNode body) throws PaymentException {
    return call("POST", checkout("sessions-profile"), body);
  }

  /** {@code GET /sessions/{id}}: the session, with its {@code expires_at} and {@code cancelled_at}. */
  JsonResponse session(String sessionId) throws PaymentException {
    return call("GET", checkout("sessions", sessionId), null);
  }

  /**
   * {@code POST /sessions/{id}/cancel} (the Payments spec: "Cancel a session. The session
   * transaction will be voided in case where it is initialized or authorized. Cancel is not allowed
   * in case where the current transaction state is not initialized or authorized."). Answers
   * whatever Dintero said; the caller decides.
   */
  JsonResponse cancelSession(String sessionId) throws PaymentException {
    return exchange("POST", checkout("sessions", sessionId, "cancel"), null);
  }

  JsonResponse transaction(String transactionId) throws PaymentException {
    return call("GET", checkout("transactions", transactionId), null);
  }

  /** The transactions whose merchant reference is {@code merchantReference} (newest first at Dintero). */
  JsonResponse transactionsFor(String merchantReference) throws PaymentException {
    HttpUrl url = checkout("transactions").newBuilder()
        .addQueryParameter("merchant_reference", merchantReference)
        .addQueryParameter("limit", "100")
        .build();
    return call("GET", url, null);
  }

  /**
   * Sends a capture, refund or void and returns the answer whatever its status (the caller decides).
   * The operation's key goes in {@code Idempotency-Key}: Dintero documents no idempotency for these
   * calls, so nothing relies on it (the adapter never sends an operation twice; an unknown outcome is
   * settled from the transaction's events), but it ties the request to the ledger's operation.
   */
  JsonResponse transactionOperation(String transactionId, String operation, JsonNode body, String idempotencyKey)
      throws PaymentException {
    return exchange("POST", checkout("transactions", transactionId, operation), body, idempotencyKey);
  }

  /** Turns an error answer into the SPI's exception. */
  PaymentException failure(String what, JsonResponse response) {
    return http.failure(what, response);
  }

  // ---- plumbing ---------------------------------------------------------------------------------

  private JsonResponse call(String method, HttpUrl url, JsonNode body) throws PaymentException {
    JsonResponse response = exchange(method, url, body);
    if (!response.successful()) {
      throw http.failure(method + " " + url.encodedPath(), response);
    }
    return response;
  }

  private JsonResponse exchange(String method, HttpUrl url, JsonNode body) throws PaymentException {
    return exchange(method, url, body, null);
  }

  private JsonResponse exchange(String method, HttpUrl url, JsonNode body, String idempotencyKey)
      throws PaymentException {
    JsonResponse response = http.send(request(method, url, body, tokens.get(), idempotencyKey));
    if (response.status() == 401) {
      tokens.invalidate();
      response = http.send(request(method, url, body, tokens.get(), idempotencyKey));
    }
    return response;
  }

  private Request request(String method, HttpUrl url, JsonNode body, String token, String idempotencyKey) {
    RequestBody payload = body == null ? ("GET".equals(method) ? null : EMPTY) : DinteroRequests.body(body);
    Request.Builder request = new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .header("Dintero-System-Name", "checkout-bridge")
        .method(method, payload);
    if (idempotencyKey != null) {
      request.header("Idempotency-Key", idempotencyKey);
    }
    return request.build();
  }

  /** A token request of its own, outside the cache: the self-test's proof that the client is accepted. */
  String checkCredentials() throws PaymentException {
    fetchToken();
    return "POST " + api("auth", "token").encodedPath();
  }

  private TokenCache.Token fetchToken() throws PaymentException {
    HttpUrl url = api("auth", "token");
    Request request = new Request.Builder()
        .url(url)
        .header("Authorization", Credentials.basic(settings.clientId(), settings.clientSecret()))
        .header("Accept", "application/json")
        .post(DinteroRequests.body(DinteroRequests.token(settings)))
        .build();
    JsonResponse response = http.call(request);
    JsonNode token = response.body().path("access_token");
    if (!token.isTextual() || token.asText().isBlank()) {
      throw new AuthenticationException("Dintero answered the token request without an access token",
          response.requestId(), null);
    }
    long seconds = response.body().path("expires_in").asLong(DEFAULT_TOKEN_SECONDS);
    return new TokenCache.Token(token.asText(), clock.instant().plusSeconds(seconds));
  }

  /** {@code {api-url}/accounts/{aid}/...}. */
  private HttpUrl api(String... segments) {
    HttpUrl.Builder url = HttpUrl.get(settings.apiUrl().toString()).newBuilder()
        .addPathSegment("accounts").addPathSegment(settings.accountId());
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.build();
  }

  private HttpUrl checkout(String... segments) {
    HttpUrl.Builder url = HttpUrl.get(settings.checkoutUrl().toString()).newBuilder();
    for (String segment : segments) {
      url.addPathSegment(segment);
    }
    return url.build();
  }

  /**
   * Dintero's {@code {"error":{"code","message","errors":[…]}}} as one short line, naming the
   * fields that nested validation errors point at.
   */
  static String errorMessage(JsonResponse response) {
    JsonNode error = response.body().path("error");
    if (error.isTextual()) {
      return error.asText();
    }
    List<String> parts = new ArrayList<>();
    String message = error.path("message").asText("");
    String code = error.path("code").asText("");
    if (!message.isEmpty()) {
      parts.add(message);
    }
    if (!code.isEmpty()) {
      parts.add("(" + code + ")");
    }
    List<String> details = new ArrayList<>();
    for (JsonNode nested : error.path("errors")) {
      String field = firstText(nested, "field", "path", "dataPath", "instancePath", "property");
      String text = firstText(nested, "message", "error");
      if (field != null || text != null) {
        details.add((field == null ? "" : field + ": ") + (text == null ? "invalid" : text));
      }
    }
    if (!details.isEmpty()) {
      parts.add("[" + String.join("; ", details) + "]");
    }
    if (parts.isEmpty()) {
      String text = response.text();
      return text == null || text.isBlank() ? null : text.substring(0, Math.min(200, text.length()));
    }
    return String.join(" ", parts);
  }

  private static String firstText(JsonNode node, String... names) {
    for (String name : names) {
      JsonNode value = node.path(name);
      if (value.isValueNode() && !value.asText().isBlank()) {
        return value.asText();
      }
    }
    return null;
  }
}
