package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import io.checkoutbridge.provider.support.TokenCache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Felloh's HTTP API: one method per endpoint, each answering the envelope
 * {@code {data, errors[], meta{request_id, ...}}}. Thread-safe.
 *
 * <p>Every call carries a bearer token from {@code POST /token}, cached until 60 seconds before
 * its {@code expiry_time}. A 401 on a call that moves no money, or whose repetition is harmless
 * (reads, session creation, {@code complete} and {@code reverse}, which Felloh did not perform when
 * it refused the token), is sent once more with a fresh token. A refund is never sent twice: after a
 * 401 the token is dropped and the caller is told, so the next attempt starts with a fresh one.
 * Nothing is retried after a timeout or a 5xx.
 */
final class FellohClient {
  /** Refresh tokens this long before Felloh says they expire. */
  static final Duration TOKEN_MARGIN = Duration.ofSeconds(60);
  /** Used when a token answer carries no expiry: short enough to do no harm. */
  static final Duration TOKEN_FALLBACK_LIFETIME = Duration.ofMinutes(5);

  private final FellohSettings settings;
  private final JsonHttp http;
  private final HttpUrl base;
  private final TokenCache tokens;
  private final Clock clock;

  FellohClient(FellohSettings settings, OkHttpClient client, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.http = new JsonHttp(client, "Felloh", List.of(), FellohClient::errorMessage);
    this.base = HttpUrl.get(settings.baseUrl().toString());
    this.tokens = new TokenCache(this::fetchToken, clock, TOKEN_MARGIN);
  }

  /** {@code PUT /agent/ecommerce}: creates a session; answers {@code data.id}. */
  JsonResponse createEcommerce(ObjectNode body) throws PaymentException {
    return call("PUT", url("agent", "ecommerce"), body, true);
  }

  /** Sends a creation call and answers Felloh's answer, refused or not, for the caller to explain. */
  JsonResponse create(String resource, ObjectNode body) throws PaymentException {
    return send("PUT", url("agent", resource), body, true);
  }

  /**
   * {@code PUT /agent/payment-links} (node-sdk {@code CreatePaymentLinkParams}): creates a link;
   * answers {@code data.id}.
   */
  JsonResponse createPaymentLink(ObjectNode body) throws PaymentException {
    return call("PUT", url("agent", "payment-links"), body, true);
  }

  /** {@code GET /agent/payment-links/{id}}: the link with its {@code transactions[]}. */
  JsonResponse paymentLink(String id) throws PaymentException {
    return call("GET", url("agent", "payment-links", id), null, true);
  }

  /** {@code GET /enums}: currencies and the status words Felloh uses. */
  JsonResponse enums() throws PaymentException {
    return call("GET", url("enums"), null, true);
  }

  /**
   * {@code GET /agent/refunds/{authorisation_code}/authorise} (node-sdk {@code refunds.authorise});
   * a 401 is retried once because Felloh did nothing when it refused the token.
   */
  JsonResponse authoriseRefund(String authorisationCode) throws PaymentException {
    return call("GET", url("agent", "refunds", authorisationCode, "authorise"), null, true);
  }

  /** {@code GET /agent/refunds/{authorisation_code}/decline} (node-sdk {@code refunds.decline}). */
  JsonResponse declineRefund(String authorisationCode) throws PaymentException {
    return call("GET", url("agent", "refunds", authorisationCode, "decline"), null, true);
  }

  /** {@code GET /agent/ecommerce/{id}}. */
  JsonResponse ecommerce(String id) throws PaymentException {
    return call("GET", url("agent", "ecommerce", id), null, true);
  }

  /** {@code POST /agent/ecommerce}: the organisation's sessions, newest first. */
  JsonResponse listEcommerce(ObjectNode body) throws PaymentException {
    return call("POST", url("agent", "ecommerce"), body, true);
  }

  /** {@code DELETE /agent/ecommerce/{id}}; answers whatever status Felloh gave, for the caller to explain. */
  JsonResponse deleteEcommerce(String id) throws PaymentException {
    return send("DELETE", url("agent", "ecommerce", id), null, true);
  }

  /** {@code POST /agent/ecommerce/{id}/assign} with {@code {booking_id}}. */
  JsonResponse assignEcommerce(String id, String bookingId) throws PaymentException {
    ObjectNode body = JsonHttp.object().put("booking_id", bookingId);
    return call("POST", url("agent", "ecommerce", id, "assign"), body, true);
  }

  /** {@code GET /agent/transactions/{id}}. */
  JsonResponse transaction(String id) throws PaymentException {
    return call("GET", url("agent", "transactions", id), null, true);
  }

  /**
   * {@code POST /agent/refunds} with {@code organisation}, {@code skip}, {@code take} (node-sdk
   * {@code ListRefundsParams}: no other filter): one page of the organisation's refunds.
   */
  JsonResponse listRefunds(ObjectNode body) throws PaymentException {
    return call("POST", url("agent", "refunds"), body, true);
  }

  /** {@code GET /agent/transactions/{id}/complete}: captures a pre-authorisation in full. */
  JsonResponse complete(String transactionId) throws PaymentException {
    return call("GET", url("agent", "transactions", transactionId, "complete"), null, true);
  }

  /** {@code GET /agent/transactions/{id}/reverse}: releases a pre-authorisation. */
  JsonResponse reverse(String transactionId) throws PaymentException {
    return call("GET", url("agent", "transactions", transactionId, "reverse"), null, true);
  }

  /** {@code POST /agent/transactions/{id}/refund}; sent exactly once. */
  JsonResponse refund(String transactionId, ObjectNode body) throws PaymentException {
    return call("POST", url("agent", "transactions", transactionId, "refund"), body, false);
  }

  /** The path of a URL below the API base, for messages and the preview. */
  String pathOf(HttpUrl url) {
    String prefix = base.encodedPath().equals("/") ? "" : base.encodedPath();
    String path = url.encodedPath();
    return path.startsWith(prefix) ? path.substring(prefix.length()) : path;
  }

  HttpUrl url(String... segments) {
    HttpUrl.Builder builder = base.newBuilder();
    for (String segment : segments) {
      builder.addPathSegment(segment);
    }
    return builder.build();
  }

  private JsonResponse call(String method, HttpUrl url, JsonNode body, boolean retryAfter401)
      throws PaymentException {
    JsonResponse response = send(method, url, body, retryAfter401);
    if (response.successful()) {
      return response;
    }
    throw failure(method, url, response, retryAfter401);
  }

  /** The SPI exception for an error answer to {@code method url}. */
  PaymentException failure(String method, HttpUrl url, JsonResponse response, boolean retriedAfter401) {
    if (response.status() == 401) {
      String what = method + " " + pathOf(url);
      return new AuthenticationException(retriedAfter401
          ? "Felloh refused a fresh access token for " + what + "; check the API key pair"
          : "Felloh refused the access token for " + what + "; nothing was done and the request was"
              + " not sent again; the next attempt fetches a fresh token",
          response.requestId(), null);
    }
    return http.failure(method + " " + pathOf(url), response);
  }

  private JsonResponse send(String method, HttpUrl url, JsonNode body, boolean retryAfter401)
      throws PaymentException {
    JsonResponse response = http.send(request(method, url, body, tokens.get()));
    if (response.status() == 401) {
      // The token was revoked or expired early: drop it so the next call fetches a new one.
      tokens.invalidate();
      if (retryAfter401) {
        response = http.send(request(method, url, body, tokens.get()));
        if (response.status() == 401) {
          tokens.invalidate();
        }
      }
    }
    return response;
  }

  private static Request request(String method, HttpUrl url, JsonNode body, String token) {
    RequestBody payload = body == null ? null : JsonHttp.body(body);
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json")
        .method(method, payload)
        .build();
  }

  /** A token request of its own, outside the cache: the self-test's proof that the key pair is accepted. */
  String checkCredentials() throws PaymentException {
    fetchToken();
    return "POST " + pathOf(url("token"));
  }

  private TokenCache.Token fetchToken() throws PaymentException {
    ObjectNode body = JsonHttp.object()
        .put("public_key", settings.publicKey())
        .put("private_key", settings.privateKey());
    HttpUrl url = url("token");
    Request request = new Request.Builder()
        .url(url)
        .header("Accept", "application/json")
        .post(JsonHttp.body(body))
        .build();
    JsonResponse response = http.send(request);
    if (response.status() == 401 || response.status() == 403) {
      throw new AuthenticationException("Felloh refused the API key pair (" + FellohSettings.PREFIX
          + "public-key and " + FellohSettings.PREFIX + "private-key)", response.requestId(), null);
    }
    if (!response.successful()) {
      throw http.failure("POST /token", response);
    }
    JsonNode data = response.body().path("data");
    JsonNode token = data.path("token");
    if (!token.isTextual() || token.asText().isBlank()) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Felloh answered POST /token without data.token",
          response.requestId(), null);
    }
    Instant expiresAt;
    try {
      expiresAt = Instant.ofEpochSecond(FellohJson.integer(data.path("expiry_time")));
    } catch (IllegalArgumentException noExpiry) {
      expiresAt = clock.instant().plus(TOKEN_FALLBACK_LIFETIME).plus(TOKEN_MARGIN);
    }
    return new TokenCache.Token(token.asText(), expiresAt);
  }

  /** Felloh's errors as {@code title: message (code)}, joined; its texts carry no secrets. */
  static String errorMessage(JsonResponse response) {
    JsonNode errors = response.body().path("errors");
    List<String> parts = new ArrayList<>();
    if (errors.isArray()) {
      for (JsonNode error : errors) {
        parts.add(describe(error));
      }
    } else if (errors.isObject() && errors.size() > 0) {
      parts.add(describe(errors));
    }
    parts.removeIf(String::isBlank);
    if (parts.isEmpty()) {
      if (response.successful()) {
        return null; // "The request was successful" explains no refusal
      }
      JsonNode message = response.body().path("meta").path("message");
      return message.isTextual() ? message.asText() : null;
    }
    return String.join("; ", parts);
  }

  private static String describe(JsonNode error) {
    if (error.isTextual()) {
      return error.asText();
    }
    StringBuilder text = new StringBuilder();
    for (String field : new String[] {"field", "parameter"}) {
      if (error.path(field).isTextual()) {
        text.append(error.path(field).asText()).append(": ");
        break;
      }
    }
    String title = error.path("title").asText("");
    String message = error.path("message").asText("");
    text.append(title);
    if (!message.isBlank()) {
      text.append(title.isBlank() ? "" : ": ").append(message);
    }
    if (error.path("code").isTextual()) {
      text.append(" (").append(error.path("code").asText()).append(')');
    }
    return text.toString().trim();
  }
}
