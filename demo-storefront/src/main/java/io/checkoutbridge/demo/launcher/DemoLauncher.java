package io.checkoutbridge.demo.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Runs the demo: a WildFly unpacked by the build, with its own server directory, a demo admin user,
 * the server settings the README asks for against hostile input, and the shop WAR (which bundles the plugin, the admin UI and the provider sandbox). Prints the URLs
 * once the shop answers and keeps running until the JVM is asked to stop (Ctrl-C, SIGTERM); a
 * shutdown hook then stops WildFly and every process it started, so no server is left behind.
 *
 * <p>Started by {@code mvn -B -Pdemo -pl demo-storefront -am verify} through exec-maven-plugin
 * ({@code exec:java}, in Maven's own JVM). Not part of the WAR.
 */
public final class DemoLauncher {
  /** The demo's admin user, in WildFly's application realm with the role {@code payments-admin}. */
  public static final String ADMIN_USER = "demo-admin";

  public static final String ADMIN_PASSWORD = "demo-Pass-1";

  public static final String ADMIN_ROLE = "payments-admin";

  /**
   * Secrets the sandbox signs with, preset for the demo; the shop's configuration ({@code
   * checkout-bridge.dintero.callback-signature-secret}, {@code checkout-bridge.felloh.webhook-secret})
   * holds the same values, so the plugin verifies every callback as it would in production.
   */
  public static final String DINTERO_SIGNATURE_SECRET = "demo-only-dintero-callback-signing-secret";

  public static final String FELLOH_WEBHOOK_SECRET = "demo-only-felloh-webhook-secret";
  /** How the demo takes Felloh payments: {@code embedded} (default) or {@code payment-link}. */
  public static final String FELLOH_MODE_PROPERTY = "demo.felloh.checkout-mode";

  /** The WAR's deployment name, which is also its context root. */
  static final String CONTEXT = "shop";

  private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
  /**
   * Straight to the process's standard output: Maven replaces and, while the JVM shuts down, closes
   * {@code System.out}, and the launcher still has to say that WildFly stopped.
   */
  private static final PrintStream CONSOLE = new PrintStream(new FileOutputStream(FileDescriptor.out), true,
      StandardCharsets.UTF_8);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Options options;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private volatile Process server;

  DemoLauncher(Options options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    DemoLauncher launcher = new DemoLauncher(Options.parse(args));
    Thread hook = new Thread(launcher::stop, "demo-server-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      launcher.start();
      if (launcher.stopRequested.get()) {
        return;
      }
      launcher.printUrls();
      int exit = launcher.server.waitFor();
      if (!launcher.stopped.get()) {
        throw new IllegalStateException("WildFly stopped on its own (exit " + exit + "); see " + launcher.consoleLog());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      launcher.stop();
    }
  }

  /** Prepares the server directory, starts WildFly and waits until the shop answers. */
  void start() throws IOException, InterruptedException {
    Path home = options.wildflyHome();
    if (!Files.isExecutable(home.resolve("bin/standalone.sh"))) {
      throw new IllegalStateException("no WildFly at " + home + "; run the build through Maven (see README)");
    }
    if (!Files.isRegularFile(options.serverSettings())) {
      throw new IllegalStateException("no server settings at " + options.serverSettings() + "; run the build through Maven (see README)");
    }
    if (!Files.isRegularFile(options.war())) {
      throw new IllegalStateException("no shop WAR at " + options.war() + "; run the build through Maven (see README)");
    }
    Path dir = options.serverDir();
    deleteTree(dir);
    copyTree(home.resolve("standalone/configuration"), dir.resolve("configuration"));
    Files.createDirectories(dir.resolve("deployments"));
    Files.createDirectories(dir.resolve("log"));
    addAdminUser(home, dir.resolve("configuration"));
    applyServerSettings(home, dir);
    Files.copy(options.war(), dir.resolve("deployments/" + CONTEXT + ".war"), StandardCopyOption.REPLACE_EXISTING);

    List<String> command = new ArrayList<>(List.of(home.resolve("bin/standalone.sh").toString(),
        "-Djboss.server.base.dir=" + dir,
        "-Djboss.socket.binding.port-offset=" + options.portOffset(),
        "-Dcheckout-bridge.public-url=" + publicUrl()));
    sandboxSettings(publicUrl()).forEach((key, value) -> command.add("-D" + key + "=" + value));
    String fellohMode = System.getProperty(FELLOH_MODE_PROPERTY);
    if (fellohMode != null && fellohMode.matches("[a-z-]{1,20}")) {
      // The shop's configuration reads it: embedded (the default) or payment-link.
      command.add("-D" + FELLOH_MODE_PROPERTY + "=" + fellohMode);
    }
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(consoleLog().toFile());
    builder.environment().putAll(javaEnvironment());
    CONSOLE.println("Starting WildFly from " + home + " (server directory " + dir + ") ...");
    synchronized (this) { // a stop asked for before this point means WildFly never starts
      if (stopRequested.get()) {
        throw new IllegalStateException("stopped before WildFly started");
      }
      server = builder.start();
    }
    awaitShop();
  }

  /** Stops WildFly and everything it started; safe to call more than once and from a shutdown hook. */
  void stop() {
    stopRequested.set(true);
    Process process;
    synchronized (this) {
      process = server;
    }
    if (process == null || !stopped.compareAndSet(false, true)) {
      return;
    }
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    if (process.isAlive()) {
      CONSOLE.println("Stopping WildFly ...");
      runQuietly(List.of(options.wildflyHome().resolve("bin/jboss-cli.sh").toString(), "-c",
          "--controller=remote+http://localhost:" + options.managementPort(), "--command=:shutdown"), STOP_TIMEOUT);
    }
    awaitExit(tree, STOP_TIMEOUT);
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    awaitExit(tree, Duration.ofSeconds(10));
    tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    awaitExit(tree, Duration.ofSeconds(10));
    CONSOLE.println(tree.stream().anyMatch(ProcessHandle::isAlive)
        ? "WildFly could not be stopped: processes " + tree.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid).toList()
        : "WildFly stopped.");
  }

  /**
   * The sandbox's settings for the demo (system properties of the server): Dintero signs its
   * callbacks, and Felloh sends its organisation's webhooks, signed, to the plugin's callback URL.
   */
  static Map<String, String> sandboxSettings(String publicUrl) {
    Map<String, String> settings = new java.util.LinkedHashMap<>();
    settings.put("checkoutbridge.sandbox.dintero.signature-secret", DINTERO_SIGNATURE_SECRET);
    settings.put("checkoutbridge.sandbox.felloh.webhook-url", publicUrl + "/payments/callback/felloh");
    settings.put("checkoutbridge.sandbox.felloh.webhook-secret", FELLOH_WEBHOOK_SECRET);
    // Felloh enables pre-authorisation per organisation; the demo's has it (the shop captures later).
    settings.put("checkoutbridge.sandbox.felloh.pre-authorisation", "true");
    return settings;
  }

  private String publicUrl() {
    return shopUrl().replaceAll("/$", "");
  }

  String shopUrl() {
    return "http://localhost:" + options.httpPort() + "/" + CONTEXT + "/";
  }

  void printUrls() {
    String line = "=".repeat(96);
    CONSOLE.println(line);
    CONSOLE.println(" Checkout Bridge demo is running (WildFly, ledger in H2, providers in the sandbox)");
    CONSOLE.println();
    CONSOLE.println("   Shop              " + shopUrl());
    CONSOLE.println("   Admin             " + shopUrl() + "payments/admin/   user " + ADMIN_USER
        + ", password " + ADMIN_PASSWORD);
    CONSOLE.println("   Sandbox journal   " + shopUrl() + "sandbox/_journal");
    CONSOLE.println("   Sandbox index     " + shopUrl() + "sandbox/");
    logLines(options.serverDir().resolve("log")).forEach(CONSOLE::println);
    CONSOLE.println();
    CONSOLE.println(" Press Ctrl-C to stop the server.");
    CONSOLE.println(line);
    CONSOLE.flush();
  }

  /**
   * Where this run's log is. The server directory is made afresh for each run, so its log folder
   * holds this run only; {@code server.log} rolls over at midnight (the earlier lines move to
   * {@code server.log.YYYY-MM-DD} beside it), while {@code console.log}, the server's standard output,
   * is one file for the whole run.
   */
  static List<String> logLines(Path logFolder) {
    return List.of(
        "   Server logs       " + logFolder + "/  (this run only)",
        "     whole run       " + logFolder.resolve("console.log"),
        "     today           " + logFolder.resolve("server.log") + "  (earlier days: server.log.YYYY-MM-DD)");
  }

  private void addAdminUser(Path home, Path configuration) throws IOException, InterruptedException {
    List<String> command = List.of(home.resolve("bin/add-user.sh").toString(), "-a", "-u", ADMIN_USER,
        "-p", ADMIN_PASSWORD, "-g", ADMIN_ROLE, "-sc", configuration.toString());
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(options.serverDir().resolve("log/add-user.log").toFile())
        .start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("add-user.sh did not finish; see " + options.serverDir().resolve("log/add-user.log"));
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("add-user.sh failed (exit " + process.exitValue() + "): "
          + Files.readString(options.serverDir().resolve("log/add-user.log")));
    }
  }

  /**
   * Applies the server settings the README asks for ({@code wildfly/hostile-input.cli}, the file the
   * integration tests apply too) to this run's configuration only: the CLI embeds the server offline
   * on the server directory ({@code jboss.server.base.dir}), before WildFly starts, so WildFly's own
   * {@code standalone.xml} stays as unpacked and the start needs no reload.
   */
  private void applyServerSettings(Path home, Path dir) throws IOException, InterruptedException {
    Path log = dir.resolve("log/server-settings.log");
    ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/jboss-cli.sh").toString(),
        "--file=" + options.serverSettings())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(javaEnvironment());
    builder.environment().put("JAVA_OPTS", "-Djboss.server.base.dir=" + dir);
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("the server settings did not finish; see " + log);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException("the server settings " + options.serverSettings() + " failed (exit "
          + process.exitValue() + "):\n" + readQuietly(log));
    }
  }

  private void awaitShop() throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(shopUrl())).timeout(Duration.ofSeconds(10)).GET().build();
    Path failed = options.serverDir().resolve("deployments/" + CONTEXT + ".war.failed");
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (stopRequested.get()) {
        return; // Ctrl-C while starting: the shutdown hook stops WildFly
      }
      if (!server.isAlive()) {
        throw new IllegalStateException("WildFly exited (" + server.exitValue() + ") while starting:\n" + tail(consoleLog()));
      }
      if (Files.exists(failed)) {
        throw new IllegalStateException("the shop failed to deploy:\n" + readQuietly(failed));
      }
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException("the shop did not answer on " + shopUrl() + " within " + START_TIMEOUT.toSeconds()
        + " s; see " + consoleLog());
  }

  private Path consoleLog() {
    return options.serverDir().resolve("log/console.log");
  }

  /** WildFly's scripts run on the JDK that runs this launcher. */
  private static Map<String, String> javaEnvironment() {
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
    return env;
  }

  private static void runQuietly(List<String> command, Duration timeout) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      builder.environment().putAll(javaEnvironment());
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
      }
    } catch (IOException e) {
      // the process tree is destroyed next
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (processes.stream().anyMatch(ProcessHandle::isAlive) && Instant.now().isBefore(deadline)) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String tail(Path file) {
    String text = readQuietly(file);
    String[] lines = text.split("\n");
    return String.join("\n", java.util.Arrays.copyOfRange(lines, Math.max(0, lines.length - 40), lines.length));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + file + " unreadable: " + e.getMessage() + ")";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      paths.forEach(source -> {
        Path target = to.resolve(from.relativize(source).toString());
        try {
          if (Files.isDirectory(source)) {
            Files.createDirectories(target);
          } else {
            Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }

  /** The launcher's arguments, {@code --name=value}; see the demo profile in the module's pom. */
  record Options(Path wildflyHome, Path war, Path serverSettings, Path serverDir, int portOffset, int httpPort,
      int managementPort) {
    static Options parse(String[] args) {
      Map<String, String> values = new HashMap<>();
      for (String arg : args) {
        int eq = arg.indexOf('=');
        if (!arg.startsWith("--") || eq < 0) {
          throw new IllegalArgumentException("expected --name=value, got " + arg);
        }
        values.put(arg.substring(2, eq), arg.substring(eq + 1));
      }
      int offset = Integer.parseInt(values.getOrDefault("port-offset", "0"));
      return new Options(
          Path.of(required(values, "wildfly-home")).toAbsolutePath(),
          Path.of(required(values, "war")).toAbsolutePath(),
          Path.of(required(values, "server-settings")).toAbsolutePath(),
          Path.of(required(values, "server-dir")).toAbsolutePath(),
          offset,
          Integer.parseInt(values.getOrDefault("http-port", String.valueOf(8080 + offset))),
          Integer.parseInt(values.getOrDefault("management-port", String.valueOf(9990 + offset))));
    }

    private static String required(Map<String, String> values, String name) {
      String value = values.get(name);
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException("--" + name + " is required");
      }
      return value;
    }
  }
}
