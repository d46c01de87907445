package io.checkoutbridge.demo.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo, started for the tests exactly as the README says: its first command, run by Maven in a
 * subprocess from the repository root, with the test port offset added. One server per test run,
 * shared by the test classes; {@link #stop()} ends it the way Ctrl-C does (the JVM is asked to
 * terminate and its shutdown hook stops WildFly).
 */
final class DemoServer {
  static final Duration START_LIMIT = Duration.ofMinutes(8);
  static final Duration STOP_LIMIT = Duration.ofMinutes(2);
  private static final Pattern URL_LINE = Pattern.compile("^\\s+(Shop|Admin|Sandbox journal)\\s+(http\\S+)");

  private static DemoServer shared;

  private final List<String> command;
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*m");
  private final List<String> output = new ArrayList<>();
  private final Path log;
  private Process maven;
  private Thread reader;
  private List<ProcessHandle> started = List.of();
  private String shopUrl;
  private String adminUrl;
  private String journalUrl;
  private Duration startTime;

  private DemoServer(List<String> command, Path log) {
    this.command = command;
    this.log = log;
  }

  /** The running demo, started on first use. */
  static synchronized DemoServer shared() throws Exception {
    if (shared == null) {
      shared = new DemoServer(command(), Path.of(System.getProperty("demo.log", "target/demo-command.log")));
      Runtime.getRuntime().addShutdownHook(new Thread(shared::stopQuietly, "demo-server-test-stop"));
      shared.start();
    }
    return shared;
  }

  /** The README's demo command with the test ports and server directory. */
  static List<String> command() throws IOException {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("demo.maven", "mvn"));
    List<String> readme = ReadmeCommands.demoCommand(repository().resolve("README.md"));
    command.addAll(readme.subList(1, readme.size()));
    for (String property : List.of("wildfly.port.offset", "wildfly.http.port", "wildfly.management.port",
        "demo.server.dir", "demo.felloh.checkout-mode")) {
      if (System.getProperty(property) != null) {
        command.add("-D" + property + "=" + System.getProperty(property));
      }
    }
    if (System.getProperty("demo.maven.repository") != null) {
      command.add("-Dmaven.repo.local=" + System.getProperty("demo.maven.repository"));
    }
    return command;
  }

  static Path repository() {
    return Path.of(System.getProperty("demo.repository", "..")).toAbsolutePath().normalize();
  }

  static int httpPort() {
    return Integer.getInteger("wildfly.http.port", 8080);
  }

  private void start() throws Exception {
    if (portOpen(httpPort())) {
      throw new IllegalStateException("port " + httpPort() + " is already in use; move the tests with "
          + "-Dwildfly.port.offset=... -Dwildfly.http.port=... -Dwildfly.management.port=...");
    }
    Files.createDirectories(log.toAbsolutePath().getParent());
    Instant begin = Instant.now();
    maven = new ProcessBuilder(command).directory(repository().toFile()).redirectErrorStream(true).start();
    reader = new Thread(this::readOutput, "demo-command-output");
    reader.setDaemon(true);
    reader.start();
    Instant deadline = begin.plus(START_LIMIT);
    while (Instant.now().isBefore(deadline)) {
      synchronized (output) {
        if (output.stream().anyMatch(l -> l.contains("Press Ctrl-C to stop"))) {
          break;
        }
        if (!maven.isAlive()) {
          throw new IllegalStateException("the demo command ended (" + maven.exitValue() + ") before the shop "
              + "answered:\n" + tail());
        }
        output.wait(1000);
      }
    }
    if (shopUrl == null) {
      stopQuietly();
      throw new IllegalStateException("the demo did not start within " + START_LIMIT.toMinutes() + " minutes:\n" + tail());
    }
    startTime = Duration.between(begin, Instant.now());
    started = maven.descendants().toList();
  }

  private void readOutput() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(maven.getInputStream(), StandardCharsets.UTF_8));
         PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        // Maven writes colour resets even in batch mode, sometimes at the start of the launcher's own line.
        line = ANSI_ESCAPE.matcher(line).replaceAll("");
        file.println(line);
        file.flush();
        Matcher m = URL_LINE.matcher(line);
        synchronized (output) {
          if (m.find()) {
            switch (m.group(1)) {
              case "Shop" -> shopUrl = m.group(2);
              case "Admin" -> adminUrl = m.group(2);
              default -> journalUrl = m.group(2);
            }
          }
          output.add(line);
          output.notifyAll();
        }
      }
    } catch (IOException e) {
      // the process ended
    }
  }

  /** Ends the demo as Ctrl-C does and waits until Maven has exited; returns its exit code. */
  synchronized int stop() throws InterruptedException {
    if (maven == null) {
      return -1;
    }
    // SIGTERM, as Ctrl-C: the JVM runs its shutdown hooks and the launcher's stops WildFly. Through the
    // handle, because Process.destroy() would also close the pipe that carries the last lines.
    maven.toHandle().destroy();
    if (!maven.waitFor(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
      maven.destroyForcibly();
      started.forEach(ProcessHandle::destroyForcibly);
      throw new IllegalStateException("the demo command did not stop within " + STOP_LIMIT.toSeconds() + " s");
    }
    reader.join(10_000); // the last lines, printed while stopping
    return maven.exitValue();
  }

  private void stopQuietly() {
    try {
      if (maven != null && maven.isAlive()) {
        stop();
      }
    } catch (Exception e) {
      // best effort at JVM exit
    }
  }

  /** The processes the demo command had started (WildFly and its scripts), as seen once it was up. */
  List<ProcessHandle> startedProcesses() {
    return started;
  }

  List<String> output() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  String tail() {
    List<String> lines = output();
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
  }

  String shopUrl() {
    return shopUrl;
  }

  String adminUrl() {
    return adminUrl;
  }

  String journalUrl() {
    return journalUrl;
  }

  Duration startTime() {
    return startTime;
  }

  List<String> commandLine() {
    return command;
  }

  static boolean portOpen(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
