package io.checkoutbridge.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One WildFly node of the two-node test: the unpacked distribution started as its own process
 * with a server base directory of its own (a copy of the distribution's {@code standalone}, with
 * the users the build added) and a port offset. Deployments are files dropped into its
 * {@code deployments/} before the start; {@link #start} waits for each one's {@code .deployed}
 * marker. {@link #close()} stops it, and a JVM shutdown hook does the same if the test JVM dies
 * first: no server is left running.
 */
final class WildFlyNode implements AutoCloseable {
  private final String name;
  private final Path home;
  private final Path base;
  private final int portOffset;
  private final Path log;
  private Process process;
  private final Thread hook = new Thread(this::stop, "wildfly-node-stop");

  /** A fresh base directory {@code dir} copied from the distribution's {@code standalone}. */
  WildFlyNode(String name, Path home, Path dir, int portOffset) throws IOException {
    this.name = name;
    this.home = home;
    this.base = dir;
    this.portOffset = portOffset;
    deleteTree(dir);
    copyTree(home.resolve("standalone/configuration"), dir.resolve("configuration"));
    Files.createDirectories(dir.resolve("deployments"));
    // The distribution's server may have deployments of its own listed right now (another test's):
    // their content is not copied, so the copy lists none.
    Path config = dir.resolve("configuration/standalone.xml");
    Files.writeString(config, Files.readString(config, StandardCharsets.UTF_8)
        .replaceAll("(?s)<deployments>.*?</deployments>", ""), StandardCharsets.UTF_8);
    this.log = dir.resolve("server-console.log");
  }

  String name() {
    return name;
  }

  int httpPort() {
    return 8080 + portOffset;
  }

  Path log() {
    return log;
  }

  /**
   * Puts {@code file} into the deployments as {@code as}, whole at once (copied beside them, then
   * moved in), so the deployment scanner never sees half a file.
   */
  void deploy(Path file, String as) throws IOException {
    Path part = base.resolve(as + ".part");
    Files.copy(file, part, StandardCopyOption.REPLACE_EXISTING);
    Files.move(part, base.resolve("deployments").resolve(as), StandardCopyOption.ATOMIC_MOVE);
  }

  void deploy(String content, String as) throws IOException {
    Files.writeString(base.resolve("deployments").resolve(as), content, StandardCharsets.UTF_8);
  }

  /** Starts the server; {@link #await} waits for its deployments. */
  void start() throws IOException {
    List<String> command = List.of(home.resolve("bin/standalone.sh").toString(),
        "-Djboss.server.base.dir=" + base, "-Djboss.socket.binding.port-offset=" + portOffset,
        "-Djboss.node.name=" + name, "-Djboss.tx.node.id=checkout-bridge-" + name, "-b", "127.0.0.1", "-bmanagement", "127.0.0.1");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_OPTS", "-Xms64m -Xmx512m -Djava.net.preferIPv4Stack=true"
        + " -Djava.awt.headless=true");
    builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
    Runtime.getRuntime().addShutdownHook(hook);
    process = builder.start();
  }

  /** Waits until every deployment named is deployed, failing at once when one fails or the server exits. */
  void await(List<String> deployments, Duration timeout) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    for (String deployment : deployments) {
      awaitMarker(deployment, deadline);
    }
  }

  private void awaitMarker(String deployment, Instant deadline) throws IOException, InterruptedException {
    Path dir = base.resolve("deployments");
    while (Instant.now().isBefore(deadline)) {
      if (Files.exists(dir.resolve(deployment + ".deployed"))) {
        return;
      }
      Path failed = dir.resolve(deployment + ".failed");
      if (Files.exists(failed)) {
        throw new IOException(name + ": " + deployment + " failed to deploy: " + Files.readString(failed)
            + " (see " + log + ")");
      }
      if (!process.isAlive()) {
        throw new IOException(name + ": WildFly exited with " + process.exitValue() + " (see " + log + ")");
      }
      Thread.sleep(200);
    }
    throw new IOException(name + ": " + deployment + " not deployed in time (see " + log + ")");
  }

  /** The server's JVM (the child of the start script). */
  Optional<ProcessHandle> jvm() {
    return process == null ? Optional.empty()
        : process.descendants().filter(p -> p.info().command().map(c -> c.endsWith("java")).orElse(false)).findFirst();
  }

  /** {@code kill -9} of the server's JVM: no shutdown, no clean-up, as a crash or a pulled plug. */
  void kill() throws InterruptedException {
    ProcessHandle jvm = jvm().orElseThrow(() -> new IllegalStateException(name + " has no JVM running"));
    jvm.destroyForcibly();
    try {
      jvm.onExit().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException(name + " did not die", e);
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running or has run
    }
  }

  private synchronized void stop() {
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

  static void deleteTree(Path root) throws IOException {
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
