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
import io.checkoutbridge.engine.EventKind;
import io.checkoutbridge.engine.LedgerEvent;
import io.checkoutbridge.engine.LedgerReplay;
import io.checkoutbridge.provider.support.JsonHttp;
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
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of the ledger. Every method runs on the caller's connection, inside the caller's
 * transaction; the engine decides when to lock and commit.
 */
public final class PaymentStore {
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};
  private static final String PAYMENT_COLUMNS =
      "id, provider, order_reference, merchant_reference, provider_payment_id, currency, total_minor, status,"
          + " customer_name, customer_email, provider_refs, last_refreshed_at, created_at, updated_at, version";

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
      s.setString(9, p.customerName());
      s.setString(10, p.customerEmail());
      s.setString(11, toJson(p.refs()));
      setInstant(s, 12, p.lastRefreshedAt());
      setInstant(s, 13, p.createdAt());
      setInstant(s, 14, p.updatedAt());
      s.setLong(15, p.version());
      s.setString(16, PaymentSearch.searchForm(p.customerName()));
      s.setString(17, PaymentSearch.searchForm(p.customerEmail()));
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
        s.setString(5, line.sku());
        s.setString(6, line.name());
        s.setBigDecimal(7, line.quantity());
        s.setLong(8, line.unitPrice().toMinor());
        s.setBigDecimal(9, line.taxRate());
        s.setLong(10, line.total().toMinor());
        s.setString(11, line.supplierId());
        s.setString(12, line.supplierName());
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

  public List<PaymentRecord> findByOrderReference(Connection c, String orderReference) throws SQLException {
    List<PaymentRecord> result = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT " + PAYMENT_COLUMNS
        + " FROM cb_payment WHERE order_reference = ? ORDER BY created_at DESC, id DESC")) {
      s.setString(1, orderReference);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          result.add(payment(rs));
        }
      }
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
    try (PreparedStatement s = c.prepareStatement("SELECT seq, kind, amount_minor, lines_json, operation_key, parent_seq,"
        + " actor, reason, provider_request_id, provider_reference, raw_response, created_at"
        + " FROM cb_payment_event WHERE payment_id = ? ORDER BY seq")) {
      s.setString(1, paymentId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long amount = rs.getLong(3);
          Long amountMinor = rs.wasNull() ? null : amount;
          int parent = rs.getInt(6);
          Integer parentSeq = rs.wasNull() ? null : parent;
          events.add(new LedgerEvent(rs.getInt(1), EventKind.valueOf(rs.getString(2)), amountMinor,
              linesFromJson(rs.getString(4), currency), rs.getString(5), parentSeq, rs.getString(7),
              rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), instant(rs, 12)));
        }
      }
    }
    return events;
  }

  /** Appends an event with the next sequence number; the caller holds the payment's lock. */
  public int append(Connection c, String paymentId, LedgerEvent e) throws SQLException {
    int seq;
    try (PreparedStatement s = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) + 1 FROM cb_payment_event WHERE payment_id = ?")) {
      s.setString(1, paymentId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        seq = rs.getInt(1);
      }
    }
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
      s.setString(12, truncate(e.rawResponse(), 20000));
      setInstant(s, 13, e.createdAt());
      s.executeUpdate();
    }
    return seq;
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

  /** Records a delivery; returns {@code false} when its key was already processed (a duplicate). */
  public boolean receiveCallback(Connection c, String provider, String dedupeKey, String paymentId,
      String description, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT processed_at FROM cb_callback_inbox WHERE dedupe_key = ? FOR UPDATE")) {
      s.setString(1, dedupeKey);
      try (ResultSet rs = s.executeQuery()) {
        if (rs.next()) {
          boolean processed = rs.getTimestamp(1) != null;
          try (PreparedStatement u = c.prepareStatement(
              "UPDATE cb_callback_inbox SET deliveries = deliveries + 1 WHERE dedupe_key = ?")) {
            u.setString(1, dedupeKey);
            u.executeUpdate();
          }
          return !processed;
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("INSERT INTO cb_callback_inbox (provider, dedupe_key, payment_id,"
        + " description, received_at) VALUES (?,?,?,?,?)")) {
      s.setString(1, provider);
      s.setString(2, dedupeKey);
      s.setString(3, paymentId);
      s.setString(4, truncate(description, 500));
      setInstant(s, 5, now);
      s.executeUpdate();
    }
    return true;
  }

  public void callbackProcessed(Connection c, String dedupeKey, String outcome, Instant now) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE cb_callback_inbox SET processed_at = ?, outcome = ? WHERE dedupe_key = ?")) {
      setInstant(s, 1, now);
      s.setString(2, outcome);
      s.setString(3, dedupeKey);
      s.executeUpdate();
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
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }

  private static String toJson(Map<String, String> refs) {
    try {
      return JsonHttp.MAPPER.writeValueAsString(refs);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> fromJson(String json) {
    try {
      return json == null ? Map.of() : JsonHttp.MAPPER.readValue(json, STRING_MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable provider_refs", e);
    }
  }

  private static String linesToJson(List<LineAmount> lines) {
    ArrayNode array = JsonHttp.MAPPER.createArrayNode();
    for (LineAmount a : lines) {
      ObjectNode o = array.addObject();
      o.put("line", a.lineId());
      o.put("quantity", a.quantity());
      o.put("minor", a.amount().toMinor());
    }
    return array.toString();
  }

  private static List<LineAmount> linesFromJson(String json, Currency currency) {
    if (json == null) {
      return List.of();
    }
    try {
      List<LineAmount> lines = new ArrayList<>();
      for (JsonNode o : JsonHttp.MAPPER.readTree(json)) {
        lines.add(new LineAmount(o.get("line").asText(), new BigDecimal(o.get("quantity").asText()),
            Money.ofMinor(o.get("minor").asLong(), currency)));
      }
      return lines;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable lines_json", e);
    }
  }
}
