package io.checkoutbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin API over HTTP in a storefront that has the plugin and admin-ui in WEB-INF/lib and no
 * web.xml: who gets in, CSRF and same-origin refusals, malformed input, one capture per form, and
 * the list's paging, filters and search.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {
  static final String NAME = "admin-api";

  @Deployment(testable = false)
  static WebArchive deployment() {
    return adminStorefront(NAME);
  }

  /** A storefront with the plugin, the admin, the scripted provider and the test fixture. */
  static WebArchive adminStorefront(String name) {
    return Deployments.storefront(name, Map.of())
        .addAsLibraries(Deployments.adminJars())
        .addAsLibraries(Deployments.jars("plugin-impl-0.1.0-SNAPSHOT-tests"))
        .addClass(AdminFixtureServlet.class)
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  private final AdminClient admin = AdminClient.admin(NAME);

  private static String order(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String capture(String mode, String extra, String key, Integer seen) {
    return "{\"mode\":\"" + mode + "\"" + extra + ",\"reason\":\"shipped\",\"idempotencyKey\":\"" + key + "\""
        + (seen == null ? "" : ",\"seen\":" + seen) + "}";
  }

  @Test
  void anonymousUsersAndUsersWithoutTheRoleGetNothing() throws Exception {
    String id = admin.createPayment(order("ANON"));
    List<String> paths = List.of("/payments/admin", "/payments/admin/", "/payments/admin/index.html",
        "/payments/admin/payment.html?id=" + id, "/payments/admin/admin.js", "/payments/admin/admin.css",
        "/payments/admin/api/session", "/payments/admin/api/payments", "/payments/admin/api/payments/" + id);
    AdminClient anonymous = AdminClient.anonymous(NAME);
    AdminClient wrongPassword = AdminClient.as(NAME, AdminClient.ADMIN, "not-the-password");
    AdminClient clerk = AdminClient.as(NAME, AdminClient.CLERK, AdminClient.CLERK_PASSWORD);
    for (String path : paths) {
      HttpResponse<String> refused = anonymous.get(path);
      assertThat(refused.statusCode()).as(path).isEqualTo(401);
      assertThat(refused.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
          v -> assertThat(v).startsWith("Basic").contains("ApplicationRealm"));
      assertThat(refused.body()).as(path).doesNotContain("Lovelace");
      assertThat(wrongPassword.get(path).statusCode()).as(path).isEqualTo(401);
      assertThat(clerk.get(path).statusCode()).as(path).isEqualTo(403);
    }
    String body = capture("remaining", "", "admin-anonymous-1", null);
    assertThat(anonymous.post("/payments/admin/api/payments/" + id + "/capture", body).statusCode()).isEqualTo(401);
    assertThat(clerk.post("/payments/admin/api/payments/" + id + "/capture", body).statusCode()).isEqualTo(403);
    assertThat(admin.payment(id).path("status").asText()).isEqualTo("AUTHORIZED");

    assertThat(admin.get("/payments/admin/").statusCode()).isEqualTo(200);
    assertThat(admin.get("/payments/admin").statusCode()).isEqualTo(302);
  }

  @Test
  void actionsWithoutAValidTokenOrFromAnotherSiteAreRefusedAndChangeNothingAndTheTokenNeedsNoSession() throws Exception {
    String id = admin.createPayment(order("CSRF"));
    int calls = admin.providerCalls("CAPTURE");
    String path = "/payments/admin/api/payments/" + id + "/capture";
    String token = admin.csrfToken();

    HttpResponse<String> noToken = admin.post(path, capture("remaining", "", "admin-csrf-0001", null));
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(AdminClient.json(noToken).at("/error/code").asText()).isEqualTo("csrf_token_invalid");

    HttpResponse<String> wrongToken = admin.post(path, capture("remaining", "", "admin-csrf-0002", null),
        "X-CSRF-Token", token.substring(1) + "x");
    assertThat(wrongToken.statusCode()).isEqualTo(403);

    HttpResponse<String> otherSite = admin.post(path, capture("remaining", "", "admin-csrf-0003", null),
        "X-CSRF-Token", token, "Origin", "http://evil.example");
    assertThat(otherSite.statusCode()).isEqualTo(403);
    assertThat(AdminClient.json(otherSite).at("/error/code").asText()).isEqualTo("cross_origin_refused");

    HttpResponse<String> otherReferer = admin.post(path, capture("remaining", "", "admin-csrf-0004", null),
        "X-CSRF-Token", token, "Referer", "http://evil.example/payments/admin/");
    assertThat(otherReferer.statusCode()).isEqualTo(403);

    String previousWindow = (Long.parseLong(token.substring(0, token.indexOf('.'))) - 1) + token.substring(token.indexOf('.'));
    HttpResponse<String> movedWindow = admin.post(path, capture("remaining", "", "admin-csrf-0005", null),
        "X-CSRF-Token", previousWindow);
    assertThat(movedWindow.statusCode()).as("the token's MAC covers its window").isEqualTo(403);

    HttpResponse<String> refresh = admin.post("/payments/admin/api/payments/" + id + "/refresh", "{}");
    assertThat(refresh.statusCode()).as("refresh asks the provider: a state change too").isEqualTo(403);

    JsonNode untouched = admin.payment(id);
    assertThat(untouched.path("status").asText()).isEqualTo("AUTHORIZED");
    assertThat(untouched.at("/ledger/captured").asText()).isEqualTo("0.00");
    assertThat(untouched.path("events")).hasSize(2);
    assertThat(admin.providerCalls("CAPTURE")).isEqualTo(calls);

    // A client without the session that got the token (as another node behind a balancer sees it) is let in.
    AdminClient noSession = AdminClient.admin(NAME);
    HttpResponse<String> allowed = noSession.post(path, capture("remaining", "", "admin-csrf-0006", null),
        "X-CSRF-Token", token, "Origin", noSession.origin());
    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(AdminClient.json(allowed).at("/payment/status").asText()).isEqualTo("CAPTURED");
    assertThat(admin.providerCalls("CAPTURE")).isEqualTo(calls + 1);
  }

  @Test
  void malformedInputGets4xxWithAStableCodeAndChangesNothing() throws Exception {
    String id = admin.createPayment(order("BAD"));
    int calls = admin.providerCalls("CAPTURE") + admin.providerCalls("REFUND") + admin.providerCalls("VOID");
    record Case(int status, String code, String contains, HttpResponse<String> response) {}
    List<Case> cases = new ArrayList<>();
    String base = "/payments/admin/api/payments/";
    cases.add(new Case(400, "invalid_request", "unknown status", admin.get(base.replaceAll("/$", "") + "?status=paid")));
    cases.add(new Case(400, "invalid_request", "cursor is not valid", admin.get("/payments/admin/api/payments?after=xyz")));
    cases.add(new Case(400, "invalid_request", "limit", admin.get("/payments/admin/api/payments?limit=0")));
    cases.add(new Case(400, "invalid_request", "from must be a day", admin.get("/payments/admin/api/payments?from=monday")));
    cases.add(new Case(400, "invalid_request", "not a payment id", admin.get(base + "42")));
    cases.add(new Case(404, "not_found", "no payment", admin.get(base + UUID.randomUUID())));
    cases.add(new Case(404, "not_found", "no admin endpoint", admin.get("/payments/admin/api/nothing")));
    cases.add(new Case(405, "method_not_allowed", "POST", admin.get(base + id + "/capture")));
    cases.add(new Case(404, "not_found", "no admin endpoint", admin.action(id, "settle", "{}")));
    cases.add(new Case(415, "invalid_request", "application/json", admin.post(base + id + "/capture", "mode=remaining",
        "Content-Type", "text/plain", "X-CSRF-Token", admin.csrfToken())));
    cases.add(new Case(400, "invalid_request", "not valid JSON", admin.action(id, "capture", "{\"mode\":")));
    cases.add(new Case(400, "invalid_request", "a reason is required",
        admin.action(id, "capture", "{\"mode\":\"remaining\",\"idempotencyKey\":\"admin-bad-00001\"}")));
    cases.add(new Case(400, "invalid_request", "more decimals than GBP allows",
        admin.action(id, "capture", capture("amount", ",\"amount\":\"1.001\"", "admin-bad-00002", null))));
    cases.add(new Case(409, "illegal_transition", "cannot capture 100.00 GBP: at most 53.95 GBP is open",
        admin.action(id, "capture", capture("amount", ",\"amount\":\"100.00\"", "admin-bad-00003", null))));
    cases.add(new Case(409, "illegal_transition", "line l1: at most 2 can be captured",
        admin.action(id, "capture", capture("lines", ",\"lines\":{\"l1\":\"3\"}", "admin-bad-00004", null))));
    cases.add(new Case(400, "invalid_request", "the payment has no line x9",
        admin.action(id, "capture", capture("lines", ",\"lines\":{\"x9\":\"1\"}", "admin-bad-00005", null))));
    cases.add(new Case(409, "illegal_transition", "nothing has been captured yet",
        admin.action(id, "refund", capture("remaining", "", "admin-bad-00006", null))));
    cases.add(new Case(409, "illegal_transition", "changed since this form was shown",
        admin.action(id, "capture", capture("remaining", "", "admin-bad-00007", 1))));
    for (Case c : cases) {
      assertThat(c.response().statusCode()).as(c.contains() + ": " + c.response().body()).isEqualTo(c.status());
      JsonNode error = AdminClient.json(c.response()).path("error");
      assertThat(error.path("code").asText()).as(c.contains()).isEqualTo(c.code());
      assertThat(error.path("message").asText()).as(c.code()).contains(c.contains());
    }
    JsonNode untouched = admin.payment(id);
    assertThat(untouched.path("events")).as("nothing was recorded").hasSize(2);
    assertThat(untouched.at("/ledger/captured").asText()).isEqualTo("0.00");
    assertThat(admin.providerCalls("CAPTURE") + admin.providerCalls("REFUND") + admin.providerCalls("VOID"))
        .isEqualTo(calls);
  }

  @Test
  void anActionThatDoesNotSayWhatItCoversIsRefusedAndNeverCapturesEverything() throws Exception {
    String id = admin.createPayment(order("STRICT"));
    int calls = admin.providerCalls("CAPTURE") + admin.providerCalls("REFUND") + admin.providerCalls("VOID");
    record Case(String action, String body, String param, String problem) {}
    List<Case> cases = List.of(
        new Case("capture", "{\"amount\":\"1.00\",\"reason\":\"x\",\"idempotencyKey\":\"admin-strict-01\"}",
            "mode", "missing"),
        new Case("capture", "{\"mode\":null,\"amount\":\"0.01\",\"reason\":\"x\",\"idempotencyKey\":\"admin-strict-02\"}",
            "mode", "missing"),
        new Case("void", "{\"reason\":\"x\",\"idempotencyKey\":\"admin-strict-03\"}", "mode", "missing"),
        new Case("capture", capture("everything", "", "admin-strict-04", null), "mode", "unknown_value"),
        new Case("capture", capture("remaining", ",\"amount\":\"0.01\"", "admin-strict-05", null), "amount",
            "not_for_mode"),
        new Case("capture", capture("amount", ",\"amount\":\"-1.00\"", "admin-strict-06", null), "amount",
            "invalid_value"),
        new Case("capture", capture("amount", ",\"amount\":1", "admin-strict-07", null), "amount", "wrong_type"),
        new Case("capture", capture("amount", ",\"amuont\":\"1.00\"", "admin-strict-08", null), "amuont",
            "unknown_field"),
        new Case("capture", "{\"mode\":\"amount\",\"amount\":\"0.01\",\"mode\":\"remaining\",\"reason\":\"x\","
            + "\"idempotencyKey\":\"admin-strict-09\"}", "body", "invalid_json"));
    for (Case c : cases) {
      HttpResponse<String> answer = admin.action(id, c.action(), c.body());
      assertThat(answer.statusCode()).as(c.body() + " → " + answer.body()).isEqualTo(400);
      JsonNode error = AdminClient.json(answer).path("error");
      assertThat(error.path("code").asText()).as(c.body()).isEqualTo("invalid_request");
      assertThat(error.path("param").asText()).as(c.body()).isEqualTo(c.param());
      assertThat(error.path("problem").asText()).as(c.body()).isEqualTo(c.problem());
    }
    JsonNode untouched = admin.payment(id);
    assertThat(untouched.path("events")).as("nothing was recorded").hasSize(2);
    assertThat(untouched.at("/ledger/captured").asText()).isEqualTo("0.00");
    assertThat(untouched.at("/ledger/voided").asText()).isEqualTo("0.00");
    assertThat(admin.providerCalls("CAPTURE") + admin.providerCalls("REFUND") + admin.providerCalls("VOID"))
        .isEqualTo(calls);
  }

  @Test
  void theSameFormSentManyTimesAtOnceCapturesOnce() throws Exception {
    String id = admin.createPayment(order("TWICE"));
    JsonNode shown = admin.payment(id);
    String key = shown.at("/actions/capture/idempotencyKey").asText();
    int seen = shown.path("seen").asInt();
    int calls = admin.providerCalls("CAPTURE");
    String body = capture("remaining", "", key, seen);
    admin.csrfToken();
    List<HttpResponse<String>> answers = concurrently(5, () -> admin.action(id, "capture", body));
    assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(200));
    assertThat(admin.providerCalls("CAPTURE")).isEqualTo(calls + 1);
    JsonNode after = admin.payment(id);
    assertThat(after.at("/ledger/captured").asText()).isEqualTo("53.95");
    assertThat(after.path("events").findValuesAsText("kind")).containsOnlyOnce("CAPTURED");
  }

  @Test
  void twoTabsShowingTheSamePaymentCaptureOnce() throws Exception {
    String id = admin.createPayment(order("TABS"));
    AdminClient secondAdmin = AdminClient.admin(NAME);
    JsonNode tabOne = admin.payment(id);
    JsonNode tabTwo = secondAdmin.payment(id);
    assertThat(tabOne.at("/actions/capture/idempotencyKey").asText())
        .isNotEqualTo(tabTwo.at("/actions/capture/idempotencyKey").asText());
    int calls = admin.providerCalls("CAPTURE");
    admin.csrfToken();
    secondAdmin.csrfToken();
    List<HttpResponse<String>> answers = concurrently(2, List.of(
        () -> admin.action(id, "capture", capture("amount", ",\"amount\":\"10.00\"",
            tabOne.at("/actions/capture/idempotencyKey").asText(), tabOne.path("seen").asInt())),
        () -> secondAdmin.action(id, "capture", capture("amount", ",\"amount\":\"10.00\"",
            tabTwo.at("/actions/capture/idempotencyKey").asText(), tabTwo.path("seen").asInt()))));
    assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(200, 409);
    assertThat(answers).filteredOn(a -> a.statusCode() == 409).singleElement()
        .satisfies(a -> assertThat(a.body()).contains("changed since this form was shown"));
    assertThat(admin.providerCalls("CAPTURE")).isEqualTo(calls + 1);
    assertThat(admin.payment(id).at("/ledger/captured").asText()).isEqualTo("10.00");
  }

  @Test
  void theListPagesNewestFirstAndFiltersAndSearches() throws Exception {
    String prefix = "LIST" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    List<String> created = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      created.add(0, admin.createPayment(prefix + "-" + i, "Grace", "Hopper " + prefix, "grace." + prefix.toLowerCase()
          + "@example.com", i == 3 ? "started" : "authorized"));
    }
    List<String> paged = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      HttpResponse<String> page = admin.get("/payments/admin/api/payments?q=" + prefix + "&limit=3"
          + (next == null ? "" : "&after=" + next));
      assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
      JsonNode json = AdminClient.json(page);
      json.path("payments").forEach(p -> paged.add(p.path("id").asText()));
      next = json.path("next").isNull() ? null : json.path("next").asText();
      pages++;
    } while (next != null && pages < 10);
    assertThat(paged).containsExactlyElementsOf(created);
    assertThat(pages).isEqualTo(3);

    JsonNode started = AdminClient.json(admin.get("/payments/admin/api/payments?status=started&q=" + prefix));
    assertThat(started.path("payments")).singleElement().satisfies(p -> {
      assertThat(p.path("orderReference").asText()).isEqualTo(prefix + "-3");
      assertThat(p.path("total").asText()).isEqualTo("53.95");
      assertThat(p.path("currency").asText()).isEqualTo("GBP");
    });
    assertThat(AdminClient.json(admin.get("/payments/admin/api/payments?q=grace%20hopper%20" + prefix.toLowerCase()))
        .path("payments")).hasSize(7);
    assertThat(AdminClient.json(admin.get("/payments/admin/api/payments?q=GRACE." + prefix + "@EXAMPLE.COM"))
        .path("payments")).hasSize(7);
    assertThat(AdminClient.json(admin.get("/payments/admin/api/payments?provider=scripted&status=authorized&q=" + prefix))
        .path("payments")).hasSize(6);
    assertThat(AdminClient.json(admin.get("/payments/admin/api/payments?provider=dintero&q=" + prefix))
        .path("payments")).isEmpty();
    assertThat(AdminClient.json(admin.get("/payments/admin/api/payments?to=2000-01-01&q=" + prefix))
        .path("payments")).isEmpty();
    Set<String> all = new HashSet<>();
    AdminClient.json(admin.get("/payments/admin/api/payments?limit=100")).path("payments")
        .forEach(p -> all.add(p.path("id").asText()));
    assertThat(all).containsAll(created);
  }

  @Test
  void pagesCarryAStrictContentSecurityPolicy() throws Exception {
    for (String path : List.of("/payments/admin/", "/payments/admin/payment.html", "/payments/admin/api/session")) {
      HttpResponse<String> page = admin.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(csp ->
          assertThat(csp).contains("default-src 'none'", "script-src 'self'", "frame-ancestors 'none'")
              .doesNotContain("unsafe-inline", "unsafe-eval"));
      assertThat(page.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
      assertThat(page.headers().firstValue("Cache-Control")).as(path).contains("no-store");
    }
    HttpResponse<String> index = admin.get("/payments/admin/");
    assertThat(index.body()).contains("<script type=\"module\" src=\"list.js\"></script>").doesNotContain("style=");
    assertThat(admin.get("/payments/admin/list.js").headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).contains("javascript"));
  }

  private static List<HttpResponse<String>> concurrently(int times, Callable<HttpResponse<String>> call)
      throws Exception {
    List<Callable<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < times; i++) {
      calls.add(call);
    }
    return concurrently(times, calls);
  }

  private static List<HttpResponse<String>> concurrently(int threads, List<Callable<HttpResponse<String>>> calls)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : pool.invokeAll(calls)) {
        answers.add(f.get());
      }
      return answers;
    } finally {
      pool.shutdown();
    }
  }
}
