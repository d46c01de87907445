package io.checkoutbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two WildFly nodes with the same storefront WAR on one PostgreSQL schema, behind HAProxy
 * (round-robin, not sticky), as a shop runs them. The Hokodo simulator keeps its state in memory,
 * so it runs once, as its own WAR on node A, and both nodes' Hokodo base URL points at it, as the
 * real Hokodo is one service for both. The storefront's public URL is the balancer's, so Hokodo's
 * notifications and the shoppers' returns go through it.
 *
 * <p>Shows that an admin works through the balancer on both nodes without a 403 (the CSRF token
 * is not in the HTTP session), and that races of a shopper's return on node A, Hokodo's
 * notification on node B and an admin's capture through the balancer end with exactly one capture
 * per payment at Hokodo (the simulator's journal), nothing captured twice and no payment lost.
 *
 * <p>Starts and stops its own servers and balancer (also when a test fails). Needs PostgreSQL on
 * 127.0.0.1:5432 (database {@code test}; a schema of its own, dropped afterwards) and Debian's
 * {@code haproxy}. Ports: {@code -Dnodes.a.port.offset}, {@code -Dnodes.b.port.offset},
 * {@code -Dnodes.balancer.port}; the number of races: {@code -Dnodes.races}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoNodesIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHOP = "shop";
  private static final String DATASOURCE = "java:jboss/datasources/CheckoutBridgeNodes";
  private static final Pattern CAPTURE = Pattern.compile(".*/payment/deferred_payments/[^/]+/capture(_remaining)?");
  private static final int RACES = Integer.getInteger("it.nodes.races", 1000);
  private static final Duration BOOT = Duration.ofSeconds(240);

  private static final int OFFSET_A = Integer.getInteger("it.nodes.a.port.offset", 300);
  private static final int OFFSET_B = Integer.getInteger("it.nodes.b.port.offset", 400);
  private static final int BALANCER_PORT = Integer.getInteger("it.nodes.balancer.port", 8580);
  private static final String BALANCER = "http://127.0.0.1:" + BALANCER_PORT;

  private static final HttpClient HTTP = Deployments.httpClient();
  private static String schema;
  private static WildFlyNode nodeA;
  private static WildFlyNode nodeB;
  private static Process haproxy;

  private static String base(WildFlyNode node) {
    return "http://127.0.0.1:" + node.httpPort();
  }

  @BeforeAll
  static void startTwoNodesAndTheBalancer() throws Exception {
    try {
      Path dir = Path.of(System.getProperty("nodes.dir", "target/nodes"));
      Path home = Path.of(System.getProperty("jboss.home"));
      Files.createDirectories(dir);
      schema = "cb_nodes_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
      try (Connection c = DriverManager.getConnection(postgresUrl(), "postgres", "");
           Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + schema);
      }
      nodeA = new WildFlyNode("a", home, dir.resolve("a"), OFFSET_A);
      nodeB = new WildFlyNode("b", home, dir.resolve("b"), OFFSET_B);

      Path driver = Deployments.jars("postgresql-")[0].toPath();
      Path shop = dir.resolve("shop.war");
      storefront().as(ZipExporter.class).exportTo(shop.toFile(), true);
      Path sandbox = dir.resolve("sandbox.war");
      ShrinkWrap.create(WebArchive.class, "sandbox.war").addAsLibraries(Deployments.jars("sandbox-", "jackson-"))
          .as(ZipExporter.class).exportTo(sandbox.toFile(), true);

      for (WildFlyNode node : List.of(nodeA, nodeB)) {
        node.deploy(driver, "postgresql.jar");
        node.deploy(datasource(), "nodes-ds.xml");
        node.start();
      }
      for (WildFlyNode node : List.of(nodeA, nodeB)) {
        node.await(List.of("postgresql.jar", "nodes-ds.xml"), BOOT);
      }
      // The storefront only once the datasource is there (it looks it up as it starts).
      nodeA.deploy(sandbox, "sandbox.war");
      nodeA.deploy(shop, "shop.war");
      nodeA.await(List.of("sandbox.war", "shop.war"), BOOT); // A migrates the schema first
      nodeB.deploy(shop, "shop.war");
      nodeB.await(List.of("shop.war"), BOOT);

      haproxy = startBalancer(dir);
    } catch (Exception | Error e) {
      stopEverything();
      throw e;
    }
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (haproxy != null) {
      haproxy.destroy();
      if (!haproxy.waitFor(10, TimeUnit.SECONDS)) {
        haproxy.destroyForcibly();
      }
      haproxy = null;
    }
    for (WildFlyNode node : new WildFlyNode[] {nodeA, nodeB}) {
      if (node != null) {
        node.close();
      }
    }
    nodeA = null;
    nodeB = null;
    if (schema != null) {
      try (Connection c = DriverManager.getConnection(postgresUrl(), "postgres", "");
           Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
      schema = null;
    }
  }

  private static String postgresUrl() {
    return System.getProperty("checkoutbridge.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  }

  /** The same WAR for both nodes: the plugin, the admin, the fixture; Hokodo at the simulator on node A. */
  private static WebArchive storefront() {
    Map<String, String> config = new TreeMap<>();
    config.put("checkout-bridge.public-url", BALANCER + "/" + SHOP);
    config.put("checkout-bridge.datasource", DATASOURCE);
    config.put("checkout-bridge.hokodo.enabled", "true");
    config.put("checkout-bridge.hokodo.api-key", "sandbox-hokodo-api-key");
    config.put("checkout-bridge.hokodo.base-url", base(nodeA) + "/sandbox/sandbox/hokodo/v1");
    // The sweeper looks often and soon, so that a node's crash is settled by the other within the test.
    config.put("checkout-bridge.sweep.interval", "PT1S");
    config.put("checkout-bridge.sweep.first-after", "PT3S");
    return Deployments.storefront(SHOP, config)
        .addAsLibraries(Deployments.adminJars())
        .addClass(NodesFixtureServlet.class)
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  private static String datasource() {
    String url = postgresUrl() + "?currentSchema=" + schema + "&user=postgres";
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <datasources xmlns="urn:jboss:domain:datasources:7.0">
          <datasource jndi-name="%s" pool-name="CheckoutBridgeNodes">
            <connection-url>%s</connection-url>
            <driver>postgresql.jar</driver>
            <pool>
              <min-pool-size>2</min-pool-size>
              <max-pool-size>20</max-pool-size>
            </pool>
          </datasource>
        </datasources>
        """.formatted(DATASOURCE, url.replace("&", "&amp;"));
  }

  /**
   * HAProxy in front of both nodes: round-robin, no stickiness, each answer saying which node
   * served it ({@code X-Served-By}); a node that stops answering is taken out by the health check.
   */
  private static Process startBalancer(Path dir) throws IOException, InterruptedException {
    String config = """
        global
            maxconn 512
        defaults
            mode http
            timeout connect 5s
            timeout client 60s
            timeout server 60s
            retries 2
            option redispatch
        frontend shop
            bind 127.0.0.1:%d
            default_backend nodes
        backend nodes
            balance roundrobin
            http-response set-header X-Served-By %%[srv_name]
            server a 127.0.0.1:%d check inter 1s fall 2 rise 1
            server b 127.0.0.1:%d check inter 1s fall 2 rise 1
        """.formatted(BALANCER_PORT, nodeA.httpPort(), nodeB.httpPort());
    Path file = dir.resolve("haproxy.cfg");
    Files.writeString(file, config, StandardCharsets.UTF_8);
    Process process = new ProcessBuilder(System.getProperty("it.haproxy.binary", "/usr/sbin/haproxy"), "-f",
        file.toString(), "-db").redirectErrorStream(true).redirectOutput(dir.resolve("haproxy.log").toFile()).start();
    Set<String> served = ConcurrentHashMap.newKeySet();
    Instant deadline = Instant.now().plusSeconds(30);
    while (served.size() < 2 && Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IOException("haproxy exited with " + process.exitValue() + "; see " + dir.resolve("haproxy.log"));
      }
      try {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BALANCER + "/" + SHOP
            + "/nodes-fixture/node")).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          served.add(r.body());
        }
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    if (served.size() < 2) {
      process.destroyForcibly();
      throw new IOException("the balancer did not reach both nodes: " + served);
    }
    return process;
  }

  // ---- the admin, through the balancer ----

  /** An admin's browser: Basic credentials on each request, its cookies, the token read once. */
  private static final class Admin {
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
    final String authorization = "Basic " + Base64.getEncoder().encodeToString(
        (AdminClient.ADMIN + ":" + AdminClient.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    final Map<String, Integer> postsServedBy = new ConcurrentHashMap<>();
    final List<String> forbidden = new java.util.concurrent.CopyOnWriteArrayList<>();
    String token;
    String tokenServedBy;

    HttpResponse<String> get(String path) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(BALANCER + "/" + SHOP + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    String token() throws Exception {
      if (token == null) {
        HttpResponse<String> session = get("/payments/admin/api/session");
        assertThat(session.statusCode()).as(session.body()).isEqualTo(200);
        token = JSON.readTree(session.body()).path("csrfToken").asText();
        tokenServedBy = session.headers().firstValue("X-Served-By").orElse("?");
      }
      return token;
    }

    HttpResponse<String> post(String path, String json) throws Exception {
      return post(BALANCER, path, json);
    }

    /** A POST to {@code origin} (the balancer, or one node past it), with the page's headers. */
    HttpResponse<String> post(String origin, String path, String json) throws Exception {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(origin + "/" + SHOP + path))
          .timeout(Duration.ofSeconds(30)).header("Authorization", authorization)
          .header("Content-Type", "application/json").header("X-CSRF-Token", token()).header("Origin", origin)
          .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
      postsServedBy.merge(r.headers().firstValue("X-Served-By").orElse("?"), 1, Integer::sum);
      if (r.statusCode() == 403) {
        forbidden.add(path + " " + r.body());
      }
      return r;
    }

    JsonNode payment(String id) throws Exception {
      HttpResponse<String> r = get("/payments/admin/api/payments/" + id);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }

    /**
     * Captures what is left as the admin's page does (the form's key and the history it saw),
     * drawing the form again after a refusal, until the payment is captured.
     */
    void captureRemaining(String id, Instant deadline) throws Exception {
      while (Instant.now().isBefore(deadline)) {
        JsonNode p = payment(id);
        if (p.path("status").asText().equals("CAPTURED")) {
          return;
        }
        JsonNode form = p.at("/actions/capture");
        if (!form.path("available").asBoolean(false)) {
          Thread.sleep(20); // not authorised yet: poll again, within the deadline
          continue;
        }
        HttpResponse<String> r = post("/payments/admin/api/payments/" + id + "/capture",
            "{\"mode\":\"remaining\",\"reason\":\"shipped\",\"idempotencyKey\":\""
                + form.path("idempotencyKey").asText() + "\",\"seen\":" + p.path("seen").asInt() + "}");
        if (r.statusCode() == 200 || r.statusCode() == 403) {
          return;
        }
      }
      throw new AssertionError("payment " + id + " not captured in time");
    }
  }

  // ---- the shopper, the provider, the simulator ----

  /** A payment as the fixture started it: its id, Hokodo's plan page, its sealed callback URL. */
  private record Started(String id, URI planPage, URI callback) {}

  private static Started start(String order) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(BALANCER + "/" + SHOP
        + "/nodes-fixture/hokodo?order=" + order)).timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    String[] lines = r.body().split("\n");
    return new Started(lines[0], URI.create(lines[1]), URI.create(lines[2]));
  }

  /** The shopper accepts Hokodo's plan; answers where Hokodo sends them back (the return URL). */
  private static URI accept(URI planPage) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(planPage).timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("action=accept")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
    return URI.create(r.headers().firstValue("Location").orElseThrow());
  }

  /** {@code url} (made with the balancer's address) sent to {@code node} instead. */
  private static URI on(WildFlyNode node, URI url) {
    return URI.create(url.toString().replace(BALANCER, base(node)));
  }

  private static long lastJournalSeq() throws Exception {
    List<JsonNode> all = journal(0);
    return all.isEmpty() ? 0 : all.get(all.size() - 1).get("seq").asLong();
  }

  /** The requests Hokodo's simulator received after {@code after}. */
  private static List<JsonNode> journal(long after) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base(nodeA)
        + "/sandbox/sandbox/_journal?provider=hokodo&direction=in&after=" + after)).timeout(Duration.ofSeconds(30))
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    List<JsonNode> entries = new ArrayList<>();
    JSON.readTree(r.body()).forEach(entries::add);
    return entries;
  }

  /** Capture calls Hokodo received after {@code after}, by deferred payment: [accepted, refused]. */
  private static Map<String, int[]> captures(long after) throws Exception {
    Map<String, int[]> byPayment = new TreeMap<>();
    readCaptures(after, byPayment);
    return byPayment;
  }

  /**
   * Adds the capture calls Hokodo received after {@code after} to {@code byPayment}; answers the
   * last journal entry read. (The journal keeps its newest 10,000 entries: read it often enough.)
   */
  private static long readCaptures(long after, Map<String, int[]> byPayment) throws Exception {
    long last = after;
    for (JsonNode call : journal(after)) {
      last = Math.max(last, call.path("seq").asLong());
      String path = call.path("path").asText();
      if (!call.path("method").asText().equals("GET") && CAPTURE.matcher(path).matches()) {
        String deferred = path.replaceAll(".*/deferred_payments/([^/]+)/.*", "$1");
        int status = call.path("status").asInt();
        byPayment.computeIfAbsent(deferred, k -> new int[2])[status >= 200 && status < 300 ? 0 : 1]++;
      }
    }
    return last;
  }

  @SafeVarargs
  private static List<Object> together(ExecutorService threads, Callable<Object>... tasks) throws Exception {
    CyclicBarrier go = new CyclicBarrier(tasks.length);
    List<Future<Object>> futures = new ArrayList<>();
    for (Callable<Object> task : tasks) {
      futures.add(threads.submit(() -> {
        go.await(30, TimeUnit.SECONDS);
        return task.call();
      }));
    }
    List<Object> results = new ArrayList<>();
    for (Future<Object> f : futures) {
      results.add(f.get(90, TimeUnit.SECONDS));
    }
    return results;
  }

  // ---- the tests ----

  @Test
  @Order(1)
  void anAdminWorksThroughTheBalancerOnBothNodesWithoutA403() throws Exception {
    Admin admin = new Admin();
    String id = start("NODES-ADMIN-" + UUID.randomUUID().toString().substring(0, 8)).id();
    admin.token();
    for (int i = 0; i < 8; i++) {
      HttpResponse<String> refresh = admin.post("/payments/admin/api/payments/" + id + "/refresh", "{}");
      assertThat(refresh.statusCode()).as(refresh.body()).isEqualTo(200);
    }
    assertThat(admin.forbidden).isEmpty();
    assertThat(admin.postsServedBy.keySet()).as("the token from node " + admin.tokenServedBy + " worked on both")
        .containsExactlyInAnyOrder("a", "b");
  }

  @Test
  @Order(2)
  void racesOfAReturnOnOneNodeTheCallbackOnTheOtherAndAnAdminCaptureCaptureEachPaymentOnce() throws Exception {
    Admin admin = new Admin();
    admin.token();
    ExecutorService threads = Executors.newFixedThreadPool(3);
    long readUpTo = lastJournalSeq();
    Map<String, int[]> captures = new TreeMap<>();
    List<String> ids = new ArrayList<>();
    Map<String, String> deferredOf = new TreeMap<>();
    Instant began = Instant.now();
    try {
      for (int i = 0; i < RACES; i++) {
        Started p = start("NODES-" + UUID.randomUUID().toString().substring(0, 8) + "-" + i);
        ids.add(p.id());
        URI back = accept(p.planPage());
        String notification = "{\"created\":\"" + Instant.now() + "\",\"data\":{\"order\":{\"id\":\"race-" + i + "\"}}}";
        Instant deadline = Instant.now().plusSeconds(60);
        List<Object> answers = together(threads,
            () -> HTTP.send(HttpRequest.newBuilder(on(nodeA, back)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode(),
            () -> HTTP.send(HttpRequest.newBuilder(on(nodeB, p.callback())).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(notification))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode(),
            () -> {
              admin.captureRemaining(p.id(), deadline);
              return 0;
            });
        assertThat((Integer) answers.get(0)).as("the return on node A").isIn(200, 303);
        assertThat((Integer) answers.get(1)).as("the callback on node B").isBetween(200, 299);
        if (i % 100 == 99) {
          readUpTo = readCaptures(readUpTo, captures);
        }
      }
    } finally {
      threads.shutdownNow();
    }
    Duration took = Duration.between(began, Instant.now());

    int lost = 0;
    int overCaptured = 0;
    for (String id : ids) {
      JsonNode p = admin.payment(id);
      deferredOf.put(p.path("providerPaymentId").asText(), id);
      if (!p.path("status").asText().equals("CAPTURED") || !p.at("/ledger/pending").asText().equals("0.00")) {
        lost++;
      }
      if (!p.at("/ledger/captured").asText().equals(p.at("/ledger/authorized").asText())) {
        overCaptured++;
      }
    }
    readCaptures(readUpTo, captures);
    int accepted = captures.values().stream().mapToInt(c -> c[0]).sum();
    int refused = captures.values().stream().mapToInt(c -> c[1]).sum();
    long twice = captures.values().stream().filter(c -> c[0] != 1).count();
    System.out.printf("Two nodes: %d races (a return on node A, the callback on node B, an admin capture through"
        + " the balancer) in %d s, %d ms each; captures at Hokodo %d (refused %d), payments captured more than once %d,"
        + " over-captured %d, lost %d; admin POSTs served by %s%n", RACES, took.toSeconds(),
        took.toMillis() / RACES, accepted, refused, twice, overCaptured, lost, admin.postsServedBy);

    assertThat(admin.forbidden).as("403s through the balancer").isEmpty();
    assertThat(admin.postsServedBy.keySet()).containsExactlyInAnyOrder("a", "b");
    assertThat(captures.keySet()).as("every payment captured at Hokodo").isEqualTo(deferredOf.keySet());
    assertThat(accepted).as("one capture per payment").isEqualTo(RACES);
    assertThat(twice).isZero();
    assertThat(refused).as("captures Hokodo refused (nothing left to capture)").isZero();
    assertThat(overCaptured).isZero();
    assertThat(lost).isZero();
  }

  @Test
  @Order(3)
  void aNodeKilledInTheMiddleOfACaptureIsSettledByTheOtherNodesSweeper() throws Exception {
    Admin admin = new Admin();
    Started p = start("NODES-KILL-" + UUID.randomUUID().toString().substring(0, 8));
    accept(p.planPage());
    Instant deadline = Instant.now().plusSeconds(60);
    JsonNode shown = admin.payment(p.id());
    while (!shown.at("/actions/capture/available").asBoolean(false) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      shown = admin.payment(p.id());
    }
    assertThat(shown.path("status").asText()).isEqualTo("AUTHORIZED");
    String deferred = shown.path("providerPaymentId").asText();
    long seq = lastJournalSeq();
    // Hokodo captures, then holds its answer: node B is inside the capture when it dies.
    HttpResponse<String> fault = HTTP.send(HttpRequest.newBuilder(URI.create(base(nodeA) + "/sandbox/sandbox/_faults"))
        .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"provider\":\"hokodo\",\"operation\":\"capture\","
            + "\"mode\":\"timeout\",\"count\":1,\"delayMs\":30000}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(fault.statusCode()).as(fault.body()).isBetween(200, 299);
    String body = "{\"mode\":\"remaining\",\"reason\":\"shipped\",\"idempotencyKey\":\""
        + shown.at("/actions/capture/idempotencyKey").asText() + "\",\"seen\":" + shown.path("seen").asInt() + "}";
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      admin.token();
      Future<HttpResponse<String>> onB = thread.submit(() ->
          admin.post(base(nodeB), "/payments/admin/api/payments/" + p.id() + "/capture", body));
      while (captures(seq).getOrDefault(deferred, new int[2])[0] == 0) {
        assertThat(Instant.now()).as("Hokodo received node B's capture in time").isBefore(deadline);
        assertThat(onB.isDone()).as("node B is still waiting for Hokodo's answer").isFalse();
        Thread.sleep(20);
      }
      nodeB.kill();
    } finally {
      thread.shutdownNow();
    }

    JsonNode settled = admin.payment(p.id());
    while (!(settled.path("status").asText().equals("CAPTURED") && settled.at("/ledger/pending").asText().equals("0.00"))
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      settled = admin.payment(p.id());
    }
    int[] atHokodo = captures(seq).getOrDefault(deferred, new int[2]);
    System.out.printf("Two nodes: node B killed inside a capture; node A's sweeper settled it: status %s, captured %s"
        + " of %s, captures at Hokodo %d (refused %d)%n", settled.path("status").asText(),
        settled.at("/ledger/captured").asText(), settled.at("/ledger/authorized").asText(), atHokodo[0], atHokodo[1]);
    assertThat(settled.path("status").asText()).as("settled by node A").isEqualTo("CAPTURED");
    assertThat(settled.at("/ledger/pending").asText()).isEqualTo("0.00");
    assertThat(settled.at("/ledger/captured").asText()).isEqualTo(settled.at("/ledger/authorized").asText());
    assertThat(atHokodo).as("one capture at Hokodo, none refused").containsExactly(1, 0);
    assertThat(settled.path("events").findValuesAsText("kind")).containsOnlyOnce("CAPTURED");
  }
}
