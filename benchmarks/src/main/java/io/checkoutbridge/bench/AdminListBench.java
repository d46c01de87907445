package io.checkoutbridge.bench;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.store.Migrations;
import io.checkoutbridge.store.PaymentSearch;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Figure 3: the admin list ({@link PaymentSearch}, keyset paging on (created_at, id)) over a
 * million payments in PostgreSQL, in a schema of their own (created with the plugin's own
 * migrations, so with its indexes, and dropped afterwards). The statement PaymentSearch prepares is
 * run again under {@code EXPLAIN (ANALYZE, BUFFERS)} with the same parameters; the figure is the
 * median of the database's own execution time, and the plan shows the index used.
 */
final class AdminListBench {
  private static final int PAGE = 50;

  private final String jdbcUrl;
  private final String user;
  private final boolean full;
  private final Report report;

  AdminListBench(String jdbcUrl, String user, boolean full, Report report) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.full = full;
    this.report = report;
  }

  record Query(String name, PaymentSearch.Query query) {}

  /** A statement PaymentSearch prepared, and the parameters it bound. */
  record Recorded(String sql, List<Object[]> binds) {}

  /** Hands PaymentSearch a connection that remembers the statement it prepares and its parameters. */
  static final class Recorder {
    private final Connection target;
    Recorded last;

    Recorder(Connection target) {
      this.target = target;
    }

    Connection connection() {
      return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
          (proxy, method, args) -> {
            Object result = invoke(target, method, args);
            if ("prepareStatement".equals(method.getName()) && args != null && args[0] instanceof String sql) {
              List<Object[]> binds = new ArrayList<>();
              last = new Recorded(sql, binds);
              PreparedStatement real = (PreparedStatement) result;
              return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {PreparedStatement.class},
                  (p, m, a) -> {
                    if (m.getName().startsWith("set") && a != null && a.length >= 2 && a[0] instanceof Integer) {
                      binds.add(new Object[] {m, a});
                    }
                    return invoke(real, m, a);
                  });
            }
            return result;
          });
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }
  }

  void run() throws Exception {
    int rows = full ? 1_000_000 : 20_000;
    String schema = "cb_bench_list_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setUrl(jdbcUrl);
    ds.setUser(user);
    try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    ds.setCurrentSchema(schema);
    try {
      Migrations.migrate(ds);
      long t0 = System.nanoTime();
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        // One statement: a million payments over a year, newest last, six statuses, four providers.
        s.execute("""
            INSERT INTO cb_payment (id, provider, order_reference, merchant_reference, provider_payment_id, currency,
              total_minor, status, authorized_minor, captured_minor, customer_name, customer_email, search_name,
              search_email, provider_refs, created_at, updated_at, version)
            SELECT md5(g::text)::uuid::text,
                   (ARRAY['dintero','hokodo','felloh','kibo'])[1 + g % 4],
                   'ORD-' || g, 'M-' || g, 'T-' || g,
                   'NOK', 1000 + g % 100000,
                   (ARRAY['STARTED','AUTHORIZED','CAPTURED','PARTIALLY_REFUNDED','VOIDED','DECLINED'])[1 + (g * 7) % 6],
                   1000 + g % 100000, 0,
                   'Customer ' || (g % 50000), 'customer' || (g % 50000) || '@example.com',
                   'customer ' || (g % 50000), 'customer' || (g % 50000) || '@example.com', '{}',
                   TIMESTAMPTZ '2025-11-01 00:00:00+00' + (g * INTERVAL '31 seconds'),
                   TIMESTAMPTZ '2025-11-01 00:00:00+00' + (g * INTERVAL '31 seconds'), 1
            FROM generate_series(1, ROWS) AS g
            """.replace("ROWS", Integer.toString(rows)));
        // VACUUM as autovacuum would after a bulk insert (it is off on the benchmark's server): the
        // search reads its keys index-only, which needs the visibility map that VACUUM sets.
        s.execute("VACUUM ANALYZE cb_payment");
      }
      double loadSeconds = (System.nanoTime() - t0) / 1e9;

      Timestamp deepAt;
      String deepId;
      Timestamp lastAt;
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MAX(created_at) FROM cb_payment")) {
        rs.next();
        lastAt = rs.getTimestamp(1);
      }
      try (Connection c = ds.getConnection();
          PreparedStatement s = c.prepareStatement("SELECT created_at, id FROM cb_payment ORDER BY created_at DESC, id DESC"
              + " OFFSET ? LIMIT 1")) {
        s.setInt(1, rows * 9 / 10);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          deepAt = rs.getTimestamp(1);
          deepId = rs.getString(2);
        }
      }
      PaymentSearch.Cursor deep = new PaymentSearch.Cursor(deepAt.toInstant(), deepId);
      List<Query> queries = List.of(
          new Query("first page", PaymentSearch.Query.all(PAGE)),
          new Query("page 90% deep", PaymentSearch.Query.all(PAGE).after(deep)),
          new Query("filtered: captured, dintero, 90% deep", new PaymentSearch.Query(Set.of(PaymentStatus.CAPTURED),
              "dintero", null, null, null, null, PAGE).after(deep)),
          new Query("filtered: last 7 days, refunded", new PaymentSearch.Query(Set.of(PaymentStatus.PARTIALLY_REFUNDED),
              null, lastAt.toInstant().minusSeconds(7 * 86400), null, null, null, PAGE)),
          new Query("search: e-mail prefix", new PaymentSearch.Query(Set.of(), null, null, null, "customer4242@", null,
              PAGE)),
          new Query("search: order reference", new PaymentSearch.Query(Set.of(), null, null, null, "ORD-" + (rows / 3),
              null, PAGE)),
          new Query("search: prefix matching 1 in 9 payments", new PaymentSearch.Query(Set.of(), null, null, null,
              "customer1", null, PAGE)),
          new Query("search: order prefix, matches only old payments", new PaymentSearch.Query(Set.of(), null, null,
              null, "ORD-1", null, PAGE)));
      report.section("3. admin list", String.format(Locale.ROOT, "%,d payments generated, vacuumed and analysed in %.1f s"
          + " (schema %s, dropped afterwards); queries are PaymentSearch's own, pages of %d", rows, loadSeconds,
          schema, PAGE));
      int runs = full ? 15 : 3;
      PaymentSearch search = new PaymentSearch();
      try (Connection c = ds.getConnection()) {
        for (Query q : queries) {
          double[] times = new double[runs];
          Stats wall = new Stats();
          String plan = null;
          Recorded recorded = null;
          for (int i = 0; i < runs; i++) {
            Recorder recorder = new Recorder(c);
            long began = System.nanoTime();
            search.find(recorder.connection(), q.query());
            wall.add(System.nanoTime() - began);
            recorded = recorder.last;
            List<String> lines = explain(c, recorded);
            times[i] = executionMillis(lines);
            plan = String.join("\n", lines);
          }
          Arrays.sort(times);
          double median = times[runs / 2];
          boolean indexed = plan.contains("Index Scan") || plan.contains("Index Only Scan")
              || plan.contains("Bitmap Index Scan");
          report.row("3. admin list: " + q.name(), Report.ms(median), "", "", "< 20 ms, index", median < 20 && indexed);
          report.section("3. admin list", q.name() + String.format(Locale.ROOT, " (PaymentSearch.find over JDBC:"
              + " median %.2f ms)%n", wall.medianMillis()) + recorded.sql() + "\n" + plan + "\n");
        }
      }
    } finally {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static List<String> explain(Connection c, Recorded q) throws Exception {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + q.sql())) {
      for (Object[] bind : q.binds()) {
        ((Method) bind[0]).invoke(s, (Object[]) bind[1]);
      }
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          lines.add(rs.getString(1));
        }
      }
    }
    return lines;
  }

  private static double executionMillis(List<String> plan) {
    for (String line : plan) {
      if (line.startsWith("Execution Time:")) {
        return Double.parseDouble(line.replaceAll("[^0-9.]", ""));
      }
    }
    throw new IllegalStateException("no execution time in the plan: " + plan);
  }
}
