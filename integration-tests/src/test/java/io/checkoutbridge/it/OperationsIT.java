package io.checkoutbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.checkoutbridge.sandbox.dintero.DinteroSimulator;
import io.checkoutbridge.sandbox.felloh.FellohSimulator;
import io.checkoutbridge.sandbox.kibo.KiboSimulator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What an operator reads on a bad day, inside WildFly: the plugin's readiness and liveness checks
 * at the management port's {@code /health/ready} and {@code /health/live}, the providers'
 * self-test against the sandbox (all four accepted; wrong credentials reported by provider with no
 * secret shown, and warned about at start-up) and the admin list as CSV.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class OperationsIT {
  static final String ALL_FOUR = "ops-providers";
  static final String WRONG = "ops-wrong-keys";
  static final String CSV = "ops-csv";
  /** The providers' simulators in a WAR of their own: the admin's HTTP Basic login would answer their Basic-authenticated token calls. */
  static final String SANDBOX = "ops-sandbox";

  static final String WRONG_KIBO_SECRET = "wrong-kibo-secret-4711";
  static final String WRONG_DINTERO_SECRET = "wrong-dintero-secret-4712";
  static final String WRONG_FELLOH_PRIVATE_KEY = "wrong-felloh-private-key-4713";
  static final String WRONG_HOKODO_KEY = "wrong-hokodo-api-key-4714";

  private static final ObjectMapper JSON = new ObjectMapper();

  @Deployment(name = SANDBOX, testable = false, order = 1)
  static WebArchive sandbox() {
    return ShrinkWrap.create(WebArchive.class, SANDBOX + ".war")
        .addAsLibraries(Deployments.jars("sandbox-", "assertj-core-", "byte-buddy-", "jackson-"));
  }

  @Deployment(name = ALL_FOUR, testable = false, order = 2)
  static WebArchive allFour() {
    return withAdmin(ALL_FOUR, providers(KiboSimulator.API_KEY, KiboSimulator.SECRET_KEY,
        DinteroSimulator.CLIENT_SECRET, FellohSimulator.PRIVATE_KEY, "sandbox-hokodo-api-key"));
  }

  @Deployment(name = WRONG, testable = false, order = 3)
  static WebArchive wrongKeys() {
    return withAdmin(WRONG, providers(KiboSimulator.API_KEY, WRONG_KIBO_SECRET, WRONG_DINTERO_SECRET,
        WRONG_FELLOH_PRIVATE_KEY, WRONG_HOKODO_KEY));
  }

  @Deployment(name = CSV, testable = false, order = 4)
  static WebArchive csv() {
    return AdminApiIT.adminStorefront(CSV);
  }

  /** The four providers against the sandbox WAR, with the given secrets. */
  private static Map<String, String> providers(String kiboKey, String kiboSecret, String dinteroSecret,
      String fellohPrivateKey, String hokodoKey) {
    String sandbox = Deployments.baseUrl(SANDBOX) + "/sandbox";
    Map<String, String> config = new HashMap<>();
    config.put("checkout-bridge.providers", "kibo,dintero,felloh,hokodo");
    config.put("checkout-bridge.http.read-timeout", "PT5S");
    config.put("checkout-bridge.kibo.enabled", "true");
    config.put("checkout-bridge.kibo.api-key", kiboKey);
    config.put("checkout-bridge.kibo.secret-key", kiboSecret);
    config.put("checkout-bridge.kibo.token-url", sandbox + "/kibo/oauthserver/oauth2/token");
    config.put("checkout-bridge.kibo.base-url", sandbox + "/kibo/api/v2");
    config.put("checkout-bridge.kibo.manufacturer-id", "1010");
    config.put("checkout-bridge.kibo.test-orders", "true");
    config.put("checkout-bridge.dintero.enabled", "true");
    config.put("checkout-bridge.dintero.account-id", "T12345678");
    config.put("checkout-bridge.dintero.client-id", "sandbox-client-id");
    config.put("checkout-bridge.dintero.client-secret", dinteroSecret);
    config.put("checkout-bridge.dintero.profile-id", "default_profile");
    config.put("checkout-bridge.dintero.checkout-url", sandbox + "/dintero/checkout/v1");
    config.put("checkout-bridge.dintero.api-url", sandbox + "/dintero/api/v1");
    config.put("checkout-bridge.dintero.callback-signature-secret", "operations-it-dintero-signing-secret");
    config.put("checkout-bridge.felloh.enabled", "true");
    config.put("checkout-bridge.felloh.base-url", sandbox + "/felloh");
    config.put("checkout-bridge.felloh.pay-url", sandbox + "/felloh/embed");
    config.put("checkout-bridge.felloh.link-url", sandbox + "/felloh/pay");
    config.put("checkout-bridge.felloh.public-key", FellohSimulator.PUBLIC_KEY);
    config.put("checkout-bridge.felloh.private-key", fellohPrivateKey);
    config.put("checkout-bridge.felloh.organisation", FellohSimulator.ORGANISATION);
    config.put("checkout-bridge.felloh.webhook-secret", "operations-it-felloh-webhook-secret");
    config.put("checkout-bridge.hokodo.enabled", "true");
    config.put("checkout-bridge.hokodo.api-key", hokodoKey);
    config.put("checkout-bridge.hokodo.base-url", sandbox + "/hokodo/v1");
    return config;
  }

  private static WebArchive withAdmin(String name, Map<String, String> config) {
    return Deployments.storefront(name, config)
        .addAsLibraries(Deployments.adminJars())
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  // ---- health -----------------------------------------------------------------------------------

  @Test
  void theManagementPortsReadinessIncludesThePluginsDatabaseMigrationAndProviderChecksAllUp() throws Exception {
    HttpResponse<String> ready = management("/health/ready");
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(ready.body());
    assertThat(body.path("status").asText()).isEqualTo("UP");
    List<String> ours = new ArrayList<>();
    for (JsonNode check : body.path("checks")) {
      String name = check.path("name").asText();
      if (name.startsWith("checkout-bridge-")) {
        ours.add(name);
        assertThat(check.path("status").asText()).as(check.toString()).isEqualTo("UP");
      }
    }
    assertThat(ours).contains("checkout-bridge-database", "checkout-bridge-migrations", "checkout-bridge-providers");
    assertThat(ready.body()).contains("\"pending\":\"none\"").contains("kibo,dintero,felloh,hokodo");
  }

  @Test
  void theManagementPortsLivenessIncludesThePluginsBackgroundTasks() throws Exception {
    HttpResponse<String> live = management("/health/live");
    assertThat(live.statusCode()).as(live.body()).isEqualTo(200);
    assertThat(live.body()).contains("checkout-bridge-background-tasks").contains("\"callback-retry-and-sweep\":\"scheduled\"");
  }

  // ---- provider self-test -----------------------------------------------------------------------

  @Test
  void theSelfTestFindsAllFourProvidersAcceptingTheSandboxCredentials() throws Exception {
    JsonNode providers = selfTest(ALL_FOUR);
    assertThat(providers).hasSize(4);
    Map<String, JsonNode> byId = byId(providers);
    assertThat(byId.keySet()).containsExactly("kibo", "dintero", "felloh", "hokodo");
    byId.values().forEach(line -> assertThat(line.path("status").asText()).as(line.toString()).isEqualTo("OK"));
    assertThat(byId.get("kibo").path("detail").asText()).endsWith("/oauthserver/oauth2/token");
    assertThat(byId.get("dintero").path("detail").asText()).endsWith("/accounts/T12345678/auth/token");
    assertThat(byId.get("felloh").path("detail").asText()).endsWith("/token");
    assertThat(byId.get("hokodo").path("detail").asText()).startsWith("GET ").contains("/payment/orders/");
  }

  @Test
  void theAdminPagesOfferTheSelfTestAndTheCsvDownload() throws Exception {
    AdminClient admin = AdminClient.admin(ALL_FOUR);
    assertThat(admin.get("/payments/admin/").body()).contains("href=\"self-test.html\"").contains("id=\"export\"");
    HttpResponse<String> page = admin.get("/payments/admin/self-test.html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("src=\"self-test.js\"");
    assertThat(admin.get("/payments/admin/self-test.js").body()).contains("api/self-test");
    assertThat(AdminClient.anonymous(ALL_FOUR).get("/payments/admin/api/self-test").statusCode()).isEqualTo(401);
  }

  @Test
  void wrongCredentialsAreReportedPerProviderByNameWithoutTheSecret() throws Exception {
    HttpResponse<String> response = AdminClient.admin(WRONG).get("/payments/admin/api/self-test");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).doesNotContain(WRONG_KIBO_SECRET, WRONG_DINTERO_SECRET, WRONG_FELLOH_PRIVATE_KEY,
        WRONG_HOKODO_KEY);
    Map<String, JsonNode> byId = byId(AdminClient.json(response).path("providers"));
    Map<String, String> names = Map.of("kibo", "Kibo", "dintero", "Dintero", "felloh", "Felloh", "hokodo", "Hokodo");
    for (Map.Entry<String, String> provider : names.entrySet()) {
      JsonNode line = byId.get(provider.getKey());
      assertThat(line.path("status").asText()).as(line.toString()).isEqualTo("FAILED");
      assertThat(line.path("code").asText()).as(line.toString()).isEqualTo("authentication_failed");
      assertThat(line.path("detail").asText()).as(line.toString()).contains(provider.getValue());
    }
  }

  @Test
  void aProviderRefusingItsCredentialsAtStartUpIsAWarningInTheLogAndTheDeploymentStillServes() throws Exception {
    Path log = Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    String text = Files.readString(log, StandardCharsets.UTF_8);
    while (!text.contains("self-test of hokodo FAILED") && Instant.now().isBefore(deadline)) {
      Thread.sleep(200);
      text = Files.readString(log, StandardCharsets.UTF_8);
    }
    assertThat(text).contains("WARN").contains("self-test of kibo FAILED [authentication_failed]")
        .contains("self-test of dintero FAILED").contains("self-test of felloh FAILED")
        .contains("self-test of hokodo FAILED");
    assertThat(text).doesNotContain(WRONG_KIBO_SECRET, WRONG_DINTERO_SECRET, WRONG_FELLOH_PRIVATE_KEY, WRONG_HOKODO_KEY);
    assertThat(AdminClient.admin(WRONG).get("/payments/admin/api/session").statusCode()).isEqualTo(200);
  }

  // ---- CSV export -------------------------------------------------------------------------------

  @Test
  void theExportHasEveryPaymentTheFiltersSelectWithExactAmountsQuotingAndFormulasDisarmed() throws Exception {
    AdminClient admin = AdminClient.admin(CSV);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String hostile = admin.createPayment("CSV" + tag + "-1", "=HYPERLINK(\"http://evil.example\")", "Smith, Jr.",
        "csv@example.com", "authorized");
    String plain = admin.createPayment("CSV" + tag + "-2", "@Ada", "Lovelace", "ada@example.com", "authorized");
    admin.createPayment("OTHER" + tag, "Not", "Selected", "other@example.com", "authorized");

    HttpResponse<String> export = admin.get("/payments/admin/api/export.csv?q=CSV" + tag);
    assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
    assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
    assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
    String[] lines = export.body().split("\r\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("payment_id,created_at,updated_at,provider,order_reference,status,currency,total");
    assertThat(export.body()).doesNotContain("OTHER" + tag);
    String hostileLine = lines[1].startsWith(hostile) ? lines[1] : lines[2];
    String plainLine = lines[1].startsWith(plain) ? lines[1] : lines[2];
    assertThat(hostileLine).startsWith(hostile + ",");
    JsonNode payment = admin.payment(hostile);
    String total = payment.path("total").asText();
    String authorized = payment.at("/ledger/authorized").asText();
    assertThat(total).matches("\\d+\\.\\d{2}");
    assertThat(hostileLine).contains(",AUTHORIZED," + payment.path("currency").asText() + "," + total + ","
        + authorized + ",0.00,0.00,0.00,0.00,");
    assertThat(hostileLine).contains("\"'=HYPERLINK(\"\"http://evil.example\"\") Smith, Jr.\"");
    assertThat(plainLine).contains(",'@Ada Lovelace,ada@example.com");

    HttpResponse<String> badFilter = admin.get("/payments/admin/api/export.csv?status=paid");
    assertThat(badFilter.statusCode()).isEqualTo(400);
    assertThat(AdminClient.anonymous(CSV).get("/payments/admin/api/export.csv").statusCode()).isEqualTo(401);
  }

  // ---- needs attention ---------------------------------------------------------------------------

  @Test
  void aStartedPaymentOlderThanTheLimitNeedsAttentionWithWhyAndWhatToDoAndASettledOneDoesNot() throws Exception {
    AdminClient admin = AdminClient.admin(CSV);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String started = admin.createPayment("ATT" + tag + "-S", "Ada", "Lovelace", "ada@example.com", "started");
    String authorized = admin.createPayment("ATT" + tag + "-A", "Ada", "Lovelace", "ada@example.com", "authorized");

    HttpResponse<String> response = admin.get("/payments/admin/api/attention?olderThan=PT0S");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    JsonNode listed = null;
    for (JsonNode row : AdminClient.json(response).path("payments")) {
      assertThat(row.path("id").asText()).isNotEqualTo(authorized);
      if (row.path("id").asText().equals(started)) {
        listed = row;
      }
    }
    assertThat(listed).as(response.body()).isNotNull();
    assertThat(listed.path("reason").asText()).isEqualTo("STARTED_TOO_LONG");
    assertThat(listed.path("status").asText()).isEqualTo("STARTED");
    assertThat(listed.path("why").asText()).isNotBlank();
    assertThat(listed.path("action").asText()).contains("Refresh from provider");

    HttpResponse<String> later = admin.get("/payments/admin/api/attention?olderThan=P1D");
    assertThat(later.body()).doesNotContain(started);
    assertThat(admin.get("/payments/admin/api/attention?olderThan=an-hour").statusCode()).isEqualTo(400);
    assertThat(admin.get("/payments/admin/attention.html").statusCode()).isEqualTo(200);
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private static JsonNode selfTest(String deployment) throws Exception {
    HttpResponse<String> response = AdminClient.admin(deployment).get("/payments/admin/api/self-test");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return AdminClient.json(response).path("providers");
  }

  private static Map<String, JsonNode> byId(JsonNode providers) {
    Map<String, JsonNode> byId = new java.util.LinkedHashMap<>();
    providers.forEach(line -> byId.put(line.path("id").asText(), line));
    return byId;
  }

  private static HttpResponse<String> management(String path) throws Exception {
    int port = Integer.getInteger("it.management.port", 9990);
    return Deployments.httpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
