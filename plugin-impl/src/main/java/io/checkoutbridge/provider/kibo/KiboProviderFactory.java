package io.checkoutbridge.provider.kibo;

import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.provider.ProviderFactory;
import java.time.Clock;
import java.util.Map;
import okhttp3.OkHttpClient;

/** Builds {@link KiboProvider} from the {@code checkout-bridge.kibo.*} keys. */
public final class KiboProviderFactory implements ProviderFactory {

  /** Stand-ins for the credentials in the dry-run preview, which sends nothing. */
  private static final Settings PREVIEW_PLACEHOLDERS = Settings.of(Map.of(
      KiboSettings.PREFIX + "api-key", "preview-api-key",
      KiboSettings.PREFIX + "secret-key", "preview-secret-key",
      KiboSettings.PREFIX + "manufacturer-id", "1"));

  public KiboProviderFactory() {}

  @Override
  public String id() {
    return KiboProvider.ID;
  }

  @Override
  public PaymentProvider create(Settings settings, OkHttpClient http, Clock clock) {
    return new KiboProvider(KiboSettings.from(settings), http, clock);
  }

  @Override
  public PaymentProvider createForPreview(Settings settings, OkHttpClient http, Clock clock) {
    return new KiboProvider(KiboSettings.from(settings.orElse(PREVIEW_PLACEHOLDERS)), http, clock);
  }
}
