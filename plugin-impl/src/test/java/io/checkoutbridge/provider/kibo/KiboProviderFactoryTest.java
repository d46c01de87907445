package io.checkoutbridge.provider.kibo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.config.ConfigurationException;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.provider.ProviderFactory;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.ServiceLoader;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class KiboProviderFactoryTest {

  @Test
  void factoryIsListedForTheServiceLoader() {
    assertThat(ServiceLoader.load(ProviderFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(KiboProviderFactory.class);
  }

  @Test
  void enabledFollowsTheEnabledKey() {
    KiboProviderFactory factory = new KiboProviderFactory();
    assertThat(factory.id()).isEqualTo("kibo");
    assertThat(factory.enabled(Settings.of(Map.of()))).isFalse();
    assertThat(factory.enabled(Settings.of(Map.of("checkout-bridge.kibo.enabled", "true")))).isTrue();
  }

  @Test
  void createWithoutCredentialsFailsNamingTheKeys() {
    OkHttpClient http = HttpClients.create(HttpSettings.defaults());
    try {
      assertThatThrownBy(() -> new KiboProviderFactory().create(Settings.of(Map.of()), http, Clock.systemUTC()))
          .isInstanceOf(ConfigurationException.class).hasMessageContaining("checkout-bridge.kibo.api-key");
    } finally {
      HttpClients.shutdown(http);
    }
  }

  @Test
  void previewWorksWithoutCredentials() throws Exception {
    OkHttpClient http = HttpClients.create(HttpSettings.defaults());
    try {
      PaymentProvider provider = new KiboProviderFactory().createForPreview(Settings.of(Map.of()), http,
          Clock.fixed(KiboTestData.NOW, ZoneOffset.UTC));
      Preview preview = provider.preview(KiboTestData.request());
      assertThat(preview.requests()).hasSize(2);
      assertThat(preview.requests().get(0).body()).contains("\"manufacturerID\":1");
    } finally {
      HttpClients.shutdown(http);
    }
  }
}
