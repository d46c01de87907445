package io.checkoutbridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Figure 2: a burst of signed Dintero callbacks from many concurrent clients into one node, then
 * the ledger is checked.
 *
 * <p>Preparation: payments started through the plugin, approved on the sandbox's hosted page with
 * the sandbox's own callbacks dropped (a scripted fault), then captured at the sandbox directly, so
 * the plugin learns everything from the burst. Per payment the burst carries three distinct
 * deliveries (the authorisation, the capture event, a repeated notification with a later time),
 * each sent twice, all shuffled: the capture often arrives before the authorisation. Every callback
 * is sealed and carries a valid {@code Dintero-Signature}. The plugin answers a callback once it is
 * recorded and applies it right after, so throughput and latency are the provider's view, and the
 * time until the inbox has drained gives the end-to-end rate. Then every payment must have made
 * exactly CREATED, AUTHORIZED, CAPTURED, each once, and the inbox must hold each distinct delivery
 * once with both deliveries counted.
 */
final class CallbackBench {
  private static final String ACCOUNT = "T12345678";
  static final String[] EXPECTED = {"CREATED", "AUTHORIZED", "CAPTURED"};

  private final Env env;
  private final Report report;
  private final CheckoutBench checkouts;

  CallbackBench(Env env, Report report, CheckoutBench checkouts) {
    this.env = env;
    this.report = report;
    this.checkouts = checkouts;
  }

  record Prepared(String paymentId, String transactionId, String sessionId, String reference) {}

  record Delivery(Prepared payment, String url, String deliveryId) {}

  void run() throws Exception {
    int payments = env.full ? 1_000 : 20;
    int clients = env.full ? 32 : 8;
    List<Prepared> prepared = prepare(payments);

    List<Delivery> burst = new ArrayList<>();
    long now = Instant.now().getEpochSecond();
    for (Prepared p : prepared) {
      String authorised = "bench-" + UUID.randomUUID();
      String captured = "bench-" + UUID.randomUUID();
      String repeated = "bench-" + UUID.randomUUID();
      String base = env.base + "/payments/callback/dintero?" + Env.callbackSeal(p.paymentId())
          + "&transaction_id=" + enc(p.transactionId()) + "&session_id=" + enc(p.sessionId())
          + "&merchant_reference=" + enc(p.reference());
      String first = base + "&time=" + enc(Instant.ofEpochSecond(now - 30).toString());
      String capture = base + "&time=" + enc(Instant.ofEpochSecond(now - 20).toString())
          + "&event=CAPTURE&event_id=" + enc("ev-" + p.transactionId());
      String later = base + "&time=" + enc(Instant.ofEpochSecond(now - 10).toString());
      for (int copy = 0; copy < 2; copy++) {
        burst.add(new Delivery(p, first, authorised));
        burst.add(new Delivery(p, capture, captured));
        burst.add(new Delivery(p, later, repeated));
      }
    }
    Collections.shuffle(burst, new Random(42));

    ConcurrentLinkedQueue<Delivery> queue = new ConcurrentLinkedQueue<>(burst);
    Stats latency = new Stats();
    AtomicInteger failed = new AtomicInteger();
    ConcurrentLinkedQueue<Delivery> retries = new ConcurrentLinkedQueue<>();
    Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    long t0 = System.nanoTime();
    List<Future<?>> running = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      running.add(pool.submit(() -> {
        for (Delivery d; (d = queue.poll()) != null; ) {
          long s = System.nanoTime();
          try {
            Env.Answer a = env.send("GET", d.url(), null, null, Map.of(
                "Dintero-Signature", signature(d.url()), "event-delivery", d.deliveryId()));
            statuses.computeIfAbsent(a.status(), k -> new AtomicInteger()).incrementAndGet();
            if (a.status() != 200) {
              failed.incrementAndGet();
              retries.add(d);
            }
          } catch (IOException e) {
            failed.incrementAndGet();
            retries.add(d);
          }
          latency.add(System.nanoTime() - s);
        }
        return null;
      }));
    }
    for (Future<?> f : running) {
      f.get();
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    pool.shutdown();
    double throughput = burst.size() / seconds;
    // As the provider does: a delivery answered 5xx (or not at all) is delivered again, later.
    int retried = 0;
    for (Delivery d; (d = retries.poll()) != null; retried++) {
      env.send("GET", d.url(), null, null, Map.of("Dintero-Signature", signature(d.url()), "event-delivery",
          d.deliveryId())).expect(200);
    }

    // Callbacks are answered once recorded and applied right after: the ledger is checked once the
    // inbox has nothing left to do, and that moment gives the end-to-end rate.
    double appliedSeconds = awaitInboxDrained(t0);
    double appliedRate = burst.size() / appliedSeconds;

    Check check = check(prepared, burst.size());
    report.row("2. callbacks" + env.on + ": throughput (" + burst.size() + " from " + clients + " clients)",
        Report.num(throughput, "%.0f /s"), "", "", ">= 1000 /s", throughput >= 1000);
    report.row("2. callbacks" + env.on + ": p50", Report.ms(latency.medianMillis()), "", "", "-", null);
    report.row("2. callbacks" + env.on + ": p99", Report.ms(latency.percentileMillis(99)), "", "", "< 100 ms",
        latency.percentileMillis(99) < 100);
    report.row("2. callbacks" + env.on + ": all applied, end to end (" + burst.size() + " callbacks)",
        Report.num(appliedRate, "%.0f /s"), "", "", "(information)", null);
    report.row("2. callbacks" + env.on + ": wrong transitions", Integer.toString(check.wrong), "", "", "0", check.wrong == 0);
    report.row("2. callbacks" + env.on + ": answered 5xx (delivered again afterwards)", Integer.toString(failed.get()), "", "",
        "(information)", null);
    report.section("2. callbacks" + env.on, String.format(Locale.ROOT,
        "%d payments, %d callbacks (%d distinct deliveries, each twice, shuffled), %d clients, %.2f s%n"
            + "HTTP statuses %s; %d delivered again after the burst, all answered 200%nlatency p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n"
            + "every delivery applied %.2f s after the burst began (%.0f callbacks/s end to end)%n%s",
        prepared.size(), burst.size(), burst.size() / 2, clients, seconds, statuses, retried,
        latency.medianMillis(), latency.percentileMillis(90), latency.percentileMillis(99),
        latency.percentileMillis(100), appliedSeconds, appliedRate, check.text));
  }

  /** Seconds from {@code t0} until no bench delivery is left unprocessed (at most two minutes). */
  private double awaitInboxDrained(long t0) throws Exception {
    long deadline = System.nanoTime() + 120_000_000_000L;
    while (System.nanoTime() < deadline) {
      try (Connection c = env.db();
          PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM cb_callback_inbox"
              + " WHERE dedupe_key LIKE 'dintero:delivery:bench-%' AND processed_at IS NULL");
          ResultSet rs = s.executeQuery()) {
        rs.next();
        if (rs.getLong(1) == 0) {
          return (System.nanoTime() - t0) / 1e9;
        }
      }
      Thread.sleep(10);
    }
    return (System.nanoTime() - t0) / 1e9; // the check below counts what is left as wrong
  }

  /** Payments authorised and captured at the sandbox, of which the plugin has heard nothing yet. */
  private List<Prepared> prepare(int payments) throws Exception {
    env.send("DELETE", env.sandbox("/_faults")).expect(200, 204);
    env.send("POST", env.sandbox("/_faults"), null, "{\"provider\":\"dintero\",\"operation\":\"callback\",\"mode\":\"drop\","
        + "\"count\":" + (payments * 4) + "}", null).expect(200, 201, 204);
    String token = dinteroToken();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Prepared>> futures = new ArrayList<>();
    for (int i = 0; i < payments; i++) {
      futures.add(pool.submit(() -> {
        String order = checkouts.nextOrder("dintero");
        JsonNode started = env.send("POST", env.base + "/bench/start?provider=dintero&order=" + order + "&lines="
            + CheckoutBench.LINES).expect(200).json();
        String paymentId = started.get("paymentId").asText();
        Env.Answer pressed = env.send("POST", started.get("redirect").asText(), "application/x-www-form-urlencoded",
            "action=approve", null).expect(303);
        String query = URI.create(pressed.location()).getRawQuery();
        String tx = CheckoutBench.query(query, "transaction_id");
        String session = CheckoutBench.query(query, "session_id");
        String reference = CheckoutBench.query(query, "merchant_reference");
        JsonNode transaction = env.send("GET", env.sandbox("/dintero/checkout/v1/transactions/" + tx), null, null,
            Map.of("Authorization", "Bearer " + token)).expect(200).json();
        env.send("POST", env.sandbox("/dintero/checkout/v1/transactions/" + tx + "/capture"), null,
            "{\"amount\":" + transaction.get("amount").asText() + ",\"capture_reference\":\"bench-" + tx + "\"}",
            Map.of("Authorization", "Bearer " + token)).expect(200);
        return new Prepared(paymentId, tx, session, reference);
      }));
    }
    List<Prepared> prepared = new ArrayList<>();
    for (Future<Prepared> f : futures) {
      prepared.add(f.get());
    }
    pool.shutdown();
    Thread.sleep(1000); // the sandbox's (dropped) callbacks are sent asynchronously
    env.send("DELETE", env.sandbox("/_faults")).expect(200, 204);
    return prepared;
  }

  private String dinteroToken() throws IOException {
    String audience = env.sandbox("/dintero/api/v1/accounts/" + ACCOUNT);
    return env.send("POST", env.sandbox("/dintero/api/v1/accounts/" + ACCOUNT + "/auth/token"), null,
        "{\"grant_type\":\"client_credentials\",\"audience\":\"" + audience + "\"}",
        Map.of("Authorization", CheckoutBench.basic("sandbox-client-id", "sandbox-client-secret")))
        .expect(200).json().get("access_token").asText();
  }

  record Check(int wrong, String text) {}

  /** Every payment made exactly its transitions, each once; the inbox holds each delivery once. */
  private Check check(List<Prepared> prepared, int sent) throws Exception {
    int wrong = 0;
    Map<String, Integer> shapes = new LinkedHashMap<>();
    try (Connection c = env.db();
        PreparedStatement events = c.prepareStatement(
            "SELECT kind FROM cb_payment_event WHERE payment_id = ? ORDER BY seq");
        PreparedStatement status = c.prepareStatement("SELECT status FROM cb_payment WHERE id = ?")) {
      for (Prepared p : prepared) {
        events.setString(1, p.paymentId());
        List<String> kinds = new ArrayList<>();
        try (ResultSet rs = events.executeQuery()) {
          while (rs.next()) {
            kinds.add(rs.getString(1));
          }
        }
        status.setString(1, p.paymentId());
        String st;
        try (ResultSet rs = status.executeQuery()) {
          rs.next();
          st = rs.getString(1);
        }
        String shape = String.join(",", kinds) + " -> " + st;
        shapes.merge(shape, 1, Integer::sum);
        if (!kinds.equals(List.of(EXPECTED)) || !"CAPTURED".equals(st)) {
          wrong++;
        }
      }
    }
    long rows;
    long deliveries;
    long unprocessed;
    try (Connection c = env.db();
        PreparedStatement s = c.prepareStatement("SELECT COUNT(*), COALESCE(SUM(deliveries), 0),"
            + " COUNT(*) - COUNT(processed_at) FROM cb_callback_inbox WHERE dedupe_key LIKE 'dintero:delivery:bench-%'");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      rows = rs.getLong(1);
      deliveries = rs.getLong(2);
      unprocessed = rs.getLong(3);
    }
    if (rows != sent / 2 || unprocessed != 0 || deliveries != sent) {
      wrong++; // a distinct delivery recorded twice or never, left unprocessed, or a delivery not counted
    }
    StringBuilder text = new StringBuilder("ledger after the burst (event kinds -> status: payments):\n");
    shapes.forEach((k, v) -> text.append("  ").append(k).append(": ").append(v).append('\n'));
    text.append(String.format(Locale.ROOT, "inbox: %d rows for %d distinct deliveries, %d unprocessed; %d deliveries"
        + " counted for %d sent", rows, sent / 2, unprocessed, deliveries, sent));
    return new Check(wrong, text.toString());
  }

  // ---- Dintero-Signature, as the provider computes it --------------------------------------------

  static String signature(String url) {
    long t = Instant.now().getEpochSecond();
    URI uri = URI.create(url);
    List<String[]> params = new ArrayList<>();
    for (String pair : uri.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      params.add(new String[] {dec(pair.substring(0, eq)), dec(pair.substring(eq + 1))});
    }
    params.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
    StringBuilder query = new StringBuilder();
    for (String[] p : params) {
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(enc(p[0])).append('=').append(enc(p[1]));
    }
    String payload = t + "\n" + ACCOUNT + "\nGET\n" + uri.getHost().toLowerCase(Locale.ROOT) + "\n" + uri.getRawPath()
        + "\n" + query;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(Env.DINTERO_SIGNATURE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "t=" + t + ",v0-hmac-sha256=" + HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String dec(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
