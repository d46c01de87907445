package io.checkoutbridge.demo.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.demo.launcher.DemoLauncher;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's first command starts the demo, prints the shop's, the admin's and the sandbox's
 * URLs, answers on them, and leaves no server behind when it is stopped. Runs after the browser
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

  @Test
  @Order(3)
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
      request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
