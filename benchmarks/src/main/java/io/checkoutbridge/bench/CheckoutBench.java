package io.checkoutbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Figure 1: a checkout through the plugin against the same provider requests sent with a bare
 * OkHttp client.
 *
 * <p>A checkout through the plugin is what a shopper's browser and the storefront cause: the
 * storefront's {@code Payments.start} (here {@code POST /bench/start}), for redirect providers the
 * approval on the sandbox's hosted page and the return to {@code /payments/return/{provider}}
 * (303 to the shop), while the sandbox's callback reaches {@code /payments/callback/{provider}}.
 * The baseline sends, from the same driver, the provider requests the plugin sent for a
 * calibration checkout (read from the sandbox's journal: same methods, paths and bodies, with the
 * new ids of each checkout put in), and the same approval. Its callback goes to a servlet that does
 * nothing. Both run one checkout at a time, alternating in blocks, so noise hits both alike.
 */
final class CheckoutBench {
  static final int LINES = 5;
  private static final String CARD = "4111111111111111";

  private final Env env;
  private final Report report;
  private final AtomicLong orders = new AtomicLong();
  private final String runId = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36).toUpperCase(Locale.ROOT);

  CheckoutBench(Env env, Report report) {
    this.env = env;
    this.report = report;
  }

  String nextOrder(String provider) {
    return "B" + provider.substring(0, 1).toUpperCase(Locale.ROOT) + "-" + runId + "-" + orders.incrementAndGet();
  }

  /** One journal entry the baseline sends again. */
  record Call(String method, String path, String query, String contentType, String body, boolean afterShopper,
      int status, boolean shopper) {
    /** Method and path with every id-like segment (6+ characters with a digit) as {@code {id}}. */
    String describe() {
      StringBuilder out = new StringBuilder(method).append(' ');
      for (String segment : path.split("/", -1)) {
        if (out.charAt(out.length() - 1) != ' ') {
          out.append('/');
        }
        int dash = segment.indexOf('-');
        String prefix = dash > 0 && dash < 8 ? segment.substring(0, dash + 1) : "";
        String rest = segment.substring(prefix.length());
        out.append(rest.length() >= 6 && rest.matches(".*[0-9].*") ? prefix + "{id}" : segment);
      }
      return out.toString();
    }
  }

  /** What a calibration checkout sent, and the ids it used, to be replaced in the baseline. */
  record Template(String provider, List<Call> calls, Map<String, String> oldIds) {}

  void run(String provider) throws Exception {
    int calibrations = env.full ? 10 : 1;
    int warmup = env.full ? 100 : 2;
    int measured = env.full ? 300 : 4;
    int block = env.full ? 20 : 2;

    // The cost of one durable write, on PostgreSQL (embedded H2 is read here through a TCP server,
    // which would not time the server's own commits).
    double commit = env.onPostgres() ? commitLatency(env.full ? 100 : 10) : Double.NaN;
    Template template = calibrate(provider, calibrations);
    Baseline baseline = new Baseline(template);
    for (int i = 0; i < warmup; i++) {
      pluginCheckout(provider, nextOrder(provider));
      baseline.checkout(nextOrder(provider));
    }
    Stats plugin = new Stats();
    Stats bare = new Stats();
    while (plugin.count() < measured) {
      for (int i = 0; i < block; i++) {
        long t0 = System.nanoTime();
        pluginCheckout(provider, nextOrder(provider));
        plugin.add(System.nanoTime() - t0);
      }
      for (int i = 0; i < block; i++) {
        long t0 = System.nanoTime();
        baseline.checkout(nextOrder(provider));
        bare.add(System.nanoTime() - t0);
      }
    }
    double ratio = plugin.medianMillis() / bare.medianMillis();
    String figure = "1. checkout " + provider + env.on;
    report.row(figure + ": median (n=" + plugin.count() + ")", Report.ms(plugin.medianMillis()),
        Report.ms(bare.medianMillis()), Report.num(ratio, "%.2f"), "ratio <= 1.10", ratio <= 1.10);
    double difference = plugin.medianMillis() - bare.medianMillis();
    report.section(figure, String.format(Locale.ROOT,
        "plugin  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms%nbare    p50 %.2f ms  p90 %.2f ms  p99 %.2f ms%n"
            + "difference of the medians %.2f ms",
        plugin.medianMillis(), plugin.percentileMillis(90), plugin.percentileMillis(99),
        bare.medianMillis(), bare.percentileMillis(90), bare.percentileMillis(99), difference)
        + (Double.isNaN(commit) ? "" : String.format(Locale.ROOT, " = %.1f PostgreSQL commits (a single-row INSERT"
            + " commits in %.2f ms, median, measured just before)", difference / commit, commit)));
    if (!Double.isNaN(commit)) {
      report.row(figure + ": PostgreSQL commit, single-row INSERT", Report.ms(commit), "", "", "(bound)", null);
    }
  }

  /**
   * The median time to commit one single-row INSERT in the benchmark's schema: what every durable
   * write of the ledger costs at least on this machine (the WAL is flushed at each commit).
   */
  private double commitLatency(int commits) throws SQLException {
    Stats stats = new Stats();
    try (Connection c = env.db(); java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE cb_bench_commit_probe (id INT)");
      try (PreparedStatement insert = c.prepareStatement("INSERT INTO cb_bench_commit_probe VALUES (?)")) {
        for (int i = 0; i < commits; i++) {
          long t0 = System.nanoTime();
          insert.setInt(1, i);
          insert.executeUpdate();
          stats.add(System.nanoTime() - t0);
        }
      } finally {
        s.execute("DROP TABLE cb_bench_commit_probe");
      }
    }
    return stats.medianMillis();
  }

  /** A checkout as the storefront and the shopper's browser make it. Answers the payment id. */
  String pluginCheckout(String provider, String order) throws IOException {
    JsonNode started = env.send("POST", env.base + "/bench/start?provider=" + provider + "&order=" + order
        + "&lines=" + LINES).expect(200).json();
    if (started.has("redirect")) {
      Env.Answer pressed = env.send("POST", started.get("redirect").asText(), "application/x-www-form-urlencoded",
          "action=" + shopperAction(provider), null).expect(303);
      env.send("GET", pressed.location()).expect(303);
    } else if (!"AUTHORIZED".equals(started.path("status").asText())) {
      throw new IOException(provider + " checkout not authorised: " + started);
    }
    return started.get("paymentId").asText();
  }

  /** The button the shopper presses on the provider's page. */
  static String shopperAction(String provider) {
    return switch (provider) {
      case "hokodo" -> "accept";
      case "felloh" -> "card";
      default -> "approve";
    };
  }

  private static boolean shopperPage(String path) {
    return path.contains("/pay/") || path.contains("/embed/");
  }

  // ---- calibration: what the plugin sends, counted from the sandbox's journal ----------------

  private Template calibrate(String provider, int checkouts) throws Exception {
    Template template = null;
    long startCalls = 0;
    long allCalls = 0;
    Map<String, Integer> kinds = new LinkedHashMap<>();
    pluginCheckout(provider, nextOrder(provider)); // the token is cached from here on
    awaitQuietJournal(provider);
    for (int n = 0; n < checkouts; n++) {
      env.send("DELETE", env.sandbox("/_journal")).expect(200, 204);
      String order = nextOrder(provider);
      String paymentId = pluginCheckout(provider, order);
      awaitCallback(provider, paymentId);
      awaitQuietJournal(provider);
      JsonNode journal = env.send("GET", env.sandbox("/_journal?provider=" + provider + "&direction=in"))
          .expect(200).json();
      List<Call> calls = new ArrayList<>();
      boolean afterShopper = false;
      for (JsonNode e : journal) {
        String path = e.path("path").asText();
        if (shopperPage(path)) {
          // the shopper's browser on the hosted page, not the plugin: sent again by the baseline, not counted
          if ("POST".equals(e.path("method").asText()) && !afterShopper) {
            String pageQuery = e.path("query").isTextual() && !e.path("query").asText().isEmpty()
                ? e.path("query").asText() : null;
            calls.add(new Call("POST", path, pageQuery, "application/x-www-form-urlencoded",
                "action=" + shopperAction(provider), false, 303, true));
          }
          afterShopper = true;
          continue;
        }
        allCalls++;
        if (!afterShopper) {
          startCalls++;
        }
        String query = e.path("query").isTextual() ? e.path("query").asText() : null;
        JsonNode body = e.get("body");
        String text = body == null || body.isNull() ? null : body.isTextual() ? body.asText() : Env.JSON.writeValueAsString(body);
        String type = e.at("/headers/content-type").asText(null);
        Call call = new Call(e.path("method").asText(), path, query == null || query.isEmpty() ? null : query,
            type, text, afterShopper, e.path("status").asInt(), false);
        kinds.merge((afterShopper ? "after the shopper: " : "start: ") + call.describe() + " -> " + call.status(), 1,
            Integer::sum);
        calls.add(call);
      }
      if (calls.stream().noneMatch(c -> c.path().contains("/token") || c.path().contains("/organisations")
          || c.path().contains("/users"))) {
        template = new Template(provider, calls, oldIds(paymentId, order));
      }
    }
    if (template == null) {
      throw new IllegalStateException("every calibration checkout fetched a token; none to use as a template");
    }
    if (!env.onPostgres()) {
      return template; // the provider calls do not depend on the database: counted once, on PostgreSQL
    }
    double perStart = (double) startCalls / checkouts;
    double perCheckout = (double) allCalls / checkouts;
    int minimum = "kibo".equals(provider) ? 2 : "dintero".equals(provider) ? 3 : "felloh".equals(provider) ? 1 : 2;
    report.row("1. checkout " + provider + ": provider round trips to start", Report.num(perStart, "%.1f"), "", "",
        "= " + minimum, perStart <= minimum + 1e-9);
    report.row("1. checkout " + provider + ": provider round trips, whole checkout", Report.num(perCheckout, "%.1f"),
        "", "", "(information)", null);
    StringBuilder text = new StringBuilder("provider calls over " + checkouts + " sequential checkouts (sandbox journal):\n");
    kinds.forEach((k, v) -> text.append(String.format(Locale.ROOT, "  %5.1f  %s%n", (double) v / checkouts, k)));
    report.section("1. checkout " + provider, text.toString());
    return template;
  }

  private Map<String, String> oldIds(String paymentId, String order) throws SQLException, IOException {
    Map<String, String> ids = new LinkedHashMap<>();
    ids.put("payment", paymentId);
    ids.put("order", order);
    try (Connection c = env.db();
        PreparedStatement s = c.prepareStatement("SELECT provider_refs FROM cb_payment WHERE id = ?")) {
      s.setString(1, paymentId);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          JsonNode refs = Env.JSON.readTree(rs.getString(1));
          for (String role : List.of("draft_order_id", "order_id", "session_id", "transaction_id", "offer_id",
              "payment_plan_id", "deferred_payment_id", "ecommerce_id")) {
            if (refs.hasNonNull(role)) {
              ids.put(role, refs.get(role).asText());
            }
          }
        }
      }
    }
    return ids;
  }

  /** Waits until the sandbox's callback for the payment was processed (providers that call back). */
  private void awaitCallback(String provider, String paymentId) throws Exception {
    if (!"dintero".equals(provider)) {
      return;
    }
    long deadline = System.currentTimeMillis() + 10_000;
    while (System.currentTimeMillis() < deadline) {
      try (Connection c = env.db();
          PreparedStatement s = c.prepareStatement(
              "SELECT COUNT(*) FROM cb_callback_inbox WHERE payment_id = ? AND processed_at IS NOT NULL")) {
        s.setString(1, paymentId);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          if (rs.getInt(1) > 0) {
            return;
          }
        }
      }
      Thread.sleep(20);
    }
    throw new IllegalStateException("no callback processed for " + paymentId);
  }

  /**
   * Waits until the sandbox's journal for the provider stops growing: the callbacks and
   * notifications of the checkout, and the provider calls they cause, belong to this checkout.
   */
  private void awaitQuietJournal(String provider) throws Exception {
    long deadline = System.currentTimeMillis() + 10_000;
    int last = -1;
    int stable = 0;
    while (System.currentTimeMillis() < deadline && stable < 2) {
      Thread.sleep(250);
      int size = env.send("GET", env.sandbox("/_journal?provider=" + provider)).expect(200).json().size();
      stable = size == last ? stable + 1 : 0;
      last = size;
    }
  }

  // ---- the baseline ----------------------------------------------------------------------------

  /** The plugin's provider requests again, from a bare OkHttp client, with each checkout's own ids. */
  final class Baseline {
    private final Template template;
    private final String token;

    Baseline(Template template) throws IOException {
      this.template = template;
      this.token = token(template.provider());
    }

    void checkout(String order) throws IOException {
      Map<String, String> replace = new LinkedHashMap<>();
      replace.put(template.oldIds().get("payment"), UUID.randomUUID().toString());
      replace.put(template.oldIds().get("order"), order);
      String authToken = null;
      for (Call call : template.calls()) {
        String url = env.sandbox("/" + template.provider() + apply(call.path(), replace)
            + (call.query() == null ? "" : "?" + apply(call.query(), replace)));
        if (call.shopper()) {
          Env.Answer pressed = env.send("POST", url, call.contentType(), call.body(), null).expect(303);
          String query = URI.create(pressed.location()).getRawQuery();
          for (String role : template.oldIds().keySet()) {
            learn(replace, role, query(query, role));
          }
          continue;
        }
        String body = call.body() == null ? null : apply(call.body(), replace);
        if (body != null && authToken != null) {
          body = body.replace("\"authorizationID\":\"***\"", "\"authorizationID\":\"" + authToken + "\"");
        }
        if (body != null && "kibo".equals(template.provider())) {
          body = body.replace("\"cardNumber\":\"***\"", "\"cardNumber\":\"" + CARD + "\"")
              .replace("\"cardSecurityCode\":\"***\"", "\"cardSecurityCode\":\"123\"");
        }
        if (body != null) {
          body = body.replace("/payments/callback/", "/bench/noop/");
        }
        Env.Answer answer = env.send(call.method(), url, call.contentType(), body, headers());
        if (answer.status() >= 400 && answer.status() != call.status()) {
          throw new IOException("baseline " + call.describe() + " answered " + answer.status() + ": " + answer.body());
        }
        JsonNode json;
        try {
          json = answer.body().isEmpty() ? Env.JSON.nullNode() : Env.JSON.readTree(answer.body());
        } catch (IOException notJson) {
          json = Env.JSON.nullNode();
        }
        String path = call.path();
        if (path.endsWith("/draft_orders")) {
          learn(replace, "draft_order_id", Env.text(json, "id", "/order/id"));
        } else if (path.endsWith("/complete")) {
          learn(replace, "order_id", Env.text(json, "/orders/0/id", "id", "/order/id", "order_id"));
        } else if (path.endsWith("/sessions-profile")) {
          learn(replace, "session_id", Env.text(json, "id"));
        } else if (path.endsWith("/authorize")) {
          learn(replace, "order_id", Env.text(json, "orderID"));
          authToken = Env.text(json, "authToken");
        } else if (path.endsWith("/payment/orders") && "POST".equals(call.method())) {
          learn(replace, "order_id", Env.text(json, "id"));
        } else if (path.endsWith("/payment/offers")) {
          learn(replace, "offer_id", Env.text(json, "id"));
        } else if (path.endsWith("/ecommerce") && "POST".equals(call.method())) {
          learn(replace, "ecommerce_id", Env.text(json, "/data/id"));
        }
        learnByShape(replace, json);
      }
    }

    /**
     * Ids not named by a rule (a Hokodo plan or deferred payment, a Felloh transaction): a string in
     * the answer with the same prefix and length as an id of the calibration checkout not yet seen.
     */
    private void learnByShape(Map<String, String> replace, JsonNode json) {
      List<String> strings = new ArrayList<>();
      collect(json, strings);
      for (String old : template.oldIds().values()) {
        if (old == null || replace.containsKey(old) || old.length() < 6) {
          continue;
        }
        int cut = Math.max(old.indexOf('-'), old.indexOf('_'));
        if (cut < 2) {
          continue;
        }
        String prefix = old.substring(0, cut + 1);
        List<String> candidates = strings.stream()
            .filter(v -> v.length() == old.length() && v.startsWith(prefix) && !v.equals(old)).distinct().toList();
        if (candidates.size() == 1) {
          replace.put(old, candidates.get(0));
        }
      }
    }

    private void collect(JsonNode node, List<String> out) {
      if (node.isTextual()) {
        out.add(node.asText());
      }
      node.forEach(child -> collect(child, out));
    }

    private void learn(Map<String, String> replace, String role, String value) {
      String old = template.oldIds().get(role);
      if (old != null && value != null) {
        replace.put(old, value);
      }
    }

    private Map<String, String> headers() {
      return switch (template.provider()) {
        case "kibo" -> Map.of("Authorization", "Bearer " + token, "API-Key", "sandbox-kibo-api-key");
        case "hokodo" -> Map.of("Authorization", "Token " + token);
        default -> Map.of("Authorization", "Bearer " + token);
      };
    }

    private String token(String provider) throws IOException {
      if ("hokodo".equals(provider)) {
        return "sandbox-hokodo-api-key"; // Hokodo takes the API key itself
      }
      if ("felloh".equals(provider)) {
        return env.send("POST", env.sandbox("/felloh/token"), null,
            "{\"public_key\":\"sandbox-felloh-public-key\",\"private_key\":\"sandbox-felloh-private-key\"}", null)
            .expect(200).json().at("/data/token").asText();
      }
      if ("kibo".equals(provider)) {
        return env.send("POST", env.sandbox("/kibo/oauthserver/oauth2/token"), "application/x-www-form-urlencoded",
            "grant_type=client_credentials", Map.of("Authorization", basic("sandbox-kibo-api-key", "sandbox-kibo-secret-key")))
            .expect(200).json().get("access_token").asText();
      }
      String audience = env.sandbox("/dintero/api/v1/accounts/T12345678");
      return env.send("POST", env.sandbox("/dintero/api/v1/accounts/T12345678/auth/token"), null,
          "{\"grant_type\":\"client_credentials\",\"audience\":\"" + audience + "\"}",
          Map.of("Authorization", basic("sandbox-client-id", "sandbox-client-secret")))
          .expect(200).json().get("access_token").asText();
    }
  }

  static String apply(String text, Map<String, String> replace) {
    String out = text;
    for (Map.Entry<String, String> e : replace.entrySet()) {
      out = out.replace(e.getKey(), e.getValue());
    }
    return out;
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  static String query(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
