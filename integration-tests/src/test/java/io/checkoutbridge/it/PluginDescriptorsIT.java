package io.checkoutbridge.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.Payments;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A storefront WAR holding only the plugin's jars and its own two configuration keys gets the
 * endpoints, the CDI beans, the configuration defaults and the ledger's tables, with no web.xml.
 */
@ExtendWith(ArquillianExtension.class)
class PluginDescriptorsIT {
  private static final String NAME = "descriptors";

  @Deployment
  static WebArchive deployment() {
    return Deployments.storefront(NAME, Map.of())
        .addClass(Deployments.class)
        .addAsLibraries(Deployments.jars("assertj-core-", "byte-buddy-"))
        .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
  }

  @Inject
  Payments payments;

  @Inject
  CheckoutBridgeRuntime runtime;

  @Inject
  Config config;

  @Resource(lookup = "java:jboss/datasources/ExampleDS")
  DataSource exampleDs;

  @Test
  void thePaymentsFacadeIsInjectableWithNoProviderEnabled() {
    assertThat(payments).isNotNull();
    assertThat(payments.providers()).isEmpty();
  }

  @Test
  void configurationDefaultsComeFromThePluginAndTheStorefrontOverridesThem() {
    assertThat(config.getValue("checkout-bridge.callback.max-body-bytes", Integer.class)).isEqualTo(65536);
    assertThat(config.getValue("checkout-bridge.datasource", String.class)).isEqualTo("java:jboss/datasources/ExampleDS");
    assertThat(runtime.core().publicUrl().toString()).isEqualTo(Deployments.baseUrl(NAME));
  }

  @Test
  void theLedgerTablesExistInTheConfiguredDataSource() throws Exception {
    try (Connection c = exampleDs.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM \"cb_schema_history\" WHERE \"success\" = TRUE")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isGreaterThanOrEqualTo(1);
    }
    try (Connection c = exampleDs.getConnection(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cb_payment")) {
      assertThat(rs.next()).isTrue();
    }
  }

  @Test
  void theEndpointsAreMappedByTheWebFragment() throws Exception {
    HttpClient http = Deployments.httpClient();
    HttpResponse<String> unsealed = http.send(HttpRequest.newBuilder(
        URI.create(Deployments.baseUrl(NAME) + "/payments/callback/dintero?pid=x")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(unsealed.statusCode()).as("a payment id without its seal").isEqualTo(401);
    assertThat(unsealed.body()).contains("signature_invalid");

    HttpResponse<String> noProvider = http.send(HttpRequest.newBuilder(
        URI.create(Deployments.baseUrl(NAME) + "/payments/callback/dintero")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(noProvider.statusCode()).as("no provider is enabled in this storefront").isEqualTo(404);

    HttpResponse<String> forged = http.send(HttpRequest.newBuilder(
        URI.create(Deployments.baseUrl(NAME) + "/payments/callback/dintero?pid=x&seal=forged")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("signature_invalid");

    HttpResponse<String> status = http.send(HttpRequest.newBuilder(
        URI.create(Deployments.baseUrl(NAME) + "/payments/status?pid=x")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(status.statusCode()).isEqualTo(400);

    HttpResponse<String> returned = http.send(HttpRequest.newBuilder(
        URI.create(Deployments.baseUrl(NAME) + "/payments/return/dintero?pid=x&seal=forged")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(returned.statusCode()).isEqualTo(400);
    assertThat(returned.body()).contains("not valid");
  }
}
