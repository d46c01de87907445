package io.checkoutbridge.provider.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.Document;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Hokodo's HTTP API: {@code Authorization: Token <api key>}, JSON bodies, paths without a trailing
 * slash below the configured base URL. Thread-safe. Never retries: the caller decides what is safe
 * to repeat.
 */
final class HokodoClient {
  /** Request-id response headers, first found wins. Hokodo's own header name is not documented. */
  static final List<String> REQUEST_ID_HEADERS = List.of("X-Request-Id", "Request-Id", "X-Amzn-Trace-Id");
  /** Idempotency header of the post-sale endpoints (the name is not documented; this is the common one). */
  static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

  /** An order id no order has, read by the self-test. */
  static final String SELF_TEST_ORDER = "ord_selftest000000000000000";

  private final HokodoSettings settings;
  private final JsonHttp http;

  HokodoClient(OkHttpClient client, HokodoSettings settings) {
    this.settings = settings;
    this.http = new JsonHttp(client, "Hokodo", REQUEST_ID_HEADERS, HokodoClient::errorMessage);
  }

  JsonHttp http() {
    return http;
  }

  JsonResponse get(String path) throws PaymentException {
    return http.call(request(path).get().build());
  }

  JsonResponse post(String path, JsonNode body) throws PaymentException {
    return http.call(request(path).post(JsonHttp.body(body)).build());
  }

  JsonResponse patch(String path, JsonNode body) throws PaymentException {
    return http.call(request(path).patch(JsonHttp.body(body)).build());
  }

  /** A POST whose answer is returned whatever its status (post-sale actions decide themselves). */
  JsonResponse sendPost(String path, JsonNode body, String idempotencyKey) throws PaymentException {
    return http.send(request(path).header(IDEMPOTENCY_HEADER, idempotencyKey).post(JsonHttp.body(body)).build());
  }

  /** Uploads an order document (multipart, no JSON content type). */
  JsonResponse uploadDocument(String orderId, Document document, String docType, String description,
      long amountMinor, String idempotencyKey) throws PaymentException {
    MediaType type = MediaType.parse(document.contentType());
    MultipartBody body = new MultipartBody.Builder()
        .setType(MultipartBody.FORM)
        .addFormDataPart("file", document.fileName(), RequestBody.create(document.content(), type))
        .addFormDataPart("doc_type", docType)
        .addFormDataPart("description", description)
        .addFormDataPart("amount", Long.toString(amountMinor))
        .addFormDataPart("metadata", "{}")
        .build();
    return http.call(request("payment/orders/" + orderId + "/documents")
        .header(IDEMPOTENCY_HEADER, idempotencyKey)
        .post(body)
        .build());
  }

  /**
   * The cheapest authenticated read: an order that does not exist. Hokodo's API (Django REST
   * framework) authenticates before it looks the object up, so its JSON 404 ({@code {"detail":
   * "Not found."}}) means the key was accepted and 401/403 that it was not. A 404 without that body
   * comes from something else at the base URL, not Hokodo.
   */
  String checkCredentials() throws PaymentException {
    String path = "payment/orders/" + SELF_TEST_ORDER;
    JsonResponse response = http.send(request(path).get().build());
    boolean hokodosNotFound = response.status() == 404 && response.body().path("detail").isTextual();
    if (!hokodosNotFound && !response.successful()) {
      throw http.failure("GET " + path, response);
    }
    return "GET " + HttpUrl.get(settings.baseUrl().toString() + "/" + path).encodedPath();
  }

  private Request.Builder request(String path) {
    HttpUrl url = HttpUrl.get(settings.baseUrl().toString() + "/" + path);
    return new Request.Builder()
        .url(url)
        .header("Authorization", "Token " + settings.apiKey())
        .header("Accept", "application/json");
  }

  /**
   * Flattens Hokodo's error bodies into one line naming each field: DRF style
   * {@code {"customer":{"invoice_address":{"postcode":["This field is required."]}}}} becomes
   * {@code customer.invoice_address.postcode: This field is required.}; {@code {"detail":"…"}}
   * becomes its text; list positions read {@code items[1].total_amount}.
   */
  static String errorMessage(JsonResponse response) {
    JsonNode body = response.body();
    if (body.isMissingNode() || body.isNull()) {
      String text = response.text() == null ? "" : response.text().strip();
      return text.length() > 200 || text.startsWith("<") ? "" : text;
    }
    List<String> messages = new ArrayList<>();
    collect(body, "", messages);
    List<String> shown = messages.size() > 10 ? messages.subList(0, 10) : messages;
    String joined = String.join("; ", shown);
    return messages.size() > 10 ? joined + "; …" : joined;
  }

  private static void collect(JsonNode node, String path, List<String> out) {
    if (node.isObject()) {
      node.properties().forEach(field -> {
        String name = field.getKey();
        boolean general = path.isEmpty() && ("detail".equals(name) || "non_field_errors".equals(name)
            || "message".equals(name) || "error".equals(name));
        collect(field.getValue(), general ? "" : path.isEmpty() ? name : path + "." + name, out);
      });
    } else if (node.isArray()) {
      boolean allText = true;
      for (JsonNode element : node) {
        allText &= element.isValueNode();
      }
      if (allText) {
        List<String> texts = new ArrayList<>();
        node.forEach(element -> texts.add(element.asText()));
        if (!texts.isEmpty()) {
          out.add(path.isEmpty() ? String.join(" ", texts) : path + ": " + String.join(" ", texts));
        }
      } else {
        for (int i = 0; i < node.size(); i++) {
          collect(node.get(i), path + "[" + i + "]", out);
        }
      }
    } else if (node.isValueNode() && !node.isNull()) {
      out.add(path.isEmpty() ? node.asText() : path + ": " + node.asText());
    }
  }
}
