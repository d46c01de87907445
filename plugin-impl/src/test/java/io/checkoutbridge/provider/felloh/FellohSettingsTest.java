package io.checkoutbridge.provider.felloh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.config.ConfigurationException;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.provider.ProviderFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class FellohSettingsTest {

  private static Map<String, String> complete() {
    Map<String, String> keys = new HashMap<>();
    keys.put("checkout-bridge.felloh.enabled", "true");
    keys.put("checkout-bridge.felloh.public-key", "pk-public-123");
    keys.put("checkout-bridge.felloh.private-key", "private-key-that-must-stay-secret");
    keys.put("checkout-bridge.felloh.organisation", "X9876");
    keys.put("checkout-bridge.felloh.webhook-secret", "whsec-felloh-test-secret");
    return keys;
  }

  @Test
  void defaultsPointAtFellohProductionAndAuthoriseOnly() {
    FellohSettings settings = FellohSettings.from(Settings.of(complete()));

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.felloh.com"));
    assertThat(settings.payUrl()).isEqualTo(URI.create("https://pay.felloh.com/embed"));
    assertThat(settings.openBanking()).isTrue();
    assertThat(settings.card()).isTrue();
    assertThat(settings.excludedCardTypes()).isEmpty();
    assertThat(settings.excludedCardRegions()).isEmpty();
    assertThat(settings.linkUrl()).isEqualTo(URI.create("https://pay.felloh.com"));
    // Felloh's account manager enables pre-authorisation per account: off unless asked for.
    assertThat(settings.authorisationOnly()).isFalse();
    assertThat(settings.sessionExpiry()).isEqualTo(Duration.ofDays(30));
    assertThat(settings.checkoutMode()).isEqualTo(FellohSettings.CheckoutMode.PAYMENT_LINK);
  }

  @Test
  void everyKeyIsRead() {
    Map<String, String> keys = complete();
    keys.put("checkout-bridge.felloh.base-url", "http://localhost:8080/sandbox/felloh/");
    keys.put("checkout-bridge.felloh.pay-url", "http://localhost:8080/sandbox/felloh/pay");
    keys.put("checkout-bridge.felloh.open-banking", "false");
    keys.put("checkout-bridge.felloh.excluded-card-types", "amex, VISA");
    keys.put("checkout-bridge.felloh.excluded-card-regions", "INTER");
    keys.put("checkout-bridge.felloh.link-url", "http://localhost:8080/sandbox/felloh/pay");
    keys.put("checkout-bridge.felloh.authorisation-only", "true");
    keys.put("checkout-bridge.felloh.session-expiry", "P7D");
    keys.put("checkout-bridge.felloh.checkout-mode", "embedded");

    FellohSettings settings = FellohSettings.from(Settings.of(keys));

    assertThat(settings.baseUrl()).isEqualTo(URI.create("http://localhost:8080/sandbox/felloh"));
    assertThat(settings.payUrl()).isEqualTo(URI.create("http://localhost:8080/sandbox/felloh/pay"));
    assertThat(settings.openBanking()).isFalse();
    assertThat(settings.excludedCardTypes()).containsExactly("AMEX", "VISA");
    assertThat(settings.excludedCardRegions()).containsExactly("INTER");
    assertThat(settings.linkUrl()).isEqualTo(URI.create("http://localhost:8080/sandbox/felloh/pay"));
    assertThat(settings.authorisationOnly()).isTrue();
    assertThat(settings.sessionExpiry()).isEqualTo(Duration.ofDays(7));
    assertThat(settings.checkoutMode()).isEqualTo(FellohSettings.CheckoutMode.EMBEDDED);
  }

  @Test
  void unknownCheckoutModeIsAConfigurationErrorNamingTheChoices() {
    Map<String, String> keys = complete();
    keys.put("checkout-bridge.felloh.checkout-mode", "redirect");

    assertThatThrownBy(() -> FellohSettings.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("checkout-bridge.felloh.checkout-mode is invalid: expected payment-link or embedded");
  }

  @Test
  void everyMissingKeyIsReportedAtOnce() {
    assertThatThrownBy(() -> FellohSettings.from(Settings.of(Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(4))
        .hasMessageContaining("checkout-bridge.felloh.public-key")
        .hasMessageContaining("checkout-bridge.felloh.private-key")
        .hasMessageContaining("checkout-bridge.felloh.organisation")
        .hasMessageContaining("checkout-bridge.felloh.webhook-secret");
  }

  @Test
  void invalidValuesAreReportedWithoutShowingSecrets() {
    Map<String, String> keys = complete();
    keys.put("checkout-bridge.felloh.private-key", "short");
    keys.put("checkout-bridge.felloh.open-banking", "false");
    keys.put("checkout-bridge.felloh.card", "false");
    keys.put("checkout-bridge.felloh.excluded-card-regions", "MARS");
    keys.put("checkout-bridge.felloh.session-expiry", "PT12H");
    keys.put("checkout-bridge.felloh.base-url", "ftp://api.felloh.com");

    assertThatThrownBy(() -> FellohSettings.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(5))
        .hasMessageContaining("private-key is too short")
        .hasMessageContaining("no way to pay")
        .hasMessageContaining("excluded-card-regions")
        .hasMessageContaining("session-expiry")
        .hasMessageContaining("base-url")
        .hasMessageNotContaining("short\n");
  }

  @Test
  void toStringHidesTheSecrets() {
    String text = FellohSettings.from(Settings.of(complete())).toString();

    assertThat(text).doesNotContain("private-key-that-must-stay-secret").doesNotContain("whsec-felloh-test-secret")
        .contains("X9876");
  }

  @Test
  void factoryIsFoundThroughTheServiceFile() {
    List<ProviderFactory> factories = ServiceLoader.load(ProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get).filter(f -> f.id().equals("felloh")).toList();

    assertThat(factories).hasSize(1).first().isInstanceOf(FellohProviderFactory.class);
  }

  @Test
  void factoryBuildsAnEnabledProviderFromConfiguration() {
    FellohProviderFactory factory = new FellohProviderFactory();
    Settings settings = Settings.of(complete());

    PaymentProvider provider = factory.create(settings, new OkHttpClient(), Clock.systemUTC());

    assertThat(factory.enabled(settings)).isTrue();
    assertThat(provider.id()).isEqualTo("felloh");
    assertThat(provider.enabled()).isTrue();
    assertThat(provider.displayName()).isEqualTo("Felloh");
  }

  @Test
  void previewProviderNeedsNoCredentials() {
    PaymentProvider provider = new FellohProviderFactory()
        .createForPreview(Settings.of(Map.of()), new OkHttpClient(), Clock.systemUTC());

    assertThat(provider.id()).isEqualTo("felloh");
    assertThat(provider.enabled()).isFalse();
  }

  @Test
  void capabilitiesOfferFullCaptureButNeverPartialCapture() {
    PaymentProvider provider = new FellohProviderFactory().createForPreview(Settings.of(Map.of()), new OkHttpClient(),
        Clock.systemUTC());

    assertThat(provider.capabilities()).containsExactlyInAnyOrder(
        io.checkoutbridge.api.Capability.REDIRECT, io.checkoutbridge.api.Capability.EMBEDDED_ELEMENT,
        io.checkoutbridge.api.Capability.SIGNED_CALLBACKS, io.checkoutbridge.api.Capability.CAPTURE,
        io.checkoutbridge.api.Capability.REFUND, io.checkoutbridge.api.Capability.PARTIAL_REFUND,
        io.checkoutbridge.api.Capability.REFUND_APPROVAL, io.checkoutbridge.api.Capability.VOID);
  }
}
