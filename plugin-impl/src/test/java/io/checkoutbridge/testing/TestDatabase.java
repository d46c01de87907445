package io.checkoutbridge.testing;

import io.checkoutbridge.store.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, migrated database for one test: an H2 in-memory database, or a new schema in the local
 * PostgreSQL (127.0.0.1:5432, database {@code test}). PostgreSQL is not optional: when it is not
 * running, the tests that use it fail, loudly.
 */
public final class TestDatabase implements AutoCloseable {

  public enum Kind {
    H2,
    POSTGRESQL
  }

  private final Kind kind;
  private final DataSource dataSource;
  private final String schema;

  private TestDatabase(Kind kind, DataSource dataSource, String schema) {
    this.kind = kind;
    this.dataSource = dataSource;
    this.schema = schema;
  }

  public static TestDatabase create(Kind kind) {
    String name = "cb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    DataSource ds;
    if (kind == Kind.H2) {
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
      ds = h2;
    } else {
      String url = System.getProperty("checkoutbridge.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
      PGSimpleDataSource admin = new PGSimpleDataSource();
      admin.setURL(url);
      admin.setUser("postgres");
      try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE SCHEMA " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("PostgreSQL at " + url + " is required for this test and is not reachable: "
            + e.getMessage(), e);
      }
      PGSimpleDataSource pg = new PGSimpleDataSource();
      pg.setURL(url);
      pg.setUser("postgres");
      pg.setCurrentSchema(name);
      ds = pg;
    }
    Migrations.migrate(ds);
    return new TestDatabase(kind, ds, name);
  }

  public Kind kind() {
    return kind;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() throws SQLException {
    try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
      if (kind == Kind.H2) {
        s.execute("DROP ALL OBJECTS");
      } else {
        s.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Override
  public String toString() {
    return kind.name();
  }
}
