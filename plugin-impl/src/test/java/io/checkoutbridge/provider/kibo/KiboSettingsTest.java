package io.checkoutbridge.provider.kibo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.checkoutbridge.config.ConfigurationException;
import io.checkoutbridge.config.Settings;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KiboSettingsTest {
  private static final String P = "checkout-bridge.kibo.";

  @Test
  void defaultsPointAtKibosLiveHosts() {
    KiboSettings settings = KiboSettings.from(Settings.of(Map.of(
        P + "api-key", "api-key-12345", P + "secret-key", "secret-12345", P + "manufacturer-id", "1010")));

    assertThat(settings.enabled()).isFalse();
    assertThat(settings.tokenUrl()).isEqualTo(URI.create("https://auth.shopatron.com/oauthserver/oauth2/token"));
    assertThat(settings.baseUrl()).isEqualTo(URI.create("https://integration.shopatron.com/api/v2"));
    assertThat(settings.manufacturerId()).isEqualTo(1010);
    assertThat(settings.catalogId()).isZero();
    assertThat(settings.testOrders()).isFalse();
    assertThat(settings.shipType()).isEqualTo("STANDARD");
    assertThat(settings.deliveryMethod()).isEqualTo("SHIP_TO_HOME");
  }

  @Test
  void everyMissingKeyIsReportedAtOnce() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> KiboSettings.from(Settings.of(Map.of(P + "enabled", "true"))));

    assertThat(e.problems()).containsExactlyInAnyOrder(
        P + "api-key is required (a secret)",
        P + "secret-key is required (a secret)",
        P + "manufacturer-id is required (a whole number of at least 1)");
  }

  @Test
  void invalidValuesAreNamedWithoutShowingSecrets() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> KiboSettings.from(Settings.of(Map.of(
            P + "api-key", "api-key-12345", P + "secret-key", "short", P + "manufacturer-id", "0",
            P + "catalog-id", "-1", P + "test-orders", "maybe", P + "base-url", "ftp://example.com",
            P + "ship-type", "{bad}"))));

    assertThat(e.problems()).hasSize(6);
    assertThat(e.getMessage()).contains(P + "secret-key is too short").contains(P + "manufacturer-id is invalid")
        .contains(P + "catalog-id is invalid").contains(P + "test-orders is invalid")
        .contains(P + "base-url is invalid").contains(P + "ship-type is invalid")
        .doesNotContain("short,").doesNotContain("api-key-12345");
  }

  @Test
  void shippingMethodCodesAndTheLookUpGraceAreReportedWithTheOtherProblemsAndTheOldKeyByName() {
    ConfigurationException e = catchThrowableOfType(ConfigurationException.class,
        () -> KiboSettings.from(Settings.of(Map.of(
            P + "api-key", "api-key-12345", P + "secret-key", "secret-12345", P + "manufacturer-id", "x",
            P + "shipping-method", "STANDARD", P + "delivery-method", "ship to home",
            P + "order-lookup-grace", "PT0S"))));

    assertThat(e.problems()).hasSize(4);
    assertThat(e.getMessage()).contains(P + "manufacturer-id is invalid")
        .contains(P + "shipping-method is no longer read").contains(P + "delivery-method is invalid")
        .contains(P + "order-lookup-grace is invalid");
  }

  @Test
  void shipTypeDeliveryMethodPayPalAndGraceAreRead() {
    KiboSettings settings = KiboSettings.from(Settings.of(Map.of(
        P + "api-key", "api-key-12345", P + "secret-key", "secret-12345", P + "manufacturer-id", "7",
        P + "ship-type", "EXPRESS_1_DAY", P + "delivery-method", "SHIP_TO_HOME", P + "paypal-enabled", "true",
        P + "order-lookup-grace", "PT10M")));

    assertThat(settings.shipType()).isEqualTo("EXPRESS_1_DAY");
    assertThat(settings.payPal()).isTrue();
    assertThat(settings.orderLookupGrace()).hasMinutes(10);
  }

  @Test
  void trailingSlashOfTheBaseUrlIsDropped() {
    KiboSettings settings = KiboSettings.from(Settings.of(Map.of(
        P + "api-key", "api-key-12345", P + "secret-key", "secret-12345", P + "manufacturer-id", "7",
        P + "base-url", "http://localhost:8480/sandbox/kibo/api/v2/")));

    assertThat(settings.baseUrl().toString()).isEqualTo("http://localhost:8480/sandbox/kibo/api/v2");
  }

  @Test
  void toStringHidesTheCredentials() {
    KiboSettings settings = KiboSettings.from(Settings.of(Map.of(
        P + "api-key", "api-key-12345", P + "secret-key", "secret-12345", P + "manufacturer-id", "7")));

    assertThat(settings.toString()).doesNotContain("api-key-12345").doesNotContain("secret-12345");
  }
}
