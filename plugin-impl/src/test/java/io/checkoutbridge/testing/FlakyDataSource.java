package io.checkoutbridge.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** A DataSource whose next connections a test can make fail, as a database that is briefly down. */
public final class FlakyDataSource implements DataSource {
  private final DataSource delegate;
  private final AtomicInteger failures = new AtomicInteger();
  private volatile RuntimeException bug;

  public FlakyDataSource(DataSource delegate) {
    this.delegate = delegate;
  }

  /** The next {@code count} connections fail. */
  public void failNext(int count) {
    failures.set(count);
  }

  /** Every connection fails with this bug (not an SQLException) until {@code null}. */
  public void breakWith(RuntimeException value) {
    bug = value;
  }

  private void maybeFail() throws SQLException {
    RuntimeException b = bug;
    if (b != null) {
      throw b;
    }
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new SQLTransientConnectionException("scripted: the database is not reachable");
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    maybeFail();
    return delegate.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    maybeFail();
    return delegate.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return Logger.getLogger("io.checkoutbridge.testing");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return delegate.isWrapperFor(type);
  }
}
