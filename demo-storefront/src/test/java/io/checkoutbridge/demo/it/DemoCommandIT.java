package io.checkoutbridge.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.demo.launcher.DemoLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's first command starts the demo, prints the shop's, the admin's and the sandbox's
 * URLs, answers on them, runs with the server settings the README asks for against hostile input,
 * and leaves no server behind when it is stopped. Runs after the browser
 * test, which uses the same server.
 */
@Order(2)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoCommandIT {
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  @Order(1)
  void theReadmeStartsWithExactlyTwoSetUpCommandsTheDemoThenTheTests() throws Exception {
    List<List<String>> commands = ReadmeCommands.setUpCommands(DemoServer.repository().resolve("README.md"));
    assertThat(commands).hasSize(2);
    assertThat(commands.get(0)).startsWith("mvn").contains("-Pdemo");
    assertThat(commands.get(1)).containsExactly("mvn", "-B", "verify");
  }

  @Test
  @Order(2)
  void theDemoCommandPrintsItsUrlsAndTheShopTheAdminAndTheJournalAnswer() throws Exception {
    DemoServer demo = DemoServer.shared();
    String base = "http://localhost:" + DemoServer.httpPort() + "/shop/";
    assertThat(demo.shopUrl()).isEqualTo(base);
    assertThat(demo.adminUrl()).isEqualTo(base + "payments/admin/");
    assertThat(demo.journalUrl()).isEqualTo(base + "sandbox/_journal");
    assertThat(String.join("\n", demo.output())).contains("user demo-admin, password ");

    HttpResponse<String> shop = get(demo.shopUrl(), null);
    assertThat(shop.statusCode()).isEqualTo(200);
    assertThat(shop.body()).contains("Hearth &amp; Field").contains("Add to basket");

    HttpResponse<String> anonymous = get(demo.adminUrl(), null);
    assertThat(anonymous.statusCode()).as("the admin asks who you are").isEqualTo(401);
    HttpResponse<String> admin = get(demo.adminUrl(), DemoLauncher.ADMIN_USER + ":" + DemoLauncher.ADMIN_PASSWORD);
    assertThat(admin.statusCode()).as("the demo admin user gets in").isEqualTo(200);

    HttpResponse<String> journal = get(demo.journalUrl(), null);
    assertThat(journal.statusCode()).isEqualTo(200);
    assertThat(journal.body()).startsWith("[");
  }

  /**
   * The server settings of {@code wildfly/hostile-input.cli}, which the demo applies as the
   * integration tests do: without them WildFly answers a malformed Basic header with 500 and a stack
   * trace, a method it does not know under {@code /payments} with 501, and locks an admin out after
   * ten wrong passwords.
   */
  @Test
  @Order(3)
  void theDemoServerRefusesMalformedCredentialsAndUnknownMethodsAndDoesNotLockTheAdminOut() throws Exception {
    DemoServer demo = DemoServer.shared();
    for (String header : List.of("Basic !!!x", "Basic ====")) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(demo.adminUrl())).header("Authorization", header).GET().build();
      assertThat(statusWithin(request, 400)).as(header + " on the admin").isEqualTo(400);
    }
    for (String path : List.of("payments/no-such-endpoint", "payments/admin/")) {
      HttpRequest request = HttpRequest.newBuilder(URI.create(demo.shopUrl() + path))
          .header("Authorization", basic(DemoLauncher.ADMIN_USER + ":" + DemoLauncher.ADMIN_PASSWORD))
          .method("PATCH", HttpRequest.BodyPublishers.ofString("{}")).build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as("PATCH " + path).isEqualTo(405);
      assertThat(response.headers().firstValue("Allow")).as("PATCH " + path).isPresent();
    }
    for (int i = 0; i < 15; i++) {
      assertThat(get(demo.adminUrl(), DemoLauncher.ADMIN_USER + ":guess-" + i).statusCode()).isEqualTo(401);
    }
    assertThat(get(demo.adminUrl(), DemoLauncher.ADMIN_USER + ":" + DemoLauncher.ADMIN_PASSWORD).statusCode())
        .as("15 wrong passwords leave the admin able to sign in").isEqualTo(200);
  }

  @Test
  @Order(4)
  void stoppingTheDemoCommandStopsWildFlyAndEveryProcessItStarted() throws Exception {
    DemoServer demo = DemoServer.shared();
    assertThat(demo.startedProcesses()).as("WildFly runs as a child of the demo command").isNotEmpty();
    demo.stop();
    assertThat(demo.output()).contains("WildFly stopped.");
    assertThat(demo.startedProcesses()).noneMatch(ProcessHandle::isAlive);
    assertThat(DemoServer.portOpen(DemoServer.httpPort())).as("HTTP port closed").isFalse();
    assertThat(DemoServer.portOpen(Integer.getInteger("wildfly.management.port", 9990))).as("management port closed")
        .isFalse();
  }

  private HttpResponse<String> get(String url, String basicAuth) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (basicAuth != null) {
      request.header("Authorization", basic(basicAuth));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String userAndPassword) {
    return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends the request until it gets the expected status or ten seconds have passed, and returns the
   * last status: the server is up, but a settled answer is asked for rather than the first one.
   */
  private int statusWithin(HttpRequest request, int expected) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    int status;
    do {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } while (status != expected && Instant.now().isBefore(deadline));
    return status;
  }
}
