package io.checkoutbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.store.Migrations;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReadinessChecksTest {

  @Test
  void migrationsAreDownAndNameTheVersionsUntilMigratedThenUp() {
    JdbcDataSource fresh = new JdbcDataSource();
    fresh.setURL("jdbc:h2:mem:readiness_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
    ReadinessChecks.Check before = ReadinessChecks.migrations(fresh);
    assertThat(before.up()).isFalse();
    assertThat(before.data().get("pending")).startsWith("1,2,3,4,5,6,7");
    Migrations.migrate(fresh);
    ReadinessChecks.Check after = ReadinessChecks.migrations(fresh);
    assertThat(after.up()).isTrue();
    assertThat(after.data()).containsEntry("pending", "none");
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aMigratedDatabaseThatAnswersIsReady(TestDatabase.Kind kind) throws SQLException {
    try (TestDatabase db = TestDatabase.create(kind)) {
      assertThat(ReadinessChecks.database(db.dataSource()).up()).isTrue();
      assertThat(ReadinessChecks.migrations(db.dataSource()).up()).isTrue();
    }
  }

  @Test
  void anUnreachableDatabaseIsDownWithoutItsAddressOrCredentials() {
    JdbcDataSource unreachable = new JdbcDataSource();
    unreachable.setURL("jdbc:h2:tcp://127.0.0.1:1/nowhere");
    unreachable.setUser("ops");
    unreachable.setPassword("database-password-123");
    ReadinessChecks.Check check = ReadinessChecks.database(unreachable);
    assertThat(check.up()).isFalse();
    assertThat(check.data().toString()).contains("no connection").doesNotContain("database-password-123")
        .doesNotContain("127.0.0.1");
    assertThat(ReadinessChecks.migrations(unreachable).up()).isFalse();
  }

  @Test
  void providersAreDownWhenNoneIsEnabled() {
    assertThat(ReadinessChecks.providers(List.of()).up()).isFalse();
    assertThat(ReadinessChecks.providers(List.of("dintero", "kibo")).data()).containsEntry("enabled", "dintero,kibo");
  }
}
