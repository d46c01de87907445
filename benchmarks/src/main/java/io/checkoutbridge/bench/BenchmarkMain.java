package io.checkoutbridge.bench;

import io.checkoutbridge.bench.server.BenchWar;
import io.checkoutbridge.bench.server.WildFly;
import io.checkoutbridge.bench.web.Carts;
import io.checkoutbridge.provider.ProviderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Runs every figure and prints each with its baseline: {@code -Dbench.mode=smoke} (seconds; checks
 * that the harness works, not the targets) or {@code full}. Run through Maven (see the README's
 * "Benchmarks" section), which supplies the paths and ports as system properties.
 */
public final class BenchmarkMain {
  private static final java.util.logging.Logger FLYWAY = java.util.logging.Logger.getLogger("org.flywaydb");

  private BenchmarkMain() {}

  public static void main(String[] args) throws Exception {
    FLYWAY.setLevel(java.util.logging.Level.WARNING);
    boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));
    Path target = Path.of(System.getProperty("bench.target", "target"));
    Path results = Path.of(System.getProperty("bench.results", target.resolve("RESULTS.md").toString()));
    String jdbcUrl = System.getProperty("bench.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getProperty("bench.postgres.user", "postgres");
    int offset = Integer.getInteger("wildfly.port.offset", 0);
    int httpPort = Integer.getInteger("wildfly.http.port", 8080 + offset);
    List<String> figures = List.of(System.getProperty("bench.figures", "1,2,3,4,5").split(","));
    Report report = new Report(full ? "full" : "smoke");
    long started = System.nanoTime();

    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setUrl(jdbcUrl);
    admin.setUser(user);
    try (Connection c = admin.getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW server_version")) {
      rs.next();
      Report.postgres = rs.getString(1);
    }

    List<String> built = new ArrayList<>();
    ServiceLoader.load(ProviderFactory.class).forEach(f -> built.add(f.id()));
    List<String> providers = Carts.PROVIDERS.stream().filter(built::contains).filter(Carts::supported).toList();
    for (String p : Carts.PROVIDERS) {
      if (!built.contains(p)) {
        report.row("1./4. " + p, "not measured: adapter not built yet", "", "", "", null);
      }
    }

    if (figures.contains("4")) {
      log("figure 4: mapping (JMH) for " + providers);
      MappingRun.run(full, providers, report);
    }
    if (figures.contains("3")) {
      log("figure 3: admin list on PostgreSQL");
      new AdminListBench(jdbcUrl, user, full, report).run();
    }
    if (figures.contains("1") || figures.contains("2") || figures.contains("5")) {
      try (ServerDatabase postgres = ServerDatabase.postgres(jdbcUrl, user)) {
        runServer(full, target, postgres, offset, httpPort, providers, figures, report);
      }
    }
    // The server figures again on embedded H2, the database of the demo and the container tests.
    List<String> onH2 = List.of(System.getProperty("bench.h2.figures", "1,2").split(",")).stream()
        .filter(f -> f.equals("1") || f.equals("2")).filter(figures::contains).toList();
    if (!onH2.isEmpty()) {
      try (ServerDatabase h2 = ServerDatabase.h2(target)) {
        runServer(full, target, h2, offset, httpPort, providers, onH2, report);
      }
    }

    report.section("run", String.format(java.util.Locale.ROOT, "mode %s, %.0f s", full ? "full" : "smoke",
        (System.nanoTime() - started) / 1e9));
    report.print();
    Files.createDirectories(results.toAbsolutePath().getParent());
    report.write(results);
    log("results written to " + results);
  }

  /** Starts WildFly with the benchmark storefront on {@code database} and runs the server figures. */
  private static void runServer(boolean full, Path target, ServerDatabase database, int offset, int httpPort,
      List<String> providers, List<String> figures, Report report) throws Exception {
    String base = "http://127.0.0.1:" + httpPort + "/bench";
    WildFly server = new WildFly(Path.of(System.getProperty("wildfly.home")), offset, httpPort,
        target.resolve("wildfly-bench" + database.suffix() + ".log"));
    try {
      server.clean();
      server.workers(256);
      database.attach(server, target);
      log("starting WildFly (-Xmx512m, port offset " + offset + ", " + database.description() + ")");
      List<String> jvm = new ArrayList<>(List.of("-Xms512m", "-Xmx512m", "-XX:MetaspaceSize=96M",
          "-XX:MaxMetaspaceSize=384m"));
      if (Boolean.getBoolean("bench.jfr")) {
        // -Dbench.jfr=true: a profile of the server over the whole run, for `jfr print` / JMC
        jvm.add("-XX:StartFlightRecording=settings=" + System.getProperty("bench.jfr.settings", "profile")
            + ",dumponexit=true,filename="
            + target.resolve("wildfly-bench" + database.suffix() + ".jfr").toAbsolutePath());
      }
      server.start(jvm,
          Map.of("checkoutbridge.sandbox.dintero.signature-secret", Env.DINTERO_SIGNATURE_SECRET));
      Path war = BenchWar.build(target.resolve("bench-war"), target.resolve("war-lib"),
          Path.of(System.getProperty("bench.classes", target.resolve("classes").toString())), config(base));
      server.deploy(war, "bench");
      long pid = server.pid(base);
      Env env = database.env(full, base);
      CheckoutBench checkouts = new CheckoutBench(env, report);
      if (figures.contains("1")) {
        for (String provider : providers) {
          log("figure 1: checkout overhead, " + provider + env.on);
          try {
            checkouts.run(provider);
          } catch (Exception e) {
            if (!full) {
              throw e; // the smoke run is there to catch a harness that no longer works
            }
            log("figure 1 for " + provider + env.on + " failed: " + e);
            report.row("1. checkout " + provider + env.on, "failed: " + e.getMessage().lines().findFirst()
                .orElse(""), "", "", "", false);
          }
        }
      }
      if (figures.contains("2")) {
        log("figure 2: callback burst" + env.on);
        new CallbackBench(env, report, checkouts).run();
      }
      if (figures.contains("5")) {
        log("figure 5: memory");
        new MemoryBench(env, report, checkouts, pid).run();
      }
    } finally {
      server.close();
    }
  }

  /** The benchmark storefront's configuration: the plugin pointed at the sandbox in the same WAR. */
  static Map<String, String> config(String base) {
    String dintero = base + "/sandbox/dintero";
    String kibo = base + "/sandbox/kibo";
    Map<String, String> c = new LinkedHashMap<>();
    c.put("checkout-bridge.public-url", base);
    c.put("checkout-bridge.seal-secret", Env.SEAL_SECRET);
    c.put("checkout-bridge.datasource", WildFly.DATASOURCE);
    c.put("checkout-bridge.providers", "dintero,hokodo,felloh,kibo");
    c.put("checkout-bridge.hokodo.enabled", "true");
    c.put("checkout-bridge.hokodo.api-key", "sandbox-hokodo-api-key");
    c.put("checkout-bridge.hokodo.base-url", base + "/sandbox/hokodo/v1");
    c.put("checkout-bridge.felloh.enabled", "true");
    c.put("checkout-bridge.felloh.base-url", base + "/sandbox/felloh");
    c.put("checkout-bridge.felloh.pay-url", base + "/sandbox/felloh/embed");
    c.put("checkout-bridge.felloh.link-url", base + "/sandbox/felloh/pay");
    c.put("checkout-bridge.felloh.public-key", "sandbox-felloh-public-key");
    c.put("checkout-bridge.felloh.private-key", "sandbox-felloh-private-key");
    c.put("checkout-bridge.felloh.organisation", "X9876");
    c.put("checkout-bridge.felloh.webhook-secret", "benchmark-felloh-webhook-secret");
    c.put("checkout-bridge.dintero.enabled", "true");
    c.put("checkout-bridge.dintero.account-id", "T12345678");
    c.put("checkout-bridge.dintero.client-id", "sandbox-client-id");
    c.put("checkout-bridge.dintero.client-secret", "sandbox-client-secret");
    c.put("checkout-bridge.dintero.profile-id", "default_profile");
    c.put("checkout-bridge.dintero.checkout-url", dintero + "/checkout/v1");
    c.put("checkout-bridge.dintero.api-url", dintero + "/api/v1");
    c.put("checkout-bridge.dintero.callback-signature-secret", Env.DINTERO_SIGNATURE_SECRET);
    c.put("checkout-bridge.kibo.enabled", "true");
    c.put("checkout-bridge.kibo.api-key", "sandbox-kibo-api-key");
    c.put("checkout-bridge.kibo.secret-key", "sandbox-kibo-secret-key");
    c.put("checkout-bridge.kibo.token-url", kibo + "/oauthserver/oauth2/token");
    c.put("checkout-bridge.kibo.base-url", kibo + "/api/v2");
    c.put("checkout-bridge.kibo.manufacturer-id", "1010");
    c.put("checkout-bridge.kibo.test-orders", "true");
    return c;
  }

  static void log(String message) {
    System.out.println("[bench] " + message);
  }
}
