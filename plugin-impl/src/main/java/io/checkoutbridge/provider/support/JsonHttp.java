package io.checkoutbridge.provider.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.DeclinedException;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.RateLimitException;
import io.checkoutbridge.api.error.TransientNetworkException;
import io.checkoutbridge.codec.Json;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * JSON over OkHttp for one provider: sends a request, parses the answer and turns failures into the
 * SPI's exceptions with the provider's request id. Thread-safe.
 *
 * <p>Mapping: connection failures, timeouts and 5xx → {@link TransientNetworkException}; 401/403 →
 * {@link AuthenticationException}; 429 → {@link RateLimitException}; 402 → {@link
 * DeclinedException}; other 4xx → {@link InvalidRequestException} with the provider's message as
 * extracted by the adapter.
 */
public final class JsonHttp {
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  /** The plugin's one mapper ({@link Json#MAPPER}), named here for the adapters' convenience. */
  public static final ObjectMapper MAPPER = Json.MAPPER;

  private final OkHttpClient client;
  private final String provider;
  private final List<String> requestIdHeaders;
  private final Function<JsonResponse, String> errorMessage;

  /**
   * @param provider the provider's display name, for messages
   * @param requestIdHeaders response headers that carry the provider's request id, in order
   * @param errorMessage extracts a short, secret-free message from an error response
   */
  public JsonHttp(OkHttpClient client, String provider, List<String> requestIdHeaders,
      Function<JsonResponse, String> errorMessage) {
    this.client = client;
    this.provider = provider;
    this.requestIdHeaders = List.copyOf(requestIdHeaders);
    this.errorMessage = errorMessage;
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  public static RequestBody body(JsonNode json) {
    try {
      return RequestBody.create(MAPPER.writeValueAsBytes(json), JSON);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON as it goes on the wire (no whitespace), for previews: the same bytes {@link #body} sends. */
  public static String compact(JsonNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Indented JSON, for people reading it (the preview command's output). */
  public static String pretty(JsonNode json) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends the request and returns the answer whatever its status; fails only on I/O. */
  public JsonResponse send(Request request) throws TransientNetworkException {
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      String requestId = null;
      for (String header : requestIdHeaders) {
        requestId = response.header(header);
        if (requestId != null) {
          break;
        }
      }
      JsonNode json = JsonResponse.missing();
      if (!text.isBlank()) {
        try {
          json = MAPPER.readTree(text);
        } catch (JsonProcessingException notJson) {
          json = JsonResponse.missing();
        }
      }
      JsonResponse parsed = new JsonResponse(response.code(), json, text, requestId);
      if (parsed.requestId() == null) {
        return new JsonResponse(parsed.status(), parsed.body(), parsed.text(), requestIdFromBody(json));
      }
      return parsed;
    } catch (IOException e) {
      throw new TransientNetworkException(
          provider + " did not answer " + request.method() + " " + request.url().encodedPath()
              + " (" + e.getClass().getSimpleName() + ")", null, e);
    }
  }

  /** Sends the request and returns a 2xx answer, or throws the mapped exception. */
  public JsonResponse call(Request request) throws PaymentException {
    JsonResponse response = send(request);
    if (response.successful()) {
      return response;
    }
    throw failure(request.method() + " " + request.url().encodedPath(), response);
  }

  /** The SPI exception for an error answer. */
  public PaymentException failure(String what, JsonResponse response) {
    String detail = Scrubber.scrubText(errorMessage.apply(response));
    String message = provider + " refused " + what + " with HTTP " + response.status()
        + (detail == null || detail.isBlank() ? "" : ": " + detail);
    int status = response.status();
    String id = response.requestId();
    if (status >= 500) {
      return new TransientNetworkException(message, id, null);
    }
    return switch (status) {
      case 401, 403 -> new AuthenticationException(message, id, null);
      case 429 -> new RateLimitException(message, id, null);
      case 402 -> new DeclinedException(message, id, null);
      case 404 -> PaymentException.of(ErrorCode.NOT_FOUND, message, id, null);
      default -> new InvalidRequestException(message, id, null);
    };
  }

  private static String requestIdFromBody(JsonNode json) {
    JsonNode meta = json.path("meta").path("request_id");
    return meta.isTextual() ? meta.asText() : null;
  }
}
