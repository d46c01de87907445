package io.checkoutbridge.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.Ledger;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.codec.Json;
import io.checkoutbridge.ledger.EventKind;
import io.checkoutbridge.ledger.LedgerEvent;
import io.checkoutbridge.ledger.LedgerReplay;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SQL of the ledger. Every method runs on the caller's connection, inside the caller's
 * transaction; the engine decides when to lock and commit.
 */
public final class PaymentStore {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  /**
   * A provider's answer is kept whole (it lists every item of a large cart) up to this many
   * characters, the sandbox's own body limit; only a runaway answer is cut.
   */
  static final int MAX_RAW_RESPONSE = 1024 * 1024;
  private static final String PAYMENT_COLUMNS =
      "id, provider, order_reference, merchant_reference, provider_payment_id, currency, total_minor, status,"
          + " customer_name, customer_email, provider_refs, last_refreshed_at, created_at, updated_at, version";
  private static final String EVENT_COLUMNS = "seq, kind, amount_minor, lines_json, operation_key, parent_seq,"
      + " actor, reason, provider_request_id, provider_reference, raw_response, created_at";
  private static final int PAYMENT_COLUMN_COUNT = PAYMENT_COLUMNS.split(",").length;
  private static final String JOINED_PAYMENT_COLUMNS = qualified("p", PAYMENT_COLUMNS);
  private static final String JOINED_EVENT_COLUMNS = qualified("e", EVENT_COLUMNS);

  public void insertPayment(Connection c, PaymentRecord p, List<CartLine> lines) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO cb_payment (" + PAYMENT_COLUMNS
        + ", search_name, search_email) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      s.setString(1, p.id());
      s.setString(2, p.provider());
      s.setString(3, p.orderReference());
      s.setString(4, p.merchantReference());
      s.setString(5, p.providerPaymentId());
      s.setString(6, p.currency().getCurrencyCode());
      s.setLong(7, p.totalMinor());
      s.setString(8, p.status().name());
      s.setString(9, StoredText.clean(p.customerName(), 200));
      s.setString(10, StoredText.clean(p.customerEmail(), 250));
      s.setString(11, toJson(p.refs()));
      setInstant(s, 12, p.lastRefreshedAt());
      setInstant(s, 13, p.createdAt());
      setInstant(s, 14, p.updatedAt());
      s.setLong(15, p.version());
      // Case-folded first, cut after: lower case can be longer than the text.
      s.setString(16, StoredText.clean(PaymentSearch.searchForm(StoredText.clean(p.customerName(), 200)), 200));
      s.setString(17, StoredText.clean(PaymentSearch.searchForm(StoredText.clean(p.customerEmail(), 250)), 250));
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO cb_payment_line (payment_id, line_id, line_no, kind,"
        + " sku, name, quantity, unit_price_minor, tax_rate, total_minor, supplier_id, supplier_name)"
        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int no = 0;
      for (CartLine line : lines) {
        s.setString(1, p.id());
        s.setString(2, line.lineId());
        s.setInt(3, ++no);
        s.setString(4, line.kind().name());
        s.setString(5, StoredText.clean(line.sku(), 128));
        s.setString(6, StoredText.clean(line.name(), 500));
        s.setBigDecimal(7, line.quantity());
        s.setLong(8, line.unitPrice().toMinor());
        s.setBigDecimal(9, line.taxRate());
        s.setLong(10, line.total().toMinor());
        s.setString(11, StoredText.clean(line.supplierId(), 128));
        s.setString(12, StoredText.clean(line.supplierName(), 200));
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Reads the payment and locks its row until the transaction ends: the one-writer rule. */
  public Optional<PaymentRecord> lock(Connection c, String id) throws SQLException {
    return select(c, "SELECT " + PAYMENT_COLUMNS + " FROM cb_payment WHERE id = ? FOR UPDATE", id);
  }

  public Optional<PaymentRecord> find(Connection c, String id) throws SQLException {
    return select(c, "SELECT " + PAYMENT_COLUMNS + " FROM cb_payment WHERE id = ?", id);
  }

  /** A payment's row and its history as of one moment: the row summarises exactly these events. */
  public record Snapshot(PaymentRecord record, List<LedgerEvent> events) {}

  /**
   * The payment with its history, read in one statement. Without a lock, two statements could
   * straddle a transition's commit (a row of one version beside the history of the next); one
   * statement sees one committed state, under READ COMMITTED as under anything stricter.
   */
  public Optional<Snapshot> snapshot(Connection c, String id) throws SQLException {
    List<Snapshot> found = snapshots(c, "p.id = ?", id);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  /** Every payment of an order with its history, newest first, read in one statement (see {@link #snapshot}). */
  public List<Snapshot> snapshotsByOrderReference(Connection c, String orderReference) throws SQLException {
    return snapshots(c, "p.order_reference = ?", orderReference);
  }

  private List<Snapshot> snapshots(Connection c, String condition, String value) throws SQLException {
    List<PaymentRecord> records = new ArrayList<>();
    List<List<LedgerEvent>> histories = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + JOINED_PAYMENT_COLUMNS + ", " + JOINED_EVENT_COLUMNS
        + " FROM cb_payment p LEFT JOIN cb_payment_event e ON e.payment_id = p.id WHERE " + condition
        + " ORDER BY p.created_at DESC, p.id DESC, e.seq")) {
      s.setString(1, value);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          if (records.isEmpty() || !records.get(records.size() - 1).id().equals(rs.getString(1))) {
            records.add(payment(rs));
            histories.add(new ArrayList<>());
          }
          rs.getInt(PAYMENT_COLUMN_COUNT + 1); // the event's seq: null when the payment has none
          if (!rs.wasNull()) {
            histories.get(histories.size() - 1).add(event(rs, PAYMENT_COLUMN_COUNT, records.get(records.size() - 1)
                .currency()));
          }
        }
      }
    }
    List<Snapshot> result = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      result.add(new Snapshot(records.get(i), List.copyOf(histories.get(i))));
    }
    return result;
  }

  /** The newest payment of {@code provider} whose merchant reference or provider payment id is {@code reference}. */
  public Optional<String> findByProviderReference(Connection c, String provider, String reference) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, created_at FROM cb_payment WHERE provider = ?"
        + " AND merchant_reference = ? UNION SELECT id, created_at FROM cb_payment WHERE provider = ?"
        + " AND provider_payment_id = ? ORDER BY created_at DESC")) {
      s.setString(1, provider);
      s.setString(2, reference);
      s.setString(3, provider);
      s.setString(4, reference);
      s.setMaxRows(1);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private Optional<PaymentRecord> select(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(payment(rs)) : Optional.empty();
      }
    }
  }

  public List<CartLine> lines(Connection c, String paymentId, Currency currency) throws SQLException {
    List<CartLine> lines = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT line_id, kind, sku, name, quantity, unit_price_minor,"
        + " tax_rate, total_minor, supplier_id, supplier_name FROM cb_payment_line WHERE payment_id = ? ORDER BY line_no")) {
      s.setString(1, paymentId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          lines.add(new CartLine(rs.getString(1), LineKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
              rs.getBigDecimal(5).stripTrailingZeros(), Money.ofMinor(rs.getLong(6), currency),
              rs.getBigDecimal(7).stripTrailingZeros(), Money.ofMinor(rs.getLong(8), currency),
              rs.getString(9), rs.getString(10)));
        }
      }
    }
    return lines;
  }

  public List<LedgerEvent> events(Connection c, String paymentId, Currency currency) throws SQLException {
    List<LedgerEvent> events = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + EVENT_COLUMNS
        + " FROM cb_payment_event WHERE payment_id = ? ORDER BY seq")) {
      s.setString(1, paymentId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          events.add(event(rs, 0, currency));
        }
      }
    }
    return events;
  }

  /** The event in the columns after {@code before}, in {@link #EVENT_COLUMNS}' order. */
  private static LedgerEvent event(ResultSet rs, int before, Currency currency) throws SQLException {
    long amount = rs.getLong(before + 3);
    Long amountMinor = rs.wasNull() ? null : amount;
    int parent = rs.getInt(before + 6);
    Integer parentSeq = rs.wasNull() ? null : parent;
    return new LedgerEvent(rs.getInt(before + 1), EventKind.valueOf(rs.getString(before + 2)), amountMinor,
        linesFromJson(rs.getString(before + 4), currency), rs.getString(before + 5), parentSeq,
        rs.getString(before + 7), rs.getString(before + 8), rs.getString(before + 9), rs.getString(before + 10),
        rs.getString(before + 11), instant(rs, before + 12));
  }

  /**
   * Appends an event whose number the caller knows: 1 for a payment inserted in this transaction,
   * or one more than the last of the history read under the payment's row lock. (A number taken
   * twice fails on the unique (payment_id, seq) rather than forking the history.)
   */
  public void append(Connection c, String paymentId, int seq, LedgerEvent e) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("INSERT INTO cb_payment_event (payment_id, seq, kind, amount_minor,"
        + " lines_json, operation_key, parent_seq, actor, reason, provider_request_id, provider_reference, raw_response,"
        + " created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      s.setString(1, paymentId);
      s.setInt(2, seq);
      s.setString(3, e.kind().name());
      if (e.amountMinor() == null) {
        s.setNull(4, Types.BIGINT);
      } else {
        s.setLong(4, e.amountMinor());
      }
      s.setString(5, e.lines().isEmpty() ? null : linesToJson(e.lines()));
      s.setString(6, e.operationKey());
      if (e.parentSeq() == null) {
        s.setNull(7, Types.INTEGER);
      } else {
        s.setInt(7, e.parentSeq());
      }
      s.setString(8, truncate(e.actor(), 100));
      s.setString(9, truncate(e.reason(), 500));
      s.setString(10, truncate(e.providerRequestId(), 128));
      s.setString(11, truncate(e.providerReference(), 128));
      s.setString(12, truncate(e.rawResponse(), MAX_RAW_RESPONSE));
      setInstant(s, 13, e.createdAt());
      s.executeUpdate();
    }
  }

  /** Writes the derived summary (status, amounts, per-line totals) and bumps the version. */
  public void updateSummary(Connection c, PaymentRecord p, LedgerReplay.Result replay, Instant now) throws SQLException {
    Ledger l = replay.ledger();
    try (PreparedStatement s = c.prepareStatement("UPDATE cb_payment SET status = ?, authorized_minor = ?,"
        + " captured_minor = ?, refunded_minor = ?, voided_minor = ?, pending_minor = ?, merchant_reference = ?,"
        + " provider_payment_id = ?, provider_refs = ?, last_refreshed_at = ?, updated_at = ?, version = version + 1"
        + " WHERE id = ?")) {
      s.setString(1, l.status().name());
      s.setLong(2, l.authorized().toMinor());
      s.setLong(3, l.captured().toMinor());
      s.setLong(4, l.refunded().toMinor());
      s.setLong(5, l.voided().toMinor());
      s.setLong(6, l.pendingCapture().plus(l.pendingRefund()).plus(l.pendingVoid()).toMinor());
      s.setString(7, p.merchantReference());
      s.setString(8, p.providerPaymentId());
      s.setString(9, toJson(p.refs()));
      setInstant(s, 10, p.lastRefreshedAt());
      setInstant(s, 11, now);
      s.setString(12, p.id());
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement("UPDATE cb_payment_line SET captured_quantity = ?, captured_minor = ?,"
        + " refunded_quantity = ?, refunded_minor = ? WHERE payment_id = ? AND line_id = ?")) {
      for (Map.Entry<String, LedgerReplay.LineTotals> entry : replay.lines().entrySet()) {
        LedgerReplay.LineTotals t = entry.getValue();
        s.setBigDecimal(1, t.capturedQuantity());
        s.setLong(2, t.capturedMinor());
        s.setBigDecimal(3, t.refundedQuantity());
        s.setLong(4, t.refundedMinor());
        s.setString(5, p.id());
        s.setString(6, entry.getKey());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  // ---- callback inbox ----

  /** What the inbox made of a delivery. */
  public enum Receipt {
    /** First delivery of this key: recorded, to be processed. */
    NEW,
    /** Delivered before and not processed yet: counted, still to be processed. */
    REPEATED_PENDING,
    /** Delivered and processed before: counted, nothing more to do. */
    REPEATED_PROCESSED,
    /** The payment does not exist or belongs to another provider: nothing recorded. */
    NO_SUCH_PAYMENT
  }

  /** A delivery still to be processed. */
  public record PendingCallback(long id, int attempts) {}

  /**
   * Records a delivery for {@code paymentId}, which must belong to {@code provider}. A new key is
   * inserted due at {@code due}, when a retry picks it up if nobody has processed it by then; a
   * known key has its delivery counted. Two first deliveries of one key racing make one of them
   * fail on the unique key: run this again in a new transaction and it counts as a repeat.
   */
  public Receipt receiveCallback(Connection c, String provider, String dedupeKey, String paymentId,
      String description, Instant now, Instant due) throws SQLException {
    // A first delivery, the common case, is one statement: inserted unless its key is known.
    try (PreparedStatement s = c.prepareStatement("INSERT INTO cb_callback_inbox (provider, dedupe_key, payment_id,"
        + " description, received_at, next_attempt_at) SELECT ?, ?, id, ?, ?, ? FROM cb_payment"
        + " WHERE id = ? AND provider = ? AND NOT EXISTS (SELECT 1 FROM cb_callback_inbox"
        + " WHERE payment_id = ? AND provider = ? AND dedupe_key = ?)")) {
      s.setString(1, provider);
      s.setString(2, dedupeKey);
      s.setString(3, truncate(description, 500));
      setInstant(s, 4, now);
      setInstant(s, 5, due);
      s.setString(6, paymentId);
      s.setString(7, provider);
      s.setString(8, paymentId);
      s.setString(9, provider);
      s.setString(10, dedupeKey);
      if (s.executeUpdate() == 1) {
        return Receipt.NEW;
      }
    }
    if (countRepeat(c, provider, paymentId, dedupeKey, " AND processed_at IS NULL")) {
      return Receipt.REPEATED_PENDING;
    }
    return countRepeat(c, provider, paymentId, dedupeKey, "") ? Receipt.REPEATED_PROCESSED : Receipt.NO_SUCH_PAYMENT;
  }

  /**
   * Counts one more delivery of a key known for this payment and provider, if its row matches
   * {@code condition}. The same key for another payment is not a repeat (V8).
   */
  private static boolean countRepeat(Connection c, String provider, String paymentId, String dedupeKey,
      String condition) throws SQLException {
    try (PreparedStatement u = c.prepareStatement("UPDATE cb_callback_inbox SET deliveries = deliveries + 1"
        + " WHERE payment_id = ? AND provider = ? AND dedupe_key = ?" + condition)) {
      u.setString(1, paymentId);
      u.setString(2, provider);
      u.setString(3, dedupeKey);
      return u.executeUpdate() == 1;
    }
  }

  /** The deliveries of a payment not processed yet, oldest first, at most {@code max}. */
  public List<PendingCallback> pendingCallbacks(Connection c, String paymentId, int max) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, attempts FROM cb_callback_inbox"
        + " WHERE payment_id = ? AND processed_at IS NULL ORDER BY id")) {
      s.setString(1, paymentId);
      s.setMaxRows(max);
      List<PendingCallback> pending = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          pending.add(new PendingCallback(rs.getLong(1), rs.getInt(2)));
        }
      }
      return pending;
    }
  }

  /** Marks deliveries processed with their outcome; they are never due again. */
  public void callbacksProcessed(Connection c, List<PendingCallback> callbacks, String outcome, Instant now)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE cb_callback_inbox SET processed_at = ?, outcome = ?,"
        + " next_attempt_at = NULL, last_error = NULL WHERE id = ? AND processed_at IS NULL")) {
      for (PendingCallback callback : callbacks) {
        setInstant(s, 1, now);
        s.setString(2, outcome);
        s.setLong(3, callback.id());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /** Records a failed attempt: each delivery is due again at the time {@code nextAttempt} gives it. */
  public void callbacksFailed(Connection c, List<PendingCallback> callbacks, String error,
      Function<PendingCallback, Instant> nextAttempt) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE cb_callback_inbox SET attempts = attempts + 1,"
        + " last_error = ?, next_attempt_at = ? WHERE id = ? AND processed_at IS NULL")) {
      for (PendingCallback callback : callbacks) {
        s.setString(1, truncate(error, 500));
        setInstant(s, 2, nextAttempt.apply(callback));
        s.setLong(3, callback.id());
        s.addBatch();
      }
      s.executeBatch();
    }
  }

  /**
   * Takes a payment's deliveries due at {@code now} until {@code leaseUntil}: true when this call
   * moved them, false when none was due any more (another node took them first, or they were
   * processed). A concurrent claim waits for this one's row locks and then finds nothing due.
   */
  public boolean claimDueCallbacks(Connection c, String paymentId, Instant now, Instant leaseUntil)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE cb_callback_inbox SET next_attempt_at = ?"
        + " WHERE payment_id = ? AND processed_at IS NULL AND next_attempt_at <= ?")) {
      setInstant(s, 1, leaseUntil);
      s.setString(2, paymentId);
      setInstant(s, 3, now);
      return s.executeUpdate() > 0;
    }
  }

  /** Payments with a delivery due for processing at {@code now}, most overdue first, at most {@code max}. */
  public List<String> paymentsWithDueCallbacks(Connection c, Instant now, int max) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT payment_id FROM cb_callback_inbox WHERE next_attempt_at <= ?"
        + " GROUP BY payment_id ORDER BY MIN(next_attempt_at)")) {
      setInstant(s, 1, now);
      s.setMaxRows(max);
      List<String> due = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          due.add(rs.getString(1));
        }
      }
      return due;
    }
  }

  // ---- provider memory ----

  public Optional<String> memory(Connection c, String provider, String key) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT memory_value FROM cb_provider_memory WHERE provider = ? AND memory_key = ?")) {
      s.setString(1, provider);
      s.setString(2, key);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  public void remember(Connection c, String provider, String key, String value, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "INSERT INTO cb_provider_memory (provider, memory_key, memory_value, created_at) VALUES (?,?,?,?)")) {
      s.setString(1, provider);
      s.setString(2, key);
      s.setString(3, value);
      setInstant(s, 4, now);
      s.executeUpdate();
    }
  }

  // ---- mapping helpers ----

  /** {@code "a, b"} as {@code "t.a, t.b"}. */
  private static String qualified(String table, String columns) {
    return String.join(", ", Arrays.stream(columns.split(",")).map(column -> table + "." + column.trim()).toList());
  }

  private static PaymentRecord payment(ResultSet rs) throws SQLException {
    return new PaymentRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        Currency.getInstance(rs.getString(6).trim()), rs.getLong(7), PaymentStatus.valueOf(rs.getString(8)),
        rs.getString(9), rs.getString(10), fromJson(rs.getString(11)), instant(rs, 12), instant(rs, 13),
        instant(rs, 14), rs.getLong(15));
  }

  static void setInstant(PreparedStatement s, int index, Instant instant) throws SQLException {
    if (instant == null) {
      s.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      s.setObject(index, instant.atOffset(ZoneOffset.UTC));
    }
  }

  static Instant instant(ResultSet rs, int index) throws SQLException {
    Object value = rs.getObject(index);
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof Timestamp ts) {
      return ts.toInstant();
    }
    return rs.getObject(index, OffsetDateTime.class).toInstant();
  }

  private static String truncate(String value, int max) {
    return StoredText.clean(value, max);
  }

  private static String toJson(Map<String, String> refs) throws SQLException {
    try {
      return Json.MAPPER.writeValueAsString(refs);
    } catch (JsonProcessingException e) {
      throw corrupt("provider_refs could not be written", e);
    }
  }

  private static Map<String, String> fromJson(String json) throws SQLException {
    try {
      return json == null ? Map.of() : Json.MAPPER.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw corrupt("unreadable provider_refs", e);
    }
  }

  private static String linesToJson(List<LineAmount> lines) {
    ArrayNode array = Json.MAPPER.createArrayNode();
    for (LineAmount a : lines) {
      ObjectNode o = array.addObject();
      o.put("line", a.lineId());
      o.put("quantity", a.quantity());
      o.put("minor", a.amount().toMinor());
    }
    return array.toString();
  }

  private static List<LineAmount> linesFromJson(String json, Currency currency) throws SQLException {
    if (json == null) {
      return List.of();
    }
    try {
      List<LineAmount> lines = new ArrayList<>();
      for (JsonNode o : Json.MAPPER.readTree(json)) {
        lines.add(new LineAmount(o.get("line").asText(), new BigDecimal(o.get("quantity").asText()),
            Money.ofMinor(o.get("minor").asLong(), currency)));
      }
      return lines;
    } catch (JsonProcessingException e) {
      throw corrupt("unreadable lines_json", e);
    }
  }

  /**
   * A stored value the plugin cannot read back. Raised as an SQLException so that {@link Database}
   * reports it like any other storage failure (a StorageException, rolled back), not as a bug in
   * the caller. SQLState XX001 is PostgreSQL's data_corrupted.
   */
  private static SQLException corrupt(String what, Exception cause) {
    return new SQLException(what, "XX001", cause);
  }
}
