package io.checkoutbridge.store;

import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Creates and upgrades the plugin's tables with Flyway. The plugin keeps its own history table
 * ({@code cb_schema_history}) so it never collides with the host application's migrations, and
 * baselines at version 0 so it can share a schema that already holds the host's tables.
 */
public final class Migrations {
  public static final String HISTORY_TABLE = "cb_schema_history";

  private Migrations() {}

  public static void migrate(DataSource dataSource) {
    flyway(dataSource).migrate();
  }

  /** The versions of the plugin's migrations not yet applied to {@code dataSource}; empty when up to date. */
  public static List<String> pending(DataSource dataSource) {
    return Arrays.stream(flyway(dataSource).info().pending())
        .map(m -> m.getVersion() == null ? m.getDescription() : m.getVersion().getVersion())
        .toList();
  }

  private static Flyway flyway(DataSource dataSource) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .table(HISTORY_TABLE)
        .locations("classpath:io/checkoutbridge/db/migration")
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }
}
