package io.checkoutbridge.demo.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DemoLauncherTest {
  private static Properties shopConfiguration() throws Exception {
    Properties properties = new Properties();
    try (InputStream in = DemoLauncher.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
      properties.load(in);
    }
    return properties;
  }

  @Test
  void theSandboxSignsWithTheSecretsTheShopVerifiesWith() throws Exception {
    Properties shop = shopConfiguration();
    assertThat(shop.getProperty("checkout-bridge.dintero.callback-signature-secret"))
        .isEqualTo(DemoLauncher.DINTERO_SIGNATURE_SECRET);
    assertThat(shop.getProperty("checkout-bridge.felloh.webhook-secret")).isEqualTo(DemoLauncher.FELLOH_WEBHOOK_SECRET);
    assertThat(DemoLauncher.sandboxSettings("http://localhost:8180/shop"))
        .containsEntry("checkoutbridge.sandbox.felloh.webhook-url", "http://localhost:8180/shop/payments/callback/felloh")
        .containsEntry("checkoutbridge.sandbox.dintero.signature-secret", DemoLauncher.DINTERO_SIGNATURE_SECRET);
  }

  @Test
  void theShopPreAuthorisesWithFellohOnlyBecauseTheSandboxOrganisationHasItEnabled() throws Exception {
    Properties shop = shopConfiguration();
    assertThat(shop.getProperty("checkout-bridge.felloh.authorisation-only")).isEqualTo("true");
    assertThat(DemoLauncher.sandboxSettings("http://localhost:8180/shop"))
        .containsEntry("checkoutbridge.sandbox.felloh.pre-authorisation", "true");
    assertThat(shop.getProperty("checkout-bridge.felloh.checkout-mode"))
        .isEqualTo("${" + DemoLauncher.FELLOH_MODE_PROPERTY + ":embedded}");
  }

  @Test
  void everyProviderOfTheShopPointsAtTheSandboxOfTheSameServer() throws Exception {
    Properties shop = shopConfiguration();
    for (String provider : new String[] {"dintero", "hokodo", "felloh", "kibo"}) {
      assertThat(shop.getProperty("checkout-bridge." + provider + ".enabled")).as(provider).isEqualTo("true");
    }
    shop.stringPropertyNames().stream()
        .filter(k -> k.endsWith("-url") && !k.startsWith("checkout-bridge.storefront.") && !k.equals("checkout-bridge.public-url"))
        .forEach(k -> assertThat(shop.getProperty(k)).as(k).startsWith("${checkout-bridge.public-url}/sandbox/"));
  }

  @Test
  void portsFollowTheOffsetUnlessGiven() {
    DemoLauncher.Options options = DemoLauncher.Options.parse(new String[] {
        "--wildfly-home=/wf", "--war=shop.war", "--server-settings=wildfly/hostile-input.cli", "--server-dir=target/x",
        "--port-offset=600"});
    assertThat(options.httpPort()).isEqualTo(8680);
    assertThat(options.managementPort()).isEqualTo(10590);
    assertThat(options.wildflyHome()).isEqualTo(Path.of("/wf"));
    assertThat(new DemoLauncher(options).shopUrl()).isEqualTo("http://localhost:8680/shop/");
    assertThatThrownBy(() -> DemoLauncher.Options.parse(new String[] {"--war=shop.war"}))
        .hasMessageContaining("--wildfly-home");
  }

  @Test
  void theLogItPrintsIsTheRunsFolderAndTheFileThatDoesNotRollOverAtMidnight() {
    java.util.List<String> lines = DemoLauncher.logLines(Path.of("/srv/demo/log"));
    assertThat(String.join("\n", lines)).contains("/srv/demo/log/").contains("/srv/demo/log/console.log")
        .contains("server.log.YYYY-MM-DD");
    assertThat(lines.get(0)).as("the folder comes first, not the rotating file").doesNotContain("server.log");
  }
}
