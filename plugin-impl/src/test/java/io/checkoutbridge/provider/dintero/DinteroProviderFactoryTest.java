package io.checkoutbridge.provider.dintero;

import static io.checkoutbridge.provider.dintero.DinteroTestSupport.CALLBACK_URL;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.CLOCK;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.RETURN_URL;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.discountedCart;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.memory;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ok;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.parse;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.config.ConfigurationException;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.provider.ProviderFactory;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;

/**
 * Sources of the previewed requests: the token at {@code /accounts/{aid}/auth/token} with
 * {@code audience} {@code https://api.dintero.com/v1/accounts/{aid}} and the session at
 * {@code POST https://checkout.dintero.com/v1/sessions-profile}: seed 002's curl example. Seed 002
 * names the draft order and its completion ("After creating the draft_order and marking it as
 * completed") but not their paths; {@code …/shopping/draft_orders} and {@code …/complete} with PUT
 * are unverified here, and the sandbox assumes the same paths.
 */
class DinteroProviderFactoryTest {

  private static final Map<String, String> KEYS = Map.of(
      "checkout-bridge.dintero.enabled", "true",
      "checkout-bridge.dintero.account-id", "T12345678",
      "checkout-bridge.dintero.client-id", "client",
      "checkout-bridge.dintero.client-secret", "very-secret-value",
      "checkout-bridge.dintero.profile-id", "default_profile");

  @Test
  void factoryIsListedInTheServiceFile() {
    assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(DinteroProviderFactory.class);
  }

  @Test
  void factoryBuildsAnEnabledProviderFromConfiguration() {
    DinteroProviderFactory factory = new DinteroProviderFactory();
    PaymentProvider provider = factory.create(Settings.of(KEYS), DinteroTestSupport.http(Duration.ofSeconds(1)), CLOCK);

    assertThat(factory.id()).isEqualTo("dintero");
    assertThat(factory.enabled(Settings.of(KEYS))).isTrue();
    assertThat(provider.id()).isEqualTo("dintero");
    assertThat(provider.displayName()).isEqualTo("Dintero");
    assertThat(provider.enabled()).isTrue();
    assertThat(provider.toString()).doesNotContain("very-secret-value");
  }

  @Test
  void factoryNamesEveryMissingKey() {
    assertThatThrownBy(() -> new DinteroProviderFactory().create(Settings.of(Map.of()),
        DinteroTestSupport.http(Duration.ofSeconds(1)), CLOCK))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("account-id").hasMessageContaining("client-id")
        .hasMessageContaining("client-secret").hasMessageContaining("profile-id");
  }

  @Test
  void previewShowsTheRequestsStartWouldSendWithoutSecrets() throws Exception {
    PaymentProvider provider = new DinteroProviderFactory().createForPreview(Settings.of(KEYS),
        DinteroTestSupport.http(Duration.ofSeconds(1)), CLOCK);

    Preview preview = provider.preview(request(discountedCart()));

    assertThat(preview.providerId()).isEqualTo("dintero");
    assertThat(preview.requests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
        "POST https://api.dintero.com/v1/accounts/T12345678/auth/token",
        "POST https://api.dintero.com/v1/accounts/T12345678/shopping/draft_orders",
        "PUT https://api.dintero.com/v1/accounts/T12345678/shopping/draft_orders/{draft_order_id}/complete",
        "POST https://checkout.dintero.com/v1/sessions-profile");
    assertThat(preview.requests()).allSatisfy(r -> assertThat(r.body()).doesNotContain("very-secret-value"));
    assertThat(preview.requests().get(0).body())
        .contains("\"audience\":\"https://api.dintero.com/v1/accounts/T12345678\"");
    assertThat(preview.rules()).anySatisfy(rule -> assertThat(rule).startsWith("discount line D (-80.00 NOK)"));
  }

  @Test
  void previewBodiesAreWhatStartSends() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(ok("token.json"));
      server.enqueue(ok("draft_order.json"));
      server.enqueue(ok("draft_order_complete.json"));
      server.enqueue(ok("session.json"));
      DinteroProvider provider = DinteroTestSupport.provider(server);

      Preview preview = provider.preview(request(discountedCart()));
      provider.start(new StartContext("pay-1", request(discountedCart()), RETURN_URL, CALLBACK_URL, memory()));

      assertThat(DinteroTestSupport.body(server.takeRequest())).isEqualTo(parse(preview.requests().get(0).body()));
      assertThat(DinteroTestSupport.body(server.takeRequest())).isEqualTo(parse(preview.requests().get(1).body()));
      server.takeRequest();
      var session = (com.fasterxml.jackson.databind.node.ObjectNode) DinteroTestSupport.body(server.takeRequest());
      var previewed = (com.fasterxml.jackson.databind.node.ObjectNode) parse(preview.requests().get(3).body());
      assertThat(session.get("order").get("items")).isEqualTo(previewed.get("order").get("items"));
      assertThat(previewed.at("/order/merchant_reference").asText()).isEqualTo("{order_id}");
    }
  }

  @Test
  void defaultsFileDocumentsEveryDinteroKey() throws Exception {
    String text;
    try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
      assertThat(in).isNotNull();
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (String key : new String[] {"enabled", "account-id", "client-id", "client-secret", "profile-id",
        "checkout-url", "api-url", "callback-signature-secret", "signature-tolerance"}) {
      assertThat(text).contains("checkout-bridge.dintero." + key + "=");
    }
    Properties defaults = new Properties();
    defaults.load(new java.io.StringReader(text));
    assertThat(defaults.getProperty("checkout-bridge.dintero.checkout-url")).isEqualTo(DinteroSettings.DEFAULT_CHECKOUT_URL);
    assertThat(defaults.getProperty("checkout-bridge.dintero.api-url")).isEqualTo(DinteroSettings.DEFAULT_API_URL);
    assertThat(defaults.getProperty("checkout-bridge.dintero.client-secret")).isNull();
  }
}
