package io.checkoutbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseTest {
  private JdbcDataSource h2;

  @BeforeEach
  void table() throws SQLException {
    h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:database-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (v INT)");
    }
  }

  @Test
  void aFailedTransactionWritesNothingAndIsAStorageErrorWhenTheDatabaseFailed() throws Exception {
    Database database = new Database(h2);

    assertThatThrownBy(() -> database.inTransaction(c -> {
      insert(c, 1);
      return insert(c, "not a number");
    })).isInstanceOf(PaymentException.class)
        .satisfies(e -> assertThat(((PaymentException) e).code()).isEqualTo(ErrorCode.STORAGE));

    assertThat(count(database)).isZero();
  }

  @Test
  void aReadOnAnAutoCommitConnectionRunsWithoutATransactionOfItsOwn() throws Exception {
    Database database = new Database(h2);
    database.inTransaction(c -> insert(c, 1));

    boolean[] autoCommit = new boolean[1];
    int seen = database.read(c -> {
      autoCommit[0] = c.getAutoCommit();
      return countOn(c);
    });

    assertThat(seen).isEqualTo(1);
    assertThat(autoCommit[0]).as("no BEGIN/COMMIT spent on a read").isTrue();
  }

  @Test
  void aReadFromAPoolWithAutoCommitOffUsesOneConnectionAndLeavesItAsItWas() throws Exception {
    List<Connection> handedOut = new ArrayList<>();
    DataSource autoCommitOff = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
          Object result = method.invoke(h2, args);
          if (method.getName().equals("getConnection")) {
            Connection c = (Connection) result;
            c.setAutoCommit(false);
            handedOut.add(c);
          }
          return result;
        });
    Database database = new Database(autoCommitOff);
    database.inTransaction(c -> insert(c, 1));
    handedOut.clear();

    boolean[] autoCommit = {true};
    int seen = database.read(c -> {
      autoCommit[0] = c.getAutoCommit();
      return countOn(c);
    });

    assertThat(seen).isEqualTo(1);
    assertThat(handedOut).as("one connection, not a second one for the transaction").hasSize(1);
    assertThat(autoCommit[0]).isFalse();
    assertThat(handedOut.get(0).isClosed()).isTrue();
  }

  private static int insert(Connection c, Object value) throws SQLException {
    try (var s = c.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
      s.setObject(1, value);
      return s.executeUpdate();
    }
  }

  private static int count(Database database) throws PaymentException {
    return database.read(DatabaseTest::countOn);
  }

  private static int countOn(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
