package io.checkoutbridge.store;

import io.checkoutbridge.api.PaymentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL behind the admin's "needs attention" view: payments that are not settling by themselves,
 * read from what the engine, the sweeper and the callback inbox already keep
 * ({@code cb_payment.status}, {@code pending_minor}, {@code sweep_attempts}, and
 * {@code cb_callback_inbox.attempts}, {@code last_error}, {@code outcome}). Read-only; runs on the
 * caller's connection.
 */
public final class AttentionQueries {

  /** Why a payment is listed. */
  public enum Reason {
    /** Started, no answer from the shopper or provider for longer than expected. */
    STARTED_TOO_LONG,
    /** Started, and the sweeper's looks at the provider have not settled it: the start's outcome is unknown. */
    OUTCOME_UNKNOWN,
    /** The provider has it pending for longer than expected. */
    PENDING_TOO_LONG,
    /** A capture, refund or void was sent and its result is not known yet. */
    OPERATION_AWAITING_PROVIDER,
    /** A callback was received but applying it failed; it is being retried. */
    CALLBACK_NOT_APPLIED,
    /** A callback's provider state did not match the payment; nothing was applied. */
    CALLBACK_MISMATCH
  }

  /**
   * One listed payment and why.
   *
   * @param since when the condition began (created, last updated, or callback received)
   * @param count sweeper looks, or callback attempts; 0 where it does not apply
   * @param detail the amount pending in minor units, or the last callback error as stored; may be null
   */
  public record Row(String paymentId, String provider, String orderReference, PaymentStatus status, Reason reason,
      Instant since, int count, String detail) {}

  /** Every reason at once, oldest first within each, at most {@code max} rows per reason. */
  public List<Row> find(Connection c, Instant settledBy, int max) throws SQLException {
    List<Row> rows = new ArrayList<>();
    try (PreparedStatement s = c.prepareStatement("SELECT id, provider, order_reference, status, created_at,"
        + " sweep_attempts FROM cb_payment WHERE status IN ('STARTED', 'PENDING') AND created_at <= ?"
        + " ORDER BY created_at, id")) {
      PaymentStore.setInstant(s, 1, settledBy);
      s.setMaxRows(max);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          PaymentStatus status = PaymentStatus.valueOf(rs.getString(4));
          int looks = rs.getInt(6);
          Reason reason = status == PaymentStatus.PENDING ? Reason.PENDING_TOO_LONG
              : looks > 0 ? Reason.OUTCOME_UNKNOWN : Reason.STARTED_TOO_LONG;
          rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), status, reason,
              PaymentStore.instant(rs, 5), looks, null));
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT id, provider, order_reference, status, updated_at,"
        + " sweep_attempts, pending_minor FROM cb_payment WHERE pending_minor > 0 AND updated_at <= ?"
        + " ORDER BY updated_at, id")) {
      PaymentStore.setInstant(s, 1, settledBy);
      s.setMaxRows(max);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), PaymentStatus.valueOf(rs.getString(4)),
              Reason.OPERATION_AWAITING_PROVIDER, PaymentStore.instant(rs, 5), rs.getInt(6),
              Long.toString(rs.getLong(7))));
        }
      }
    }
    try (PreparedStatement s = c.prepareStatement("SELECT p.id, p.provider, p.order_reference, p.status,"
        + " i.received_at, i.attempts, i.last_error, i.outcome FROM cb_callback_inbox i"
        + " JOIN cb_payment p ON p.id = i.payment_id"
        + " WHERE (i.processed_at IS NULL AND i.attempts > 0) OR i.outcome = 'MISMATCH'"
        + " ORDER BY i.received_at, i.id")) {
      s.setMaxRows(max);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          boolean mismatch = "MISMATCH".equals(rs.getString(8));
          rows.add(new Row(rs.getString(1), rs.getString(2), rs.getString(3), PaymentStatus.valueOf(rs.getString(4)),
              mismatch ? Reason.CALLBACK_MISMATCH : Reason.CALLBACK_NOT_APPLIED, PaymentStore.instant(rs, 5),
              rs.getInt(6), rs.getString(7)));
        }
      }
    }
    return rows;
  }
}
