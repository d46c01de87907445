package io.checkoutbridge.ops;

import io.checkoutbridge.store.Migrations;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Whether the plugin can take payments now: its database answers, its migrations are all applied,
 * and at least one provider is configured. Each check is independent, so a report names every
 * problem at once. Messages name what to look at and never a connection string or credential.
 */
public final class ReadinessChecks {
  /** Seconds a database gets to answer {@link Connection#isValid}. */
  static final int DATABASE_TIMEOUT_SECONDS = 3;

  private ReadinessChecks() {}

  /** One check's answer; {@code data} holds what an operator reads next to up/down. */
  public record Check(String name, boolean up, Map<String, String> data) {
    public Check {
      Objects.requireNonNull(name, "name");
      data = Map.copyOf(data);
    }
  }

  /** The database answers a validity check within {@value #DATABASE_TIMEOUT_SECONDS} seconds. */
  public static Check database(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      boolean valid = connection.isValid(DATABASE_TIMEOUT_SECONDS);
      return new Check("checkout-bridge-database", valid,
          Map.of("database", connection.getMetaData().getDatabaseProductName(),
              "problem", valid ? "none" : "the connection did not answer a validity check"));
    } catch (SQLException | RuntimeException e) {
      return new Check("checkout-bridge-database", false,
          Map.of("problem", "no connection: " + e.getClass().getSimpleName() + " (SQL state "
              + (e instanceof SQLException sql ? sql.getSQLState() : "none") + ")"));
    }
  }

  /** Every migration the plugin ships is applied (the history table is {@value Migrations#HISTORY_TABLE}). */
  public static Check migrations(DataSource dataSource) {
    try {
      List<String> pending = Migrations.pending(dataSource);
      return new Check("checkout-bridge-migrations", pending.isEmpty(),
          Map.of("pending", pending.isEmpty() ? "none" : String.join(",", pending)));
    } catch (RuntimeException e) {
      return new Check("checkout-bridge-migrations", false,
          Map.of("problem", "the migration history could not be read: " + e.getClass().getSimpleName()));
    }
  }

  /** At least one provider is enabled and was built from its settings. */
  public static Check providers(List<String> enabledIds) {
    return new Check("checkout-bridge-providers", !enabledIds.isEmpty(),
        Map.of("enabled", enabledIds.isEmpty() ? "none" : String.join(",", enabledIds)));
  }
}
