package io.checkoutbridge.store;

import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.error.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one JDBC transaction: commit on success, roll back on any failure. A database error
 * becomes a {@link StorageException} (code {@link ErrorCode#STORAGE}, retryable), so callers
 * answer 5xx and nothing is half-written.
 */
public final class Database {

  /** Work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException, PaymentException;
  }

  private final DataSource dataSource;

  public Database(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public <T> T inTransaction(Work<T> work) throws PaymentException {
    try (Connection connection = dataSource.getConnection()) {
      return inTransaction(connection, work);
    } catch (SQLException e) {
      throw new StorageException(
          "the payment ledger could not be saved (SQLState " + e.getSQLState() + ")", null, e);
    }
  }

  private static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException, PaymentException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | PaymentException | RuntimeException e) {
      rollbackQuietly(connection, e);
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * Runs reads of committed data without a transaction of their own: on a connection in
   * auto-commit mode (the pools' default) each statement is its own transaction, which under READ
   * COMMITTED sees exactly what a statement inside a transaction would, and no COMMIT round trip
   * is spent. Runs in a transaction on the same connection when the pool hands out connections
   * with auto-commit off. Never for writes.
   */
  public <T> T read(Work<T> work) throws PaymentException {
    try (Connection connection = dataSource.getConnection()) {
      return connection.getAutoCommit() ? work.run(connection) : inTransaction(connection, work);
    } catch (SQLException e) {
      throw new StorageException(
          "the payment ledger could not be read (SQLState " + e.getSQLState() + ")", null, e);
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }

  /** Whether the error is a unique-constraint violation (SQLState class 23505 on H2 and PostgreSQL). */
  public static boolean isUniqueViolation(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return true;
      }
    }
    return false;
  }
}
