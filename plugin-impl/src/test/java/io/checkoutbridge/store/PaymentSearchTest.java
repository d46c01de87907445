package io.checkoutbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The admin list's SQL on H2 and PostgreSQL: keyset paging, filters and search. */
class PaymentSearchTest {
  private static final Instant T0 = Instant.parse("2025-03-01T09:00:00.123456Z");

  private final PaymentStore store = new PaymentStore();
  private final PaymentSearch search = new PaymentSearch();

  private PaymentRecord insert(TestDatabase db, String order, String provider, PaymentStatus status, String name,
      String email, Instant createdAt) throws SQLException {
    PaymentRecord record = new PaymentRecord(UUID.randomUUID().toString(), provider, order, null, null, Carts.GBP, 5395,
        status, name, email, Map.of(), null, createdAt, createdAt, 0);
    try (Connection c = db.dataSource().getConnection()) {
      store.insertPayment(c, record, Carts.standard().lines());
    }
    return record;
  }

  private PaymentSearch.Page find(TestDatabase db, PaymentSearch.Query query) throws SQLException {
    try (Connection c = db.dataSource().getConnection()) {
      return search.find(c, query);
    }
  }

  /** Every page of {@code query}, following the cursors; fails on a loop. */
  private List<String> allPages(TestDatabase db, PaymentSearch.Query query, List<Integer> sizes) throws SQLException {
    List<String> ids = new ArrayList<>();
    PaymentSearch.Page page = find(db, query);
    for (int guard = 0; guard < 1000; guard++) {
      sizes.add(page.payments().size());
      page.payments().forEach(p -> ids.add(p.id()));
      if (page.next() == null) {
        return ids;
      }
      page = find(db, query.after(PaymentSearch.Cursor.decode(page.next().encode())));
    }
    throw new AssertionError("paging does not end");
  }

  private static PaymentSearch.Query text(String text, int limit) {
    return new PaymentSearch.Query(Set.of(), null, null, null, text, null, limit);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void pagesNewestFirstAcrossEqualTimestampsWithoutGapsOrRepeats(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      List<PaymentRecord> all = new ArrayList<>();
      // 20 payments on 4 instants: five share each creation time, so only the id orders them.
      for (int i = 0; i < 20; i++) {
        all.add(insert(db, "ORD-" + i, "dintero", PaymentStatus.AUTHORIZED, "Customer " + i, "c" + i + "@example.com",
            T0.plusSeconds(i / 5)));
      }
      List<String> expected = all.stream()
          .sorted(Comparator.comparing(PaymentRecord::createdAt).thenComparing(PaymentRecord::id).reversed())
          .map(PaymentRecord::id).toList();

      for (int limit : new int[] {1, 3, 4, 5, 7, 20, 100}) {
        List<Integer> sizes = new ArrayList<>();
        List<String> paged = allPages(db, PaymentSearch.Query.all(limit), sizes);
        assertThat(paged).as("limit %d", limit).containsExactlyElementsOf(expected);
        assertThat(sizes.get(sizes.size() - 1)).as("the last page is never empty").isPositive();
        assertThat(sizes).hasSize((20 + limit - 1) / limit);
      }
      PaymentSearch.Page first = find(db, PaymentSearch.Query.all(5));
      assertThat(first.payments().get(0).createdAt()).isEqualTo(T0.plusSeconds(3));
      assertThat(first.payments().get(0).totalMinor()).isEqualTo(5395);
      assertThat(first.payments().get(0).currency()).isEqualTo(Carts.GBP);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void paymentsCreatedWhilePagingNeitherRepeatNorShiftLaterPages(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      List<String> older = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        older.add(0, insert(db, "ORD-" + i, "felloh", PaymentStatus.CAPTURED, "C", "c@example.com",
            T0.plusSeconds(i)).id());
      }
      PaymentSearch.Page first = find(db, PaymentSearch.Query.all(3));
      assertThat(first.payments()).extracting(PaymentSummary::id).containsExactlyElementsOf(older.subList(0, 3));
      insert(db, "ORD-new", "felloh", PaymentStatus.STARTED, "C", "c@example.com", T0.plusSeconds(60));
      PaymentSearch.Page second = find(db, PaymentSearch.Query.all(3).after(first.next()));
      assertThat(second.payments()).extracting(PaymentSummary::id).containsExactlyElementsOf(older.subList(3, 6));
      assertThat(second.next()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void filtersByStatusProviderAndCreationTime(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      PaymentRecord a = insert(db, "A-1", "dintero", PaymentStatus.AUTHORIZED, "A", "a@example.com", T0);
      PaymentRecord b = insert(db, "B-1", "hokodo", PaymentStatus.AUTHORIZED, "B", "b@example.com", T0.plusSeconds(3600));
      PaymentRecord c = insert(db, "C-1", "dintero", PaymentStatus.REFUNDED, "C", "c@example.com", T0.plusSeconds(7200));
      PaymentRecord d = insert(db, "D-1", "dintero", PaymentStatus.DECLINED, "D", "d@example.com", T0.plusSeconds(86400));

      assertThat(ids(db, new PaymentSearch.Query(Set.of(PaymentStatus.AUTHORIZED), null, null, null, null, null, 10)))
          .containsExactly(b.id(), a.id());
      assertThat(ids(db, new PaymentSearch.Query(Set.of(PaymentStatus.REFUNDED, PaymentStatus.DECLINED), null, null,
          null, null, null, 10))).containsExactly(d.id(), c.id());
      assertThat(ids(db, new PaymentSearch.Query(Set.of(), "dintero", null, null, null, null, 10)))
          .containsExactly(d.id(), c.id(), a.id());
      assertThat(ids(db, new PaymentSearch.Query(Set.of(PaymentStatus.AUTHORIZED), "dintero", null, null, null, null, 10)))
          .containsExactly(a.id());
      // from is inclusive, to exclusive
      assertThat(ids(db, new PaymentSearch.Query(Set.of(), null, T0.plusSeconds(3600), T0.plusSeconds(86400), null,
          null, 10))).containsExactly(c.id(), b.id());
      assertThat(ids(db, new PaymentSearch.Query(Set.of(), null, T0.plusSeconds(1), null, null, null, 10)))
          .containsExactly(d.id(), c.id(), b.id());
      assertThat(ids(db, new PaymentSearch.Query(Set.of(), null, null, T0.plusSeconds(1), null, null, 10)))
          .containsExactly(a.id());
      assertThat(ids(db, new PaymentSearch.Query(Set.of(), "kibo", null, null, null, null, 10))).isEmpty();

      // filters and paging together
      List<Integer> sizes = new ArrayList<>();
      assertThat(allPages(db, new PaymentSearch.Query(Set.of(), "dintero", null, null, null, null, 1), sizes))
          .containsExactly(d.id(), c.id(), a.id());
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void searchesOrderReferenceNameAndEmailByPrefix(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      PaymentRecord ada = insert(db, "SHOP-1001", "dintero", PaymentStatus.AUTHORIZED, "Ada Lovelace",
          "Ada.Lovelace@Example.com", T0);
      PaymentRecord ada2 = insert(db, "SHOP-1002", "felloh", PaymentStatus.CAPTURED, "Ada Byron", "ab@example.org",
          T0.plusSeconds(1));
      PaymentRecord grace = insert(db, "WEB-77", "kibo", PaymentStatus.STARTED, "Grace Hopper", "grace@navy.example",
          T0.plusSeconds(2));
      PaymentRecord odd = insert(db, "X_1", "kibo", PaymentStatus.STARTED, "100% Müller", "mueller@example.de",
          T0.plusSeconds(3));

      assertThat(ids(db, text("SHOP-1001", 10))).containsExactly(ada.id());
      assertThat(ids(db, text("SHOP-100", 10))).containsExactly(ada2.id(), ada.id());
      assertThat(ids(db, text("ada", 10))).containsExactly(ada2.id(), ada.id());
      assertThat(ids(db, text("ADA LOVE", 10))).containsExactly(ada.id());
      assertThat(ids(db, text("  grace hopper ", 10))).containsExactly(grace.id());
      assertThat(ids(db, text("ada.lovelace@example.COM", 10))).containsExactly(ada.id());
      assertThat(ids(db, text("grace@", 10))).containsExactly(grace.id());
      assertThat(ids(db, text("Lovelace", 10))).as("a prefix of the name, not any word").isEmpty();
      assertThat(ids(db, text("shop-1001", 10))).as("order references keep their case").isEmpty();
      assertThat(ids(db, text("100% m", 10))).containsExactly(odd.id());
      assertThat(ids(db, text("müller", 10))).isEmpty();
      assertThat(ids(db, text("%", 10))).as("wildcards match themselves").isEmpty();
      assertThat(ids(db, text("_", 10))).isEmpty();
      assertThat(ids(db, text("X_", 10))).containsExactly(odd.id());
      assertThat(ids(db, text("!", 10))).isEmpty();

      // search, a filter and paging together
      List<Integer> sizes = new ArrayList<>();
      assertThat(allPages(db, text("a", 1), sizes)).containsExactly(ada2.id(), ada.id());
      assertThat(ids(db, new PaymentSearch.Query(Set.of(PaymentStatus.CAPTURED), null, null, null, "ada", null, 10)))
          .containsExactly(ada2.id());
    }
  }

  /**
   * Searches whose matches are old and new, in more than one column, on tied creation times, with
   * and without filters, paged with the cursor: the same rows in the same order as a plain scan of
   * every payment, whether the order reference matches come from the newest rows or from the index.
   */
  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void searchPagesEqualAFullScanWhereverTheMatchesAre(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      List<PaymentRecord> all = new ArrayList<>();
      PaymentStatus[] statuses = {PaymentStatus.AUTHORIZED, PaymentStatus.CAPTURED, PaymentStatus.STARTED};
      for (int i = 1; i <= 130; i++) {
        // three payments per instant; some names look like order references, so a row can match twice
        String name = i % 13 == 0 ? "Ord-1 Fan " + i : "Customer " + (i % 7);
        all.add(insert(db, "ORD-" + i, i % 2 == 0 ? "dintero" : "kibo", statuses[i % 3], name,
            "C" + (i % 11) + "@Example.com", T0.plusSeconds(i / 3)));
      }
      Comparator<PaymentRecord> newestFirst = Comparator.comparing(PaymentRecord::createdAt)
          .thenComparing(PaymentRecord::id).reversed();
      List<PaymentSearch.Query> queries = new ArrayList<>();
      for (String text : new String[] {"ORD-1", "ORD-12", "ORD-", "ord-1", "customer 3", "c1", "C10@", "zzz"}) {
        for (int limit : new int[] {1, 4, 7, 100}) {
          queries.add(text(text, limit));
        }
        queries.add(new PaymentSearch.Query(Set.of(PaymentStatus.CAPTURED), null, null, null, text, null, 3));
        queries.add(new PaymentSearch.Query(Set.of(), "kibo", T0.plusSeconds(5), T0.plusSeconds(40), text, null, 2));
      }
      for (PaymentSearch.Query query : queries) {
        List<String> expected = all.stream().filter(p -> matches(p, query)).sorted(newestFirst)
            .map(PaymentRecord::id).toList();
        for (int recentRows : new int[] {1, 5, 1000}) {
          List<String> paged = new ArrayList<>();
          PaymentSearch.Query page = query;
          for (int guard = 0; ; guard++) {
            assertThat(guard).as("paging ends").isLessThan(200);
            PaymentSearch.Page result;
            try (Connection c = db.dataSource().getConnection()) {
              result = search.find(c, page, PaymentSearch.sql(page, recentRows));
            }
            assertThat(result.payments().size()).isLessThanOrEqualTo(query.limit());
            result.payments().forEach(p -> paged.add(p.id()));
            if (result.next() == null) {
              break;
            }
            page = query.after(result.next());
          }
          assertThat(paged).as("%s, %d recent rows", query, recentRows).containsExactlyElementsOf(expected);
        }
      }
    }
  }

  /** The search's meaning, in Java: a prefix of the order reference, or of the name or email in any case. */
  private static boolean matches(PaymentRecord p, PaymentSearch.Query q) {
    String lower = PaymentSearch.searchForm(q.text());
    return (q.statuses().isEmpty() || q.statuses().contains(p.status()))
        && (q.provider() == null || q.provider().equals(p.provider()))
        && (q.from() == null || !p.createdAt().isBefore(q.from()))
        && (q.to() == null || p.createdAt().isBefore(q.to()))
        && (p.orderReference().startsWith(q.text()) || PaymentSearch.searchForm(p.customerName()).startsWith(lower)
            || PaymentSearch.searchForm(p.customerEmail()).startsWith(lower));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void paymentsWrittenBeforeTheSearchColumnsAreFoundAfterTheUpgrade(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      // Start again from an empty schema, migrate to version 1 only, write a payment as version 1 did.
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = CURRENT_SCHEMA")) {
          while (rs.next()) {
            tables.add(rs.getString(1));
          }
        }
        for (String table : tables) {
          s.execute("DROP TABLE IF EXISTS \"" + table + "\" CASCADE");
        }
      }
      Flyway.configure(Migrations.class.getClassLoader()).dataSource(db.dataSource()).table(Migrations.HISTORY_TABLE)
          .locations("classpath:io/checkoutbridge/db/migration").target("1").load().migrate();
      String id = UUID.randomUUID().toString();
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO cb_payment (id, provider, order_reference, currency, total_minor, status,"
            + " customer_name, customer_email, provider_refs, created_at, updated_at, version) VALUES ('" + id
            + "', 'dintero', 'OLD-1', 'GBP', 100, 'AUTHORIZED', 'Old Customer', 'Old.Customer@Example.COM', '{}',"
            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0)");
      }
      Migrations.migrate(db.dataSource());
      assertThat(ids(db, text("old customer", 10))).containsExactly(id);
      assertThat(ids(db, text("OLD.CUSTOMER@", 10))).containsExactly(id);
    }
  }

  @Test
  void cursorsRoundTripAndRefuseAnythingElse() {
    PaymentSearch.Cursor cursor = new PaymentSearch.Cursor(T0, "0b6f3c1e-5d7a-4a43-9a55-0d1c4f2b8e9a");
    assertThat(PaymentSearch.Cursor.decode(cursor.encode())).isEqualTo(cursor);
    assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    for (String bad : new String[] {"", "!!!", "MXx4", cursor.encode() + "x",
        java.util.Base64.getUrlEncoder().encodeToString("1|not-a-time|abc".getBytes()),
        java.util.Base64.getUrlEncoder().encodeToString(("1|" + T0 + "|' OR 1=1 --").getBytes()),
        java.util.Base64.getUrlEncoder().encodeToString(("2|" + T0 + "|abc").getBytes())}) {
      assertThatThrownBy(() -> PaymentSearch.Cursor.decode(bad)).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cursor is not valid");
    }
  }

  @Test
  void queriesRefuseBadLimitsLongTextAndEmptyRanges() {
    assertThatThrownBy(() -> PaymentSearch.Query.all(0)).hasMessageContaining("limit");
    assertThatThrownBy(() -> PaymentSearch.Query.all(PaymentSearch.MAX_LIMIT + 1)).hasMessageContaining("limit");
    assertThatThrownBy(() -> text("x".repeat(PaymentSearch.MAX_TEXT + 1), 10)).hasMessageContaining("at most");
    assertThatThrownBy(() -> new PaymentSearch.Query(Set.of(), null, T0, T0, null, null, 10))
        .hasMessageContaining("date range");
    assertThat(text("   ", 10).text()).isNull();
    assertThat(PaymentSearch.prefixPattern("a!b%c_d")).isEqualTo("a!!b!%c!_d%");
    assertThat(PaymentSearch.range("ada")).containsExactly("ada", "adb");
    assertThat(PaymentSearch.range("o' ")).containsExactly("o", "p");
    assertThat(PaymentSearch.range("SHOP-1009")).containsExactly("SHOP-1009", "SHOP-100:");
    assertThat(PaymentSearch.range("%_")).isNull();
  }

  /**
   * The list stays fast on a large table: on PostgreSQL every query the admin makes walks an index
   * (no sequential scan), with the planner's statistics for 50,000 payments.
   */
  @Test
  void everyListQueryUsesAnIndexOnPostgreSQL() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL)) {
      try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO cb_payment (id, provider, order_reference, currency, total_minor, status,"
            + " customer_name, customer_email, provider_refs, created_at, updated_at, version, search_name, search_email)"
            + " SELECT md5(i::text)::uuid::text, (ARRAY['dintero','hokodo','felloh','kibo'])[1 + i % 4], 'ORD-' || i,"
            + " 'GBP', 1000 + i, (ARRAY['STARTED','AUTHORIZED','CAPTURED','REFUNDED','DECLINED','VOIDED'])[1 + i % 6],"
            + " 'Customer ' || i, 'c' || i || '@example.com', '{}', TIMESTAMPTZ '2025-01-01' + i * INTERVAL '1 minute',"
            + " TIMESTAMPTZ '2025-01-01', 0, 'customer ' || i, 'c' || i || '@example.com'"
            + " FROM generate_series(1, 50000) AS i");
        // a rare status and a rare provider: 50 payments each
        s.executeUpdate("UPDATE cb_payment SET status = 'PENDING' WHERE total_minor % 1000 = 0");
        s.executeUpdate("UPDATE cb_payment SET provider = 'scripted' WHERE total_minor % 1000 = 500");
        // VACUUM as autovacuum would: the search's keys are read index-only only where the
        // visibility map says the table's pages are all visible.
        s.execute("VACUUM ANALYZE cb_payment");
      }
      PaymentSearch.Cursor middle = new PaymentSearch.Cursor(Instant.parse("2025-01-20T00:00:00Z"),
          "80000000-0000-0000-0000-000000000000");
      List<PaymentSearch.Query> queries = List.of(
          PaymentSearch.Query.all(25),
          PaymentSearch.Query.all(25).after(middle),
          new PaymentSearch.Query(Set.of(PaymentStatus.CAPTURED), null, null, null, null, middle, 25),
          new PaymentSearch.Query(Set.of(), "kibo", null, null, null, middle, 25),
          new PaymentSearch.Query(Set.of(PaymentStatus.PENDING), null, null, null, null, middle, 25),
          new PaymentSearch.Query(Set.of(), "scripted", null, null, null, middle, 25),
          new PaymentSearch.Query(Set.of(), null, Instant.parse("2025-01-10T00:00:00Z"),
              Instant.parse("2025-01-11T00:00:00Z"), null, null, 25),
          text("ORD-4711", 25),
          text("ORD-1", 25),
          new PaymentSearch.Query(Set.of(PaymentStatus.CAPTURED), "kibo", null, null, "ORD-1", middle, 25),
          text("customer 4711", 25),
          text("c4711@example.com", 25));
      List<String> plans = new ArrayList<>();
      for (PaymentSearch.Query query : queries) {
        PaymentSearch.Sql sql = PaymentSearch.sql(query);
        StringBuilder plan = new StringBuilder();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("EXPLAIN " + sql.text())) {
          sql.bind(s);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              plan.append(rs.getString(1)).append('\n');
            }
          }
        }
        assertThat(plan.toString()).as(sql.text()).doesNotContain("Seq Scan").contains("Index");
        plans.add(plan.toString());
      }
      assertThat(plans).anySatisfy(p -> assertThat(p).contains("cb_payment_status_created_idx"))
          .anySatisfy(p -> assertThat(p).contains("cb_payment_provider_created_idx"))
          .anySatisfy(p -> assertThat(p).contains("cb_payment_search_name_created_idx"))
          .anySatisfy(p -> assertThat(p).contains("cb_payment_search_email_created_idx"))
          .anySatisfy(p -> assertThat(p).contains("cb_payment_order_created_idx"));
    }
  }

  private List<String> ids(TestDatabase db, PaymentSearch.Query query) throws SQLException {
    return find(db, query).payments().stream().map(PaymentSummary::id).toList();
  }
}
