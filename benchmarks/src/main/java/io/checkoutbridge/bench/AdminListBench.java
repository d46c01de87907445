package io.checkoutbridge.bench;

import io.checkoutbridge.store.Migrations;
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
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Figure 3: the admin list's keyset queries on (created_at, id) over a million payments in
 * PostgreSQL, in a schema of their own (created with the plugin's own migration, so with its
 * indexes, and dropped afterwards). Each query runs under {@code EXPLAIN (ANALYZE, BUFFERS)}; the
 * figure is the median of the database's own execution time, and the plan shows the index used.
 */
final class AdminListBench {
  static final String COLUMNS = "id, provider, order_reference, status, currency, total_minor, customer_name,"
      + " customer_email, created_at";
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

  record Query(String name, String sql, Object[] params) {}

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
              total_minor, status, authorized_minor, captured_minor, customer_name, customer_email, provider_refs,
              created_at, updated_at, version)
            SELECT md5(g::text)::uuid::text,
                   (ARRAY['dintero','hokodo','felloh','kibo'])[1 + g % 4],
                   'ORD-' || g, 'M-' || g, 'T-' || g,
                   'NOK', 1000 + g % 100000,
                   (ARRAY['STARTED','AUTHORIZED','CAPTURED','PARTIALLY_REFUNDED','VOIDED','DECLINED'])[1 + (g * 7) % 6],
                   1000 + g % 100000, 0,
                   'Customer ' || (g % 50000), 'customer' || (g % 50000) || '@example.com', '{}',
                   TIMESTAMPTZ '2025-11-01 00:00:00+00' + (g * INTERVAL '31 seconds'),
                   TIMESTAMPTZ '2025-11-01 00:00:00+00' + (g * INTERVAL '31 seconds'), 1
            FROM generate_series(1, ROWS) AS g
            """.replace("ROWS", Integer.toString(rows)));
        s.execute("ANALYZE cb_payment");
      }
      double loadSeconds = (System.nanoTime() - t0) / 1e9;

      Timestamp deepAt;
      String deepId;
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
      String order = " ORDER BY created_at DESC, id DESC LIMIT " + PAGE;
      List<Query> queries = List.of(
          new Query("first page", "SELECT " + COLUMNS + " FROM cb_payment" + order, new Object[0]),
          new Query("page 90% deep (keyset)", "SELECT " + COLUMNS + " FROM cb_payment WHERE (created_at, id) < (?, ?)"
              + order, new Object[] {deepAt, deepId}),
          new Query("filtered: status, deep (keyset)", "SELECT " + COLUMNS + " FROM cb_payment WHERE status = ?"
              + " AND (created_at, id) < (?, ?)" + order, new Object[] {"CAPTURED", deepAt, deepId}),
          new Query("search: customer e-mail", "SELECT " + COLUMNS + " FROM cb_payment WHERE customer_email = ?"
              + order, new Object[] {"customer4242@example.com"}),
          new Query("search: order reference", "SELECT " + COLUMNS + " FROM cb_payment WHERE order_reference = ?"
              + order, new Object[] {"ORD-" + (rows / 3)}));
      report.section("3. admin list", String.format(Locale.ROOT, "%,d payments generated and analysed in %.1f s"
          + " (schema %s, dropped afterwards)", rows, loadSeconds, schema));
      int runs = full ? 15 : 3;
      try (Connection c = ds.getConnection()) {
        for (Query q : queries) {
          double[] times = new double[runs];
          String plan = null;
          for (int i = 0; i < runs; i++) {
            List<String> lines = explain(c, q);
            times[i] = executionMillis(lines);
            plan = String.join("\n", lines);
          }
          Arrays.sort(times);
          double median = times[runs / 2];
          boolean indexed = plan.contains("Index Scan") || plan.contains("Index Only Scan");
          report.row("3. admin list: " + q.name(), Report.ms(median), "", "", "< 20 ms, index", median < 20 && indexed);
          report.section("3. admin list", q.name() + ": " + q.sql() + "\n" + plan + "\n");
        }
      }
    } finally {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  private static List<String> explain(Connection c, Query q) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + q.sql())) {
      for (int i = 0; i < q.params().length; i++) {
        s.setObject(i + 1, q.params()[i]);
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
