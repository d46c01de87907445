package io.checkoutbridge.bench.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A WildFly unpacked in the module's {@code target/}, started as its own process with a port
 * offset, given a datasource on PostgreSQL (the driver jar and a {@code -ds.xml} deployed next to
 * the WAR) or on its own embedded H2, and the benchmark storefront as an exploded WAR. {@link #close()} stops it, and a JVM
 * shutdown hook does the same if the driver dies first: no server is left running.
 */
public final class WildFly implements AutoCloseable {
  public static final String DATASOURCE = "java:jboss/datasources/CheckoutBridgeBench";
  /** The embedded H2 database's credentials (those of WildFly's {@code ExampleDS}). */
  public static final String H2_USER = "sa";
  public static final String H2_PASSWORD = "sa";

  private final Path home;
  private final int portOffset;
  private final int httpPort;
  private final Path log;
  private Process process;
  private final Thread hook = new Thread(this::stopQuietly, "wildfly-stop");

  public WildFly(Path home, int portOffset, int httpPort, Path log) {
    this.home = home;
    this.portOffset = portOffset;
    this.httpPort = httpPort;
    this.log = log;
  }

  public int httpPort() {
    return httpPort;
  }

  private Path deployments() {
    return home.resolve("standalone/deployments");
  }

  /** Removes what an earlier run deployed, so each run starts from the same server. */
  public void clean() throws IOException {
    try (Stream<Path> files = Files.list(deployments())) {
      for (Path p : files.toList()) {
        if (!p.getFileName().toString().startsWith("README")) {
          deleteTree(p);
        }
      }
    }
    deleteTree(home.resolve("standalone/data"));
    deleteTree(home.resolve("standalone/tmp"));
  }

  /**
   * Sizes the server's request worker pool. The provider sandbox is served by the same server as
   * the plugin, so a plugin request waiting for the sandbox must never hold the last worker the
   * sandbox needs (WildFly's default is 16 per core: 32 here, fewer than the callback clients).
   */
  public void workers(int maxThreads) throws IOException {
    Path config = home.resolve("standalone/configuration/standalone.xml");
    String xml = Files.readString(config, StandardCharsets.UTF_8);
    String sized = xml.replaceAll("<worker name=\"default\"[^/]*/>",
        "<worker name=\"default\" task-max-threads=\"" + maxThreads + "\"/>");
    if (sized.equals(xml) && !xml.contains("task-max-threads=\"" + maxThreads + "\"")) {
      throw new IOException("no default IO worker in " + config);
    }
    Files.writeString(config, sized, StandardCharsets.UTF_8);
  }

  /** Deploys the PostgreSQL driver and a datasource for {@code jdbcUrl}, before the server starts. */
  public void addPostgresDatasource(Path driverJar, String jdbcUrl, int maxPool) throws IOException {
    Files.copy(driverJar, deployments().resolve("postgresql.jar"), StandardCopyOption.REPLACE_EXISTING);
    addDatasource("postgresql.jar", jdbcUrl, "", maxPool);
  }

  /**
   * A datasource on embedded H2 (the server's own H2 module, as its {@code ExampleDS}) for
   * {@code jdbcUrl}, before the server starts.
   */
  public void addH2Datasource(String jdbcUrl, int maxPool) throws IOException {
    addDatasource("h2", jdbcUrl, "    <security>\n      <user-name>" + H2_USER + "</user-name>\n      <password>"
        + H2_PASSWORD + "</password>\n    </security>\n", maxPool);
  }

  private void addDatasource(String driver, String jdbcUrl, String security, int maxPool) throws IOException {
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <datasources xmlns="urn:jboss:domain:datasources:7.0">
          <datasource jndi-name="%s" pool-name="CheckoutBridgeBench">
            <connection-url>%s</connection-url>
            <driver>%s</driver>
            <pool>
              <min-pool-size>4</min-pool-size>
              <max-pool-size>%d</max-pool-size>
            </pool>
        %s  </datasource>
        </datasources>
        """.formatted(DATASOURCE, jdbcUrl.replace("&", "&amp;"), driver, maxPool, security);
    Files.writeString(deployments().resolve("bench-ds.xml"), xml, StandardCharsets.UTF_8);
  }

  /** Starts the server and waits until the datasource is deployed. */
  public void start(List<String> jvmOptions, Map<String, String> systemProperties) throws IOException,
      InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(home.resolve("bin/standalone.sh").toString());
    command.add("-Djboss.socket.binding.port-offset=" + portOffset);
    command.add("-b");
    command.add("127.0.0.1");
    systemProperties.forEach((k, v) -> command.add("-D" + k + "=" + v));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().put("JAVA_OPTS", String.join(" ", jvmOptions)
        + " -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true"
        + " -Djboss.modules.system.pkgs=org.jboss.byteman");
    builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
    Runtime.getRuntime().addShutdownHook(hook);
    process = builder.start();
    awaitMarker("bench-ds.xml", Duration.ofSeconds(120));
  }

  /** Deploys the exploded WAR at {@code war} as {@code name}.war and waits until it is up. */
  public void deploy(Path war, String name) throws IOException, InterruptedException {
    Path target = deployments().resolve(name + ".war");
    copyTree(war, target);
    Files.writeString(deployments().resolve(name + ".war.dodeploy"), name);
    awaitMarker(name + ".war", Duration.ofSeconds(180));
  }

  private void awaitMarker(String deployment, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(deployments().resolve(deployment + ".deployed"))) {
        return;
      }
      Path failed = deployments().resolve(deployment + ".failed");
      if (Files.exists(failed)) {
        throw new IOException(deployment + " failed to deploy: " + Files.readString(failed) + " (see " + log + ")");
      }
      if (!process.isAlive()) {
        throw new IOException("WildFly exited with " + process.exitValue() + " (see " + log + ")");
      }
      Thread.sleep(200);
    }
    throw new IOException(deployment + " not deployed after " + timeout + " (see " + log + ")");
  }

  /** The server JVM's process id, asked over HTTP from the benchmark WAR. */
  public long pid(String baseUrl) throws IOException {
    HttpURLConnection c = (HttpURLConnection) URI.create(baseUrl + "/bench/pid").toURL().openConnection();
    try {
      return Long.parseLong(new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim());
    } finally {
      c.disconnect();
    }
  }

  @Override
  public void close() {
    stopQuietly();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private synchronized void stopQuietly() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    all.forEach(ProcessHandle::destroy); // SIGTERM: WildFly shuts down cleanly
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    process = null;
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path dest = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
