package io.checkoutbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the outside attack on the running shop found, each answered as it should be: malformed
 * Basic credentials, unknown methods, an Origin of another scheme, a shopper's return URL used to
 * post callbacks, wrong passwords that must not lock the admins out, and the endpoints' answers to
 * an unknown provider, an unsealed URL, an unknown payment, a malformed query and an oversized
 * chunked body. Every check also reads the server's log.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HostileRequestsIT {
  static final String NAME = "hostile";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return hostileStorefront(NAME);
  }

  /** A storefront with the plugin, the admin, the scripted provider and the fixtures. */
  static WebArchive hostileStorefront(String name) {
    return Deployments.storefront(name, Map.of("checkout-bridge.callback.max-body-bytes", "4096",
            "checkout-bridge.pending.poll-interval", "PT1M"))
        .addAsLibraries(Deployments.adminJars())
        .addAsLibraries(Deployments.jars("plugin-impl-0.1.0-SNAPSHOT-tests"))
        .addClasses(AdminFixtureServlet.class, HostileFixtureServlet.class)
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  private final HttpClient http = Deployments.httpClient();
  private final String base = Deployments.baseUrl(NAME);
  private final RawHttp raw = new RawHttp(Deployments.httpPort());

  /** A started (or authorised) payment of the scripted provider and its sealed URLs. */
  record Started(String id, URI returnUrl, URI callbackUrl) {}

  static Started start(HttpClient http, String base, String state) throws Exception {
    String order = "HOSTILE-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/hostile-fixture/payments?order="
        + order + "&state=" + state)).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    List<String> lines = r.body().lines().toList();
    return new Started(lines.get(0), URI.create(lines.get(1)), URI.create(lines.get(2)));
  }

  static String ledger(HttpClient http, String base) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(base + "/hostile-fixture/ledger")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private HttpResponse<String> send(String method, String pathOrUrl, String body, String... headers) throws Exception {
    URI uri = URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void malformedBasicCredentialsOnAdminPathsAreRefusedWithoutAStackTrace() throws Exception {
    ServerLog log = ServerLog.mark();
    List<String> headers = List.of("Basic !!!x", "Basic ====", "Basic", "Basic %%%", "basic @@@@", "Basic //79",
        "Basic " + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, ':', (byte) 0xfe}), "Basic "
        + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8)), "Basic " + "A".repeat(5000));
    int requests = 0;
    for (String path : List.of("/payments/admin/", "/payments/admin/api/session", "/payments/admin/api/payments",
        "/payments/admin/admin.js")) {
      for (String header : headers) {
        for (String method : List.of("GET", "POST")) {
          HttpResponse<String> r = send(method, path, method.equals("POST") ? "{}" : null, "Authorization", header);
          requests++;
          assertThat(r.statusCode()).as(method + " " + path + " with " + header.substring(0, Math.min(20, header.length())))
              .isIn(400, 401);
        }
      }
    }
    assertThat(log.stackFrames()).as(log.written()).isZero();
    assertThat(log.lines()).as("at most one log line per request").isLessThanOrEqualTo(requests);
  }

  @Test
  void unknownMethodsAreAnswered405WithTheMethodsAllowed() throws Exception {
    Started p = start(http, base, "started");
    String pending = send("GET", p.returnUrl().toString(), null).headers().firstValue("Location").orElseThrow();
    String admin = basic(AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
    Map<String, String[]> endpoints = Map.of(
        p.returnUrl().toString(), new String[0],
        p.callbackUrl().toString(), new String[0],
        URI.create(base).resolve(pending).toString(), new String[0],
        "/payments/admin/api/payments", new String[] {"Authorization", admin},
        "/payments/admin/", new String[] {"Authorization", admin});
    ServerLog log = ServerLog.mark();
    for (Map.Entry<String, String[]> e : endpoints.entrySet()) {
      for (String method : List.of("PATCH", "PROPFIND", "MKCOL", "FOO", "TRACE")) {
        HttpResponse<String> r = send(method, e.getKey(), "{}", e.getValue());
        assertThat(r.statusCode()).as(method + " " + e.getKey()).isEqualTo(405);
        if (!method.equals("TRACE")) { // the server itself refuses TRACE everywhere, before any application
          assertThat(r.headers().firstValue("Allow")).as(method + " " + e.getKey()).isPresent();
          assertThat(r.headers().firstValue("Allow").orElseThrow()).doesNotContain(method);
        }
      }
    }
    assertThat(log.stackFrames()).isZero();
  }

  @Test
  void anOriginWithAnotherSchemeIsRefusedOnAnHttpAdmin() throws Exception {
    AdminClient admin = AdminClient.admin(NAME);
    String id = start(http, base, "authorized").id();
    String token = admin.csrfToken();
    String https = admin.origin().replace("http://", "https://");
    HttpResponse<String> r = admin.post("/payments/admin/api/payments/" + id + "/refresh", "{}",
        "X-CSRF-Token", token, "Origin", https);
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(AdminClient.json(r).at("/error/code").asText()).isEqualTo("cross_origin_refused");
    HttpResponse<String> referer = admin.post("/payments/admin/api/payments/" + id + "/refresh", "{}",
        "X-CSRF-Token", token, "Referer", https + "/payments/admin/");
    assertThat(referer.statusCode()).isEqualTo(403);
    HttpResponse<String> same = admin.post("/payments/admin/api/payments/" + id + "/refresh", "{}",
        "X-CSRF-Token", token, "Origin", admin.origin());
    assertThat(same.statusCode()).isEqualTo(200);
  }

  @Test
  void aShoppersReturnUrlCannotBeUsedToPostCallbacksNorACallbackUrlToReturn() throws Exception {
    Started p = start(http, base, "started");
    String before = ledger(http, base);
    URI forged = URI.create(base + "/payments/callback/scripted?" + p.returnUrl().getRawQuery());
    HttpResponse<String> r = send("POST", forged.toString(), "{\"event\":\"authorized\"}",
        "Content-Type", "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    URI back = URI.create(base + "/payments/return/scripted?" + p.callbackUrl().getRawQuery());
    assertThat(send("GET", back.toString(), null).statusCode()).isEqualTo(400);
    assertThat(ledger(http, base)).isEqualTo(before);
  }

  @Test
  void wrongPasswordsFromAStrangerDoNotLockTheAdminOut() throws Exception {
    for (int i = 0; i < 15; i++) {
      assertThat(send("GET", "/payments/admin/api/session", null, "Authorization",
          basic(AdminClient.ADMIN, "guess-" + i)).statusCode()).isEqualTo(401);
    }
    assertThat(send("GET", "/payments/admin/api/session", null, "Authorization",
        basic(AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD)).statusCode()).isEqualTo(200);
  }

  @Test
  void theEndpointsAnswerEachMistakeWithItsOwnStatus() throws Exception {
    Started p = start(http, base, "started");
    Started other = start(http, base, "started");
    String before = ledger(http, base);
    ServerLog log = ServerLog.mark();
    String sealed = p.callbackUrl().getRawQuery();
    // an unknown provider
    assertThat(send("POST", "/payments/callback/nosuch?" + sealed, "{}").statusCode()).isEqualTo(404);
    // unsealed URLs: no seal, a broken seal
    assertThat(send("POST", "/payments/callback/scripted", "{}").statusCode()).isEqualTo(400);
    assertThat(send("GET", "/payments/return/scripted", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/payments/pending", null).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/payments/status?pid=" + p.id(), null).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/payments/callback/scripted?pid=" + p.id() + "&seal=AAAA", "{}").statusCode())
        .isEqualTo(401);
    // an unknown payment, sealed by the plugin itself
    List<String> unknown = send("POST", "/hostile-fixture/seal?pid=00000000-0000-0000-0000-000000000000", null)
        .body().lines().toList();
    assertThat(send("POST", unknown.get(1), "{}").statusCode()).isEqualTo(404);
    assertThat(send("GET", unknown.get(0), null).statusCode()).isEqualTo(404);
    assertThat(other.id()).isNotEqualTo(p.id());
    // malformed query strings
    for (String query : List.of("pid=%zz&seal=%", "pid=%E0%A4%A&seal=x", "%", "pid=%00&seal=%00", "a=%ff%fe")) {
      for (String path : List.of("/payments/return/scripted", "/payments/callback/scripted", "/payments/pending",
          "/payments/status")) {
        assertThat(raw.request("GET", "/" + NAME + path + "?" + query, null).status()).as(path + "?" + query)
            .isEqualTo(400);
      }
    }
    // an oversized chunked body (no Content-Length: the limit is counted while reading)
    byte[] big = "x".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> chunked = http.send(HttpRequest.newBuilder(p.callbackUrl())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(413);
    assertThat(ledger(http, base)).isEqualTo(before);
    assertThat(log.stackFrames()).as(log.written()).isZero();
  }

  private int fetches() throws Exception {
    return Integer.parseInt(send("GET", "/hostile-fixture/fetches", null).body().trim());
  }

  @Test
  void aStrangerLoopingOnTheReturnPendingAndCallbackUrlsCostsOneProviderFetchPerInterval() throws Exception {
    Started p = start(http, base, "started");
    HttpResponse<String> back = send("GET", p.returnUrl().toString(), null);
    assertThat(back.statusCode()).isEqualTo(303);
    String pending = URI.create(base).resolve(back.headers().firstValue("Location").orElseThrow()).toString();
    int before = fetches();
    for (int i = 0; i < 20; i++) {
      assertThat(send("GET", p.returnUrl().toString(), null).statusCode()).isEqualTo(303);
      assertThat(send("GET", pending, null).statusCode()).isEqualTo(200);
      assertThat(send("POST", p.callbackUrl().toString(), "{\"n\":" + i + "}").statusCode()).isEqualTo(200);
    }
    assertThat(fetches() - before).as("provider fetches for 60 requests within one interval").isZero();
  }

  @Test
  void aCallbackThatCannotBeRecordedGets503SoTheProviderDeliversAgain() throws Exception {
    Started p = start(http, base, "started");
    ServerLog log = ServerLog.mark();
    assertThat(send("POST", "/hostile-fixture/inbox?available=false", null).statusCode()).isEqualTo(200);
    try {
      HttpResponse<String> r = send("POST", p.callbackUrl().toString(), "{\"event\":\"authorized\"}");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
      assertThat(r.body()).contains("storage").doesNotContain("SQL", "cb_callback_inbox");
    } finally {
      assertThat(send("POST", "/hostile-fixture/inbox?available=true", null).statusCode()).isEqualTo(200);
    }
    assertThat(send("POST", p.callbackUrl().toString(), "{\"event\":\"authorized\"}").statusCode()).isEqualTo(200);
    assertThat(log.stackFrames()).as(log.written()).isZero();
  }

  @Test
  void thePendingPageShowsHostileTextAsText() throws Exception {
    String name = "\"><script>alert(1)</script>";
    String order = "HOSTILE-" + UUID.randomUUID().toString().substring(0, 8);
    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(base + "/hostile-fixture/payments?order="
        + order + "&state=started&name=" + java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(200);
    URI back = URI.create(created.body().lines().toList().get(1));
    String pending = send("GET", back.toString(), null).headers().firstValue("Location").orElseThrow();
    HttpResponse<String> page = send("GET", URI.create(base).resolve(pending) + "&x=%3Cscript%3Ealert(2)%3C/script%3E",
        null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(order).doesNotContain("<script>");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'");
  }

  /**
   * The admin's JSON carries what the README says it shows (the provider's payment id, the
   * merchant reference, request ids) and nothing it says stays off the page: no raw provider
   * response, no provider records (the plugin's per-payment references), no token, secret or card field.
   */
  @Test
  void theAdminsJsonHoldsNoFieldTheReadmeKeepsOffThePage() throws Exception {
    AdminClient admin = AdminClient.admin(NAME);
    String id = start(http, base, "authorized").id();
    com.fasterxml.jackson.databind.JsonNode payment = admin.payment(id);
    List<String> names = new java.util.ArrayList<>();
    collectNames(payment, "", names);
    HttpResponse<String> refreshed = admin.post("/payments/admin/api/payments/" + id + "/refresh", "{}",
        "X-CSRF-Token", admin.csrfToken(), "Origin", admin.origin());
    assertThat(refreshed.statusCode()).isEqualTo(200);
    collectNames(AdminClient.json(refreshed), "", names);
    assertThat(names).isNotEmpty().noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT)
        .matches(".*(raw|refs|token|secret|password|card|cvc|cvv|providerreference).*"));
    assertThat(names).contains("/providerPaymentId", "/providerView/merchantReference");
  }

  private static void collectNames(com.fasterxml.jackson.databind.JsonNode node, String at, List<String> names) {
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(name -> {
        if (!name.equals("idempotencyKey")) {
          names.add(at + "/" + name);
        }
        collectNames(node.get(name), at + "/" + name, names);
      });
    } else if (node.isArray()) {
      node.forEach(element -> collectNames(element, at, names));
    }
  }
}
