package io.checkoutbridge.provider;

import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.config.Settings;
import java.time.Clock;
import okhttp3.OkHttpClient;

/**
 * Builds one built-in provider from configuration. Listed in
 * {@code META-INF/services/io.checkoutbridge.provider.ProviderFactory}, so the plugin (in a
 * container) and the dry-run preview (outside one) find the same providers.
 */
public interface ProviderFactory {

  /** The provider's id, also the middle of its keys: {@code checkout-bridge.<id>.*}. */
  String id();

  /** Whether {@code checkout-bridge.<id>.enabled} is true. */
  default boolean enabled(Settings settings) {
    return settings.get("checkout-bridge." + id() + ".enabled").map(Boolean::parseBoolean).orElse(false);
  }

  /**
   * Builds the provider.
   *
   * @throws io.checkoutbridge.config.ConfigurationException naming every missing or invalid key
   */
  PaymentProvider create(Settings settings, OkHttpClient http, Clock clock);

  /**
   * Builds the provider with placeholder credentials, for the dry-run preview, which sends nothing.
   */
  PaymentProvider createForPreview(Settings settings, OkHttpClient http, Clock clock);
}
