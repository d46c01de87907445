package io.checkoutbridge.provider.hokodo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.config.ConfigurationException;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.provider.ProviderFactory;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.io.InputStream;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Sources: {@code https://api.hokodo.co/v1} (production) and {@code https://api-sandbox.hokodo.co/v1}
 * are the {@code uri} and {@code sandbox_uri} of Hokodo's Magento plugin {@code etc/config.xml};
 * the embedded mode needs the public SDK key because the SDK is started with it
 * ({@code view/frontend/web/js/sdk/core.js}: {@code Hokodo(config.key, config.sdkConfig)}; SDK URLs
 * in {@code Model/Config/Sdk.php}); "up to 5 decimals" is seed 001's rule 5, integers the plugin's
 * practice ({@code Model/RequestBuilder/OrderBuilder.php}).
 */
class HokodoSettingsTest {
  private static final String P = "checkout-bridge.hokodo.";

  @Test
  void defaultsPointAtHokodoProductionAndRedirect() {
    HokodoSettings settings = HokodoSettings.from(Settings.of(Map.of(P + "api-key", "sk_live_0123456789")));

    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.hokodo.co/v1"));
    assertThat(settings.checkoutMode()).isEqualTo(HokodoSettings.CheckoutMode.REDIRECT);
    assertThat(settings.enabled()).isFalse();
    assertThat(settings.sdkKey()).isNull();
    assertThat(settings.merchantTermsUrl()).isNull();
  }

  @Test
  void everyProblemIsReportedAtOnceWithoutSecretValues() {
    assertThatThrownBy(() -> HokodoSettings.from(Settings.of(Map.of(
            P + "enabled", "yes",
            P + "base-url", "ftp://api.hokodo.co",
            P + "checkout-mode", "popup",
            P + "merchant-terms-url", "not a url"))))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            P + "enabled is invalid: expected true or false",
            P + "api-key is required (a secret)",
            P + "base-url is invalid: expected an absolute http or https URL",
            P + "checkout-mode is invalid: expected redirect or embedded",
            P + "merchant-terms-url is invalid: expected an absolute http or https URL"));
  }

  @Test
  void embeddedCheckoutNeedsTheSdkKey() {
    assertThatThrownBy(() -> HokodoSettings.from(Settings.of(Map.of(
            P + "api-key", "sk_test_0123456789", P + "checkout-mode", "embedded"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(P + "sdk-key is required when " + P + "checkout-mode=embedded");

    HokodoSettings embedded = HokodoSettings.from(Settings.of(Map.of(P + "api-key", "sk_test_0123456789",
        P + "checkout-mode", "EMBEDDED", P + "sdk-key", "pk_test_abc", P + "base-url", "https://api-sandbox.hokodo.co/v1/",
        P + "merchant-terms-url", "https://shop.example/terms")));
    assertThat(embedded.checkoutMode()).isEqualTo(HokodoSettings.CheckoutMode.EMBEDDED);
    assertThat(embedded.baseUrl()).isEqualTo(URI.create("https://api-sandbox.hokodo.co/v1"));
    assertThat(embedded.merchantTermsUrl()).isEqualTo(URI.create("https://shop.example/terms"));
    // Hokodo's Magento plugin (etc/config.xml, Model/Config/Sdk.php): the sandbox API goes with the sandbox SDK.
    assertThat(embedded.sdkUrl()).isEqualTo(URI.create("https://js-sandbox.hokodo.co/hokodo-js/v1/"));
  }

  @Test
  void amountsAreIntegerMinorUnitsUnlessUpToFiveDecimalsAreAskedFor() {
    HokodoSettings plain = HokodoSettings.from(Settings.of(Map.of(P + "api-key", "sk_test_0123456789")));
    HokodoSettings decimals = HokodoSettings.from(Settings.of(Map.of(P + "api-key", "sk_test_0123456789",
        P + "amount-decimals", "5", P + "sdk-url", "https://shop.example/hokodo.js")));

    assertThat(plain.amountDecimals()).isZero();
    assertThat(plain.sdkUrl()).isEqualTo(URI.create("https://js.hokodo.co/hokodo-js/v1/"));
    assertThat(decimals.amountDecimals()).isEqualTo(5);
    assertThat(decimals.sdkUrl()).isEqualTo(URI.create("https://shop.example/hokodo.js"));
    assertThatThrownBy(() -> HokodoSettings.from(Settings.of(Map.of(P + "api-key", "sk_test_0123456789",
        P + "amount-decimals", "6")))).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(P + "amount-decimals");
  }

  @Test
  void toStringNeverShowsTheApiKey() {
    HokodoSettings settings = HokodoSettings.from(Settings.of(Map.of(P + "api-key", "sk_live_secretvalue")));

    assertThat(settings.toString()).doesNotContain("sk_live_secretvalue").contains("apiKey=***");
  }

  @Test
  void factoryIsRegisteredAndBuildsTheProvider() {
    ProviderFactory factory = ServiceLoader.load(ProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.id().equals("hokodo"))
        .findFirst().orElseThrow();
    Settings settings = Settings.of(Map.of(P + "enabled", "true", P + "api-key", "sk_test_0123456789"));

    PaymentProvider provider = factory.create(settings, HttpClients.create(HttpSettings.defaults()), Clock.systemUTC());

    assertThat(factory.enabled(settings)).isTrue();
    assertThat(provider).isInstanceOf(HokodoProvider.class);
    assertThat(provider.enabled()).isTrue();
    assertThat(provider.id()).isEqualTo("hokodo");
  }

  @Test
  void previewProviderNeedsNoCredentials() {
    PaymentProvider provider = new HokodoProviderFactory().createForPreview(Settings.of(Map.of()),
        HttpClients.create(HttpSettings.defaults()), Clock.systemUTC());

    assertThat(provider.id()).isEqualTo("hokodo");
  }

  @Test
  void shippedDefaultsFileDocumentsEveryKey() throws Exception {
    Properties defaults = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
      defaults.load(in);
    }
    HokodoSettings settings = HokodoSettings.from(key -> java.util.Optional.ofNullable(
        key.equals(P + "api-key") ? "sk_test_0123456789" : defaults.getProperty(key)));

    assertThat(settings.baseUrl()).isEqualTo(URI.create(HokodoSettings.DEFAULT_BASE_URL));
    assertThat(settings.checkoutMode()).isEqualTo(HokodoSettings.CheckoutMode.REDIRECT);
    assertThat(defaults.getProperty(P + "enabled")).isEqualTo("false");
    assertThat(defaults.getProperty(P + "api-key")).isNull();
  }
}
