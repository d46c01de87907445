package io.checkoutbridge.provider.dintero;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.config.ConfigurationException;
import io.checkoutbridge.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sources: production hosts {@code https://checkout.dintero.com/v1} and
 * {@code https://api.dintero.com/v1} are those of seed 002's curl example (and payments.d.ts
 * examples); an account id prefixed {@code T} is test mode (Dintero.Node.SDK
 * {@code src/generated/payments.d.ts}: "test mode, i.e. with an aid prefixed with T"), {@code P}
 * live (seed 002's {@code P11223351}); the eight digits are unverified as a rule, seen only in
 * the examples ({@code T12345678}, {@code P00000000}). The five-minute signature tolerance is
 * docs.dintero.com {@code admin_signature_post}'s recommendation.
 */
class DinteroSettingsTest {

  private static Map<String, String> minimal() {
    Map<String, String> keys = new HashMap<>();
    keys.put("checkout-bridge.dintero.enabled", "true");
    keys.put("checkout-bridge.dintero.account-id", "T12345678");
    keys.put("checkout-bridge.dintero.client-id", "client");
    keys.put("checkout-bridge.dintero.client-secret", "very-secret-value");
    keys.put("checkout-bridge.dintero.profile-id", "default_profile");
    return keys;
  }

  @Test
  void requiredKeysWithProductionDefaults() {
    DinteroSettings settings = DinteroSettings.from(Settings.of(minimal()));

    assertThat(settings.enabled()).isTrue();
    assertThat(settings.checkoutUrl()).isEqualTo(URI.create("https://checkout.dintero.com/v1"));
    assertThat(settings.apiUrl()).isEqualTo(URI.create("https://api.dintero.com/v1"));
    assertThat(settings.signatureTolerance()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.signsCallbacks()).isFalse();
    assertThat(settings.testMode()).isTrue();
  }

  @Test
  void everyMissingKeyIsReportedAtOnce() {
    assertThatThrownBy(() -> DinteroSettings.from(Settings.of(Map.of())))
        .isInstanceOf(ConfigurationException.class)
        .satisfies(e -> assertThat(((ConfigurationException) e).problems()).hasSize(4)
            .anySatisfy(p -> assertThat(p).startsWith("checkout-bridge.dintero.account-id is required"))
            .anySatisfy(p -> assertThat(p).startsWith("checkout-bridge.dintero.client-id is required"))
            .anySatisfy(p -> assertThat(p).startsWith("checkout-bridge.dintero.client-secret is required"))
            .anySatisfy(p -> assertThat(p).startsWith("checkout-bridge.dintero.profile-id is required")));
  }

  @Test
  void accountIdMustBeTestOrProductionPlusEightDigits() {
    for (String wrong : new String[] {"12345678", "X12345678", "T1234567", "t12345678", "P123456789"}) {
      Map<String, String> keys = minimal();
      keys.put("checkout-bridge.dintero.account-id", wrong);
      assertThatThrownBy(() -> DinteroSettings.from(Settings.of(keys)))
          .as(wrong).isInstanceOf(ConfigurationException.class).hasMessageContaining("account-id is invalid");
    }
    Map<String, String> live = minimal();
    live.put("checkout-bridge.dintero.account-id", "P11223351");
    assertThat(DinteroSettings.from(Settings.of(live)).testMode()).isFalse();
  }

  @Test
  void secretsNeverAppearInProblemsOrToString() {
    Map<String, String> keys = minimal();
    keys.put("checkout-bridge.dintero.client-secret", "short");
    keys.put("checkout-bridge.dintero.callback-signature-secret", "tiny");
    assertThatThrownBy(() -> DinteroSettings.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("client-secret is too short")
        .hasMessageContaining("callback-signature-secret is too short")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("short\n").doesNotContain("tiny"));

    Map<String, String> good = minimal();
    good.put("checkout-bridge.dintero.callback-signature-secret", "signing-secret-value");
    String text = DinteroSettings.from(Settings.of(good)).toString();
    assertThat(text).doesNotContain("very-secret-value").doesNotContain("signing-secret-value").contains("***");
  }

  @Test
  void signatureSecretAndUrlsAreConfigurable() {
    Map<String, String> keys = minimal();
    keys.put("checkout-bridge.dintero.callback-signature-secret", "signing-secret-value");
    keys.put("checkout-bridge.dintero.checkout-url", "http://localhost:8180/sandbox/dintero/checkout/v1/");
    keys.put("checkout-bridge.dintero.api-url", "http://localhost:8180/sandbox/dintero/api/v1");
    keys.put("checkout-bridge.dintero.signature-tolerance", "PT2M");

    DinteroSettings settings = DinteroSettings.from(Settings.of(keys));

    assertThat(settings.signsCallbacks()).isTrue();
    assertThat(settings.checkoutUrl()).isEqualTo(URI.create("http://localhost:8180/sandbox/dintero/checkout/v1"));
    assertThat(settings.signatureTolerance()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void invalidUrlsAndToleranceAreRefused() {
    Map<String, String> keys = minimal();
    keys.put("checkout-bridge.dintero.checkout-url", "checkout.dintero.com");
    keys.put("checkout-bridge.dintero.signature-tolerance", "PT0S");

    assertThatThrownBy(() -> DinteroSettings.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("checkout-url is invalid")
        .hasMessageContaining("signature-tolerance is invalid");
  }

  @Test
  void previewSettingsFillMissingCredentialsWithPlaceholders() {
    DinteroSettings settings = DinteroSettings.forPreview(Settings.of(Map.of()));

    assertThat(settings.accountId()).isEqualTo("T00000000");
    assertThat(settings.profileId()).isEqualTo("<profile-id>");
    assertThat(settings.enabled()).isFalse();
  }
}
