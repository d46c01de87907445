package io.checkoutbridge.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * An HTTP client of one storefront deployment for the admin tests: optionally signed in with HTTP
 * Basic, with its own cookies (so its own session; the CSRF token it reads is the admin's, valid on any node), and the test fixture's calls.
 */
final class AdminClient {
  static final String ADMIN = System.getProperty("it.admin.user", "it-admin");
  static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "Checkout-Bridge-2024");
  static final String CLERK = System.getProperty("it.clerk.user", "it-clerk");
  static final String CLERK_PASSWORD = System.getProperty("it.clerk.password", "Clerk-Only-2024");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final String authorization;
  private final HttpClient http;
  private String csrfToken;

  private AdminClient(String base, String user, String password) {
    this.base = base;
    this.authorization = user == null ? null
        : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager()).build();
  }

  static AdminClient admin(String deployment) {
    return new AdminClient(Deployments.baseUrl(deployment), ADMIN, ADMIN_PASSWORD);
  }

  static AdminClient as(String deployment, String user, String password) {
    return new AdminClient(Deployments.baseUrl(deployment), user, password);
  }

  static AdminClient anonymous(String deployment) {
    return new AdminClient(Deployments.baseUrl(deployment), null, null);
  }

  HttpResponse<String> get(String path) throws Exception {
    return send(request(path).GET().build());
  }

  /** A POST of JSON (unless a Content-Type is among the extra headers: name, value, name, value, ...). */
  HttpResponse<String> post(String path, String body, String... headers) throws Exception {
    HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
    boolean typed = false;
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (!typed) {
      builder.header("Content-Type", "application/json");
    }
    return send(builder.build());
  }

  /** A POST as the admin's page sends it: same origin, with the admin's CSRF token. */
  HttpResponse<String> action(String paymentId, String action, String json) throws Exception {
    return post("/payments/admin/api/payments/" + paymentId + "/" + action, json, "X-CSRF-Token", csrfToken(),
        "Origin", origin());
  }

  /** Opens the session (as the page does) and keeps its CSRF token. */
  String csrfToken() throws Exception {
    if (csrfToken == null) {
      HttpResponse<String> session = get("/payments/admin/api/session");
      if (session.statusCode() != 200) {
        throw new IllegalStateException("no admin session: " + session.statusCode() + " " + session.body());
      }
      csrfToken = json(session).path("csrfToken").asText();
    }
    return csrfToken;
  }

  String origin() {
    URI uri = URI.create(base);
    return uri.getScheme() + "://" + uri.getAuthority();
  }

  /** Starts a payment for the standard cart (53.95 GBP) in the deployment; authorised unless {@code state} says otherwise. */
  String createPayment(String order, String first, String last, String email, String state) throws Exception {
    String query = form(Map.of("order", order, "first", first == null ? "" : first, "last", last, "email", email,
        "state", state));
    HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(base + "/test-fixture/payments?" + query))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    if (created.statusCode() != 200) {
      throw new IllegalStateException("fixture refused: " + created.statusCode() + " " + created.body());
    }
    return created.body().trim();
  }

  String createPayment(String order) throws Exception {
    return createPayment(order, "Ada", "Lovelace", "ada@example.com", "authorized");
  }

  /** How often the scripted provider was asked for {@code kind} (CAPTURE, REFUND, VOID) in this deployment. */
  int providerCalls(String kind) throws Exception {
    HttpResponse<String> calls = send(HttpRequest.newBuilder(URI.create(base + "/test-fixture/calls?kind=" + kind))
        .GET().build());
    return Integer.parseInt(calls.body().trim());
  }

  /** The JSON body of a response. */
  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON (" + response.statusCode() + "): " + response.body(), e);
    }
  }

  /** One payment as the admin API shows it. */
  JsonNode payment(String id) throws Exception {
    HttpResponse<String> response = get("/payments/admin/api/payments/" + id);
    if (response.statusCode() != 200) {
      throw new AssertionError("payment " + id + ": " + response.statusCode() + " " + response.body());
    }
    return json(response);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String form(Map<String, String> values) {
    StringBuilder out = new StringBuilder();
    values.forEach((k, v) -> out.append(out.length() == 0 ? "" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return out.toString();
  }
}
