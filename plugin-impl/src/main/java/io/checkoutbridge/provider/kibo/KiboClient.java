package io.checkoutbridge.provider.kibo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.DeclinedException;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import io.checkoutbridge.provider.support.Scrubber;
import io.checkoutbridge.provider.support.TokenCache;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The HTTP side of Kibo's order API v2: the OAuth2 client-credentials token (cached) and the two
 * calls of a checkout. Thread-safe. Nothing here is ever retried except as stated per method.
 */
final class KiboClient {
  /** Response header that carries Kibo's id for a request; the body's {@code requestID} is the fallback. */
  static final String REQUEST_ID_HEADER = "X-Request-ID";
  /** Token lifetime assumed when the answer has no {@code expires_in} (Kibo's are about an hour). */
  static final long DEFAULT_TOKEN_SECONDS = 3600;
  /** Kibo's status code for a declined payment, sent with HTTP 402. */
  static final String DECLINED_REASON = "PAYMENT_DECLINED";

  private final KiboSettings settings;
  private final JsonHttp http;
  private final Clock clock;
  private final TokenCache tokens;

  KiboClient(KiboSettings settings, OkHttpClient client, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.http = new JsonHttp(client, "Kibo", List.of(REQUEST_ID_HEADER), KiboClient::errorMessage);
    this.tokens = new TokenCache(this::fetchToken, clock, Duration.ofSeconds(60));
  }

  /**
   * {@code POST createOrder/authorize}: sent exactly once. A 401/403 discards the cached token so
   * the next checkout gets a new one, but the authorisation itself is never sent a second time.
   *
   * @throws DeclinedException when the gateway declined the payment
   */
  JsonResponse authorize(ObjectNode body) throws PaymentException {
    return post(KiboRequests.AUTHORIZE_PATH, body, false);
  }

  /**
   * {@code POST createOrder/}: a 401/403 (refused at the gate, before Kibo looked at the order)
   * gets a new token and one more try; nothing else is retried.
   */
  JsonResponse createOrder(ObjectNode body) throws PaymentException {
    return post(KiboRequests.CREATE_ORDER_PATH, body, true);
  }

  /**
   * Kibo's order search, {@code GET /order/?manufacturerID=…&externalOrderID=…} (read-only, so a
   * 401/403 gets a new token and one more try): the orders carrying this external order id, as
   * the search answer's {@code collection}. A 404 counts as none.
   */
  List<JsonNode> findByExternalOrderId(String externalOrderId) throws PaymentException {
    HttpUrl url = HttpUrl.get(settings.baseUrl() + KiboRequests.ORDER_PATH).newBuilder()
        .addQueryParameter("manufacturerID", Integer.toString(settings.manufacturerId()))
        .addQueryParameter("externalOrderID", externalOrderId)
        .build();
    JsonResponse response = get(url);
    if (response.status() == 404) {
      return List.of();
    }
    if (!response.successful()) {
      throw failure("GET " + url.encodedPath(), response);
    }
    List<JsonNode> found = new java.util.ArrayList<>();
    for (JsonNode order : response.body().path("collection")) {
      // the search filters by the parameter; the check keeps a looser server from matching another order
      if (externalOrderId.equals(order.path("externalOrderID").asText(null))) {
        found.add(order);
      }
    }
    return found;
  }

  /** {@code GET /order/{orderID}}: Kibo's view of one order. */
  JsonResponse order(String orderId) throws PaymentException {
    HttpUrl url = HttpUrl.get(settings.baseUrl() + KiboRequests.ORDER_PATH).newBuilder()
        .addPathSegment(orderId).build();
    JsonResponse response = get(url);
    if (!response.successful()) {
      throw failure("GET " + url.encodedPath(), response);
    }
    return response;
  }

  private JsonResponse get(HttpUrl url) throws PaymentException {
    JsonResponse response = send(getRequest(url, tokens.get()));
    if (response.status() == 401 || response.status() == 403) {
      tokens.invalidate();
      response = send(getRequest(url, tokens.get()));
      if (response.status() == 401 || response.status() == 403) {
        tokens.invalidate();
      }
    }
    return response;
  }

  private Request getRequest(HttpUrl url, String token) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + token)
        .header("API-Key", settings.apiKey())
        .header("Accept", "application/json")
        .get()
        .build();
  }

  private JsonResponse post(String path, ObjectNode body, boolean retryWithNewToken) throws PaymentException {
    HttpUrl url = HttpUrl.get(settings.baseUrl() + path);
    JsonResponse response = send(apiRequest(url, body, tokens.get()));
    if (response.status() == 401 || response.status() == 403) {
      tokens.invalidate();
      if (retryWithNewToken) {
        response = send(apiRequest(url, body, tokens.get()));
        if (response.status() == 401 || response.status() == 403) {
          tokens.invalidate();
        }
      }
    }
    if (!response.successful()) {
      throw failure("POST " + url.encodedPath(), response);
    }
    return response;
  }

  private Request apiRequest(HttpUrl url, ObjectNode body, String token) {
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Bearer " + token)
        .header("API-Key", settings.apiKey())
        .header("Accept", "application/json")
        .post(JsonHttp.body(body))
        .build();
  }

  /** A token request of its own, outside the cache: the self-test's proof that the keys are accepted. */
  String checkCredentials() throws PaymentException {
    fetchToken();
    return "POST " + HttpUrl.get(settings.tokenUrl().toString()).encodedPath();
  }

  private TokenCache.Token fetchToken() throws PaymentException {
    Request request = new Request.Builder()
        .url(HttpUrl.get(settings.tokenUrl().toString()))
        .header("Authorization", Credentials.basic(settings.apiKey(), settings.secretKey(), StandardCharsets.UTF_8))
        .header("Accept", "application/json")
        .post(new FormBody.Builder().add("grant_type", "client_credentials").build())
        .build();
    JsonResponse response = send(request);
    String what = "the token request POST " + request.url().encodedPath();
    if (!response.successful()) {
      int status = response.status();
      if (status == 400 || status == 401 || status == 403) {
        // OAuth2 answers a wrong key or secret with 400 invalid_client or 401.
        throw new AuthenticationException("Kibo refused the API key and secret key in " + what + " with HTTP "
            + status + detail(response), response.requestId(), null);
      }
      throw http.failure(what, response);
    }
    JsonNode token = response.body().path("access_token");
    if (!token.isTextual() || token.asText().isBlank()) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR, "Kibo answered " + what + " without an access_token",
          response.requestId(), null);
    }
    JsonNode expiresIn = response.body().path("expires_in");
    long seconds = expiresIn.canConvertToLong() && expiresIn.asLong() > 0 ? expiresIn.asLong()
        : expiresIn.isTextual() && expiresIn.asText().matches("\\d{1,9}") ? Long.parseLong(expiresIn.asText())
        : DEFAULT_TOKEN_SECONDS;
    return new TokenCache.Token(token.asText(), clock.instant().plusSeconds(seconds));
  }

  private JsonResponse send(Request request) throws TransientNetworkException {
    JsonResponse response = http.send(request);
    if (response.requestId() == null && response.body().path("requestID").isTextual()) {
      return new JsonResponse(response.status(), response.body(), response.text(),
          response.body().path("requestID").asText());
    }
    return response;
  }

  /**
   * Maps an error answer: a decline (HTTP 402, or {@code reason: PAYMENT_DECLINED}) to {@link
   * DeclinedException}; Kibo's 5001 UNAVAILABLE and 5006 SERVER_ERROR to {@link
   * TransientNetworkException}, 5004 NOT_AUTHORIZED to {@link AuthenticationException} and 5002
   * NOT_FOUND to {@code NOT_FOUND} whatever the HTTP status; everything else by HTTP status.
   */
  PaymentException failure(String what, JsonResponse response) {
    JsonNode body = response.body();
    int code = body.path("statusCode").asInt(0);
    String id = response.requestId();
    if (response.status() == 402 || DECLINED_REASON.equals(body.path("reason").asText())) {
      return new DeclinedException("Kibo declined the payment" + detail(response), id, null);
    }
    String message = "Kibo refused " + what + " with HTTP " + response.status() + detail(response);
    return switch (code) {
      case 5001, 5006 -> new TransientNetworkException(message, id, null);
      case 5004 -> new AuthenticationException(message, id, null);
      case 5002 -> PaymentException.of(ErrorCode.NOT_FOUND, message, id, null);
      default -> http.failure(what, response);
    };
  }

  private static String detail(JsonResponse response) {
    String message = Scrubber.scrubText(errorMessage(response));
    return message == null || message.isBlank() ? "" : ": " + message;
  }

  /**
   * The short text of Kibo's error body {@code {statusCode, status, message, field, requestID}}:
   * {@code 5015 INVALID_REQUEST_DATA: customer.phone1 is required}.
   */
  static String errorMessage(JsonResponse response) {
    JsonNode body = response.body();
    StringBuilder text = new StringBuilder();
    if (body.path("statusCode").canConvertToInt()) {
      text.append(body.path("statusCode").asInt());
    }
    if (body.path("status").isTextual()) {
      text.append(text.length() == 0 ? "" : " ").append(body.path("status").asText());
    }
    String message = body.path("message").isTextual() ? body.path("message").asText()
        : body.path("error_description").isTextual() ? body.path("error_description").asText()
        : body.path("error").isTextual() ? body.path("error").asText() : "";
    if (!message.isBlank()) {
      text.append(text.length() == 0 ? "" : ": ").append(message);
    }
    String field = body.path("field").isTextual() ? body.path("field").asText() : "";
    if (!field.isBlank() && !message.contains(field)) {
      text.append(" (field ").append(field).append(')');
    }
    return text.toString();
  }
}
