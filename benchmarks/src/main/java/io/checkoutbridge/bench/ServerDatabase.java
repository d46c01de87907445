package io.checkoutbridge.bench;

import io.checkoutbridge.bench.server.WildFly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database a benchmark server runs on: given to WildFly as its datasource before it starts,
 * read by the harness to check what the server wrote, and removed when the run is over.
 */
interface ServerDatabase extends AutoCloseable {

  /** For the log: which database, and where. */
  String description();

  /** Told apart in file names: empty for PostgreSQL. */
  String suffix();

  /** Deploys the datasource into the server, before it starts. */
  void attach(WildFly server, Path target) throws IOException;

  /** What the figures share, reading this database. */
  Env env(boolean full, String base);

  @Override
  void close() throws SQLException;

  /** A fresh schema in the PostgreSQL database of {@code jdbcUrl}, dropped at {@link #close()}. */
  static ServerDatabase postgres(String jdbcUrl, String user) throws SQLException {
    String schema = "cb_bench_" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    PGSimpleDataSource admin = new PGSimpleDataSource();
    admin.setUrl(jdbcUrl);
    admin.setUser(user);
    execute(admin, "CREATE SCHEMA " + schema);
    return new ServerDatabase() {
      @Override
      public String description() {
        return "PostgreSQL schema " + schema;
      }

      @Override
      public String suffix() {
        return "";
      }

      @Override
      public void attach(WildFly server, Path target) throws IOException {
        try (var jars = Files.list(target.resolve("jdbc"))) {
          Path driver = jars.filter(p -> p.getFileName().toString().startsWith("postgresql")).findFirst()
              .orElseThrow();
          server.addPostgresDatasource(driver, jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?") + "user=" + user
              + "&currentSchema=" + schema, 40);
        }
      }

      @Override
      public Env env(boolean full, String base) {
        return Env.postgres(full, base, jdbcUrl, user, schema);
      }

      @Override
      public void close() throws SQLException {
        execute(admin, "DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    };
  }

  /**
   * A fresh embedded H2 file database under {@code target}. The server opens it first, embedded;
   * {@code AUTO_SERVER} lets the harness read it too, through a server H2 starts for that.
   */
  static ServerDatabase h2(Path target) throws IOException {
    Path files = target.resolve("h2-bench").toAbsolutePath();
    WildFly.deleteTree(files);
    String url = "jdbc:h2:file:" + files.resolve("ledger") + ";AUTO_SERVER=TRUE";
    return new ServerDatabase() {
      @Override
      public String description() {
        return "embedded H2 in " + files;
      }

      @Override
      public String suffix() {
        return "-h2";
      }

      @Override
      public void attach(WildFly server, Path target) throws IOException {
        server.addH2Datasource(url, 40);
      }

      @Override
      public Env env(boolean full, String base) {
        return Env.h2(full, base, url);
      }

      @Override
      public void close() {
        // kept in target/ for a look afterwards; the next run starts afresh
      }
    };
  }

  private static void execute(PGSimpleDataSource database, String sql) throws SQLException {
    try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
