package io.checkoutbridge.store;

import io.checkoutbridge.api.PaymentStatus;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The admin list of payments: newest first, filtered by status, provider and creation time,
 * searched by order reference, customer name or email, and paged by keyset on
 * {@code (created_at, id)}.
 *
 * <p>Keyset paging never counts or skips rows: each page starts strictly after the last row of the
 * previous one ({@code (created_at, id) < (?, ?)}, newest first), so a page costs the same on the
 * first page and the thousandth, and payments created meanwhile neither repeat nor shift rows.
 * The {@code id} breaks ties between payments created in the same microsecond. The plain list
 * walks {@code cb_payment_created_idx}; one status or one provider walks
 * {@code cb_payment_status_created_idx} or {@code cb_payment_provider_created_idx}.
 *
 * <p>A search takes the newest matches of each searched column separately and merges them: the
 * matches of one column are read from its {@code (column, created_at, id)} index of migration V5
 * (keys only), the newest page of them kept, and only the rows of the merged page are read from
 * the table. The planner may instead walk {@code cb_payment_created_idx} for the name or email,
 * whose matches are spread over time, so an unselective prefix finds its page among the newest
 * rows. Order references are assigned in sequence, so the matches of a prefix are bunched in time,
 * and the planner (which assumes them spread evenly) would walk past every newer payment to reach
 * old ones ({@code ORD-1} below a million newer payments: 200 ms); they are taken from the newest
 * 20 rows per row of the page when those hold a whole page, and
 * otherwise from the index, whose cost grows with the number of matches, not with their age.
 *
 * <p>The search is a case-insensitive prefix match on the customer's full name and email, and a
 * case-sensitive prefix match on the order reference; {@code %} and {@code _} in the text match
 * themselves. Each match is a {@code LIKE} (exact) together with a range on the same column (which
 * any collation's plain index can serve, where {@code LIKE} alone needs the {@code C} collation).
 * Under a linguistic collation a prefix ending inside a letter the collation treats as a pair
 * (Danish {@code aa}, Czech {@code ch}) may fall outside the range and miss a match; under
 * {@code C} or {@code C.UTF-8}, and on H2, the range is exact.
 *
 * <p>Stateless and thread-safe; every method runs on the caller's connection.
 */
public final class PaymentSearch {
  /** The most rows one page may hold. */
  public static final int MAX_LIMIT = 100;
  /** The longest search text. */
  public static final int MAX_TEXT = 200;

  /**
   * How many of the newest rows, per row of the page, are looked through for order reference
   * matches before they are taken from the index instead.
   */
  static final int RECENT_ROWS_PER_RESULT = 20;

  private static final String COLUMNS = "id, provider, order_reference, status, currency, total_minor, authorized_minor,"
      + " captured_minor, refunded_minor, voided_minor, pending_minor, customer_name, customer_email, created_at,"
      + " updated_at";
  private static final String P_COLUMNS = COLUMNS.replaceAll("(\\w+)", "p.$1");

  /**
   * What to list.
   *
   * @param statuses only these statuses; empty for any
   * @param provider only this provider, or {@code null} for any
   * @param from created at or after this instant, or {@code null}
   * @param to created before this instant, or {@code null}
   * @param text a prefix of the order reference, the customer's name or email, or {@code null}
   * @param after the cursor of the previous page, or {@code null} for the first page
   * @param limit rows per page, 1 to {@link #MAX_LIMIT}
   */
  public record Query(Set<PaymentStatus> statuses, String provider, Instant from, Instant to, String text,
      Cursor after, int limit) {
    public Query {
      statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
      provider = provider == null || provider.isBlank() ? null : provider;
      text = text == null || text.isBlank() ? null : text.strip();
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT);
      }
      if (text != null && text.length() > MAX_TEXT) {
        throw new IllegalArgumentException("the search text may have at most " + MAX_TEXT + " characters");
      }
      if (from != null && to != null && !from.isBefore(to)) {
        throw new IllegalArgumentException("the date range is empty: 'from' must be before 'to'");
      }
    }

    /** The first page of everything, newest first. */
    public static Query all(int limit) {
      return new Query(Set.of(), null, null, null, null, null, limit);
    }

    public Query after(Cursor cursor) {
      return new Query(statuses, provider, from, to, text, cursor, limit);
    }
  }

  /**
   * A position in the list: the creation time and id of the last row shown. Its text form is
   * opaque to clients and safe in a URL.
   */
  public record Cursor(Instant createdAt, String id) {
    private static final String VERSION = "1";

    public Cursor {
      Objects.requireNonNull(createdAt, "createdAt");
      Objects.requireNonNull(id, "id");
    }

    public String encode() {
      String plain = VERSION + "|" + createdAt + "|" + id;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads {@link #encode()}'s form. @throws IllegalArgumentException for anything else */
    public static Cursor decode(String token) {
      try {
        String plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        String[] parts = plain.split("\\|", -1);
        if (parts.length != 3 || !VERSION.equals(parts[0]) || !parts[2].matches("[A-Za-z0-9-]{1,36}")) {
          throw new IllegalArgumentException("malformed");
        }
        return new Cursor(Instant.parse(parts[1]), parts[2]);
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw new IllegalArgumentException("the paging cursor is not valid; start again from the first page");
      }
    }
  }

  /** One page and the cursor of the next one ({@code null} on the last page). */
  public record Page(List<PaymentSummary> payments, Cursor next) {
    public Page {
      payments = List.copyOf(payments);
    }
  }

  public Page find(Connection c, Query query) throws SQLException {
    return find(c, query, sql(query));
  }

  /** {@link #find(Connection, Query)} with a statement {@link #sql(Query, int)} made for {@code query}. */
  Page find(Connection c, Query query, Sql sql) throws SQLException {
    List<PaymentSummary> rows = new ArrayList<>(query.limit() + 1);
    try (PreparedStatement s = c.prepareStatement(sql.text())) {
      sql.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(summary(rs));
        }
      }
    }
    if (rows.size() <= query.limit()) {
      return new Page(rows, null);
    }
    List<PaymentSummary> page = rows.subList(0, query.limit());
    PaymentSummary last = page.get(page.size() - 1);
    return new Page(page, new Cursor(last.createdAt(), last.id()));
  }

  /** A statement and its parameters. */
  record Sql(String text, List<Object> params) {
    void bind(PreparedStatement s) throws SQLException {
      for (int i = 0; i < params.size(); i++) {
        Object value = params.get(i);
        if (value instanceof Instant instant) {
          PaymentStore.setInstant(s, i + 1, instant);
        } else if (value instanceof Integer number) {
          s.setInt(i + 1, number);
        } else {
          s.setString(i + 1, (String) value);
        }
      }
    }
  }

  /** The page's statement: one more row than the limit, to know whether another page follows. */
  static Sql sql(Query query) {
    return sql(query, RECENT_ROWS_PER_RESULT * (query.limit() + 1));
  }

  /**
   * The page's statement, looking through the newest {@code recentRows} payments (those that pass
   * the filters) for order reference matches before using the index.
   */
  static Sql sql(Query query, int recentRows) {
    List<Object> params = new ArrayList<>();
    int rows = query.limit() + 1;
    if (query.text() == null) {
      StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM cb_payment WHERE 1 = 1");
      filters(sql, params, query);
      sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
      params.add(rows);
      return new Sql(sql.toString(), params);
    }
    String text = query.text();
    String lower = searchForm(text);
    StringBuilder sql = new StringBuilder();
    // Row counts are written into the statement (they are ints the plugin chose, never the
    // request's text): H2 2.2, WildFly's, reads a parameter in a WITH query's LIMIT as NULL.
    // The order reference matches among the newest rows: a whole page of them is the answer for
    // that column, and then the index below is not read at all.
    sql.append("WITH recent AS (SELECT created_at, id FROM (SELECT created_at, id, order_reference FROM cb_payment"
        + " WHERE 1 = 1");
    filters(sql, params, query);
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(recentRows).append(") r WHERE ");
    prefix(sql, params, "order_reference", text);
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(rows).append(')');

    sql.append(" SELECT ").append(P_COLUMNS)
        .append(" FROM (SELECT created_at, id FROM (SELECT created_at, id FROM recent");
    // Otherwise every order reference match, keys only: OFFSET 0 keeps the planner from walking
    // cb_payment_created_idx instead, which it would guess cheaper for bunched matches.
    sql.append(" UNION (SELECT created_at, id FROM (SELECT created_at, id FROM (SELECT created_at, id FROM cb_payment"
        + " WHERE 1 = 1");
    filters(sql, params, query);
    sql.append(" AND ");
    prefix(sql, params, "order_reference", text);
    sql.append(" OFFSET 0 ROWS) o ORDER BY created_at DESC, id DESC LIMIT ").append(rows)
        .append(") k WHERE (SELECT COUNT(*) FROM recent) < ").append(rows).append(')');
    for (String column : new String[] {"search_name", "search_email"}) {
      sql.append(" UNION (SELECT created_at, id FROM cb_payment WHERE 1 = 1");
      filters(sql, params, query);
      sql.append(" AND ");
      prefix(sql, params, column, lower);
      sql.append(" ORDER BY created_at DESC, id DESC LIMIT ").append(rows).append(')');
    }
    sql.append(") m ORDER BY created_at DESC, id DESC LIMIT ").append(rows).append(") t JOIN cb_payment p ON p.id = t.id"
        + " ORDER BY p.created_at DESC, p.id DESC");
    return new Sql(sql.toString(), params);
  }

  /** The filters and the cursor, each as {@code AND …}. */
  private static void filters(StringBuilder sql, List<Object> params, Query query) {
    if (!query.statuses().isEmpty()) {
      sql.append(" AND status IN (");
      String separator = "";
      for (PaymentStatus status : EnumSet.copyOf(query.statuses())) {
        sql.append(separator).append('?');
        params.add(status.name());
        separator = ", ";
      }
      sql.append(')');
    }
    if (query.provider() != null) {
      sql.append(" AND provider = ?");
      params.add(query.provider());
    }
    if (query.from() != null) {
      sql.append(" AND created_at >= ?");
      params.add(query.from());
    }
    if (query.to() != null) {
      sql.append(" AND created_at < ?");
      params.add(query.to());
    }
    if (query.after() != null) {
      sql.append(" AND (created_at, id) < (?, ?)");
      params.add(query.after().createdAt());
      params.add(query.after().id());
    }
  }

  /**
   * {@code column} starts with {@code prefix}: exactly by {@code LIKE}, and through an index by a
   * range that holds every string with the prefix ({@code LIKE} alone uses a plain index only
   * under the C collation). The range is built from the prefix without its trailing punctuation
   * or spaces, which linguistic collations may ignore.
   */
  private static void prefix(StringBuilder sql, List<Object> params, String column, String prefix) {
    String[] range = range(prefix);
    sql.append('(');
    if (range != null) {
      sql.append(column).append(" >= ? AND ").append(column).append(" < ? AND ");
      params.add(range[0]);
      params.add(range[1]);
    }
    sql.append(column).append(" LIKE ? ESCAPE '!')");
    params.add(prefixPattern(prefix));
  }

  /** {@code [low, high)} holding every string that starts with {@code prefix}, or {@code null}. */
  static String[] range(String prefix) {
    int end = prefix.length();
    while (end > 0 && !Character.isLetterOrDigit(prefix.charAt(end - 1))) {
      end--;
    }
    if (end == 0) {
      return null;
    }
    char last = prefix.charAt(end - 1);
    if (last == Character.MAX_VALUE || Character.isSurrogate((char) (last + 1))) {
      return null;
    }
    return new String[] {prefix.substring(0, end), prefix.substring(0, end - 1) + (char) (last + 1)};
  }

  /** The form kept in the search columns and compared against them: lower case, locale-neutral. */
  static String searchForm(String text) {
    return text == null ? null : text.toLowerCase(Locale.ROOT);
  }

  /** {@code text%} for {@code LIKE … ESCAPE '!'}, with the text's own wildcards matched literally. */
  static String prefixPattern(String text) {
    StringBuilder out = new StringBuilder(text.length() + 1);
    for (char ch : text.toCharArray()) {
      if (ch == '!' || ch == '%' || ch == '_') {
        out.append('!');
      }
      out.append(ch);
    }
    return out.append('%').toString();
  }

  private static PaymentSummary summary(ResultSet rs) throws SQLException {
    return new PaymentSummary(rs.getString(1), rs.getString(2), rs.getString(3), PaymentStatus.valueOf(rs.getString(4)),
        Currency.getInstance(rs.getString(5).trim()), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
        rs.getLong(10), rs.getLong(11), rs.getString(12), rs.getString(13), PaymentStore.instant(rs, 14),
        PaymentStore.instant(rs, 15));
  }
}
