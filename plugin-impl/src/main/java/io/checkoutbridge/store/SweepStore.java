package io.checkoutbridge.store;

import io.checkoutbridge.api.PaymentStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQL of the sweeper's schedule ({@code cb_payment.next_sweep_at}, {@code sweep_attempts}).
 * Every method runs on the caller's connection, inside the caller's transaction.
 *
 * <p>Claiming is a conditional UPDATE that moves a due time forward only if it is still the one
 * that was read: of several nodes reading the same due payment, exactly one updates the row, on H2
 * as on PostgreSQL, and the others skip it.
 */
public final class SweepStore {

  /** A payment due for a look: its id and the due time it was read with (the claim's condition). */
  public record Due(String paymentId, Instant dueAt, int attempts) {}

  /** What a sweep needs to know of a payment after its look. */
  public record Standing(PaymentStatus status, long pendingMinor, Instant createdAt, Instant nextSweepAt) {}

  /** Sets the payment due at {@code at} unless it is due already (an earlier time or a lease stays). */
  public void schedule(Connection c, String paymentId, Instant at) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE cb_payment SET next_sweep_at = ? WHERE id = ? AND next_sweep_at IS NULL")) {
      PaymentStore.setInstant(s, 1, at);
      s.setString(2, paymentId);
      s.executeUpdate();
    }
  }

  /** The payment is settled: never due again, until a later change makes it due anew. */
  public void unschedule(Connection c, String paymentId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE cb_payment SET next_sweep_at = NULL, sweep_attempts = 0"
        + " WHERE id = ? AND next_sweep_at IS NOT NULL")) {
      s.setString(1, paymentId);
      s.executeUpdate();
    }
  }

  /** Payments due at {@code now}, most overdue first, at most {@code max}. */
  public List<Due> due(Connection c, Instant now, int max) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT id, next_sweep_at, sweep_attempts FROM cb_payment"
        + " WHERE next_sweep_at <= ? ORDER BY next_sweep_at")) {
      PaymentStore.setInstant(s, 1, now);
      s.setMaxRows(max);
      List<Due> due = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          due.add(new Due(rs.getString(1), PaymentStore.instant(rs, 2), rs.getInt(3)));
        }
      }
      return due;
    }
  }

  /**
   * Takes a due payment for this node until {@code leaseUntil}: true when this call moved the due
   * time, false when another node took it first (or a change settled it).
   */
  public boolean claim(Connection c, Due due, Instant leaseUntil) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("UPDATE cb_payment SET next_sweep_at = ?,"
        + " sweep_attempts = sweep_attempts + 1 WHERE id = ? AND next_sweep_at = ?")) {
      PaymentStore.setInstant(s, 1, leaseUntil);
      s.setString(2, due.paymentId());
      PaymentStore.setInstant(s, 3, due.dueAt());
      return s.executeUpdate() == 1;
    }
  }

  public Optional<Standing> standing(Connection c, String paymentId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "SELECT status, pending_minor, created_at, next_sweep_at FROM cb_payment WHERE id = ?")) {
      s.setString(1, paymentId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next()
            ? Optional.of(new Standing(PaymentStatus.valueOf(rs.getString(1)), rs.getLong(2),
                PaymentStore.instant(rs, 3), PaymentStore.instant(rs, 4)))
            : Optional.empty();
      }
    }
  }

  /**
   * After a look: due again at {@code next} ({@code null}: never), if the look's lease is still
   * in place ({@code leaseUntil}); a change that settled the payment meanwhile already cleared it.
   */
  public void reschedule(Connection c, String paymentId, Instant leaseUntil, Instant next) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(
        "UPDATE cb_payment SET next_sweep_at = ? WHERE id = ? AND next_sweep_at = ?")) {
      PaymentStore.setInstant(s, 1, next);
      s.setString(2, paymentId);
      PaymentStore.setInstant(s, 3, leaseUntil);
      s.executeUpdate();
    }
  }
}
