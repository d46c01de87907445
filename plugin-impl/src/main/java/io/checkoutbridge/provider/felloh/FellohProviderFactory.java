package io.checkoutbridge.provider.felloh;

import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.provider.ProviderFactory;
import java.time.Clock;
import java.util.Map;
import okhttp3.OkHttpClient;

/** Builds {@link FellohProvider} from the {@code checkout-bridge.felloh.*} keys. */
public final class FellohProviderFactory implements ProviderFactory {

  /** Stand-ins for the keys without defaults, so a preview works before the shop has credentials. */
  private static final Settings PREVIEW_PLACEHOLDERS = Settings.of(Map.of(
      FellohSettings.PREFIX + "public-key", "preview-public-key",
      FellohSettings.PREFIX + "private-key", "preview-private-key",
      FellohSettings.PREFIX + "organisation", "PREVIEW",
      FellohSettings.PREFIX + "webhook-secret", "preview-webhook-secret"));

  public FellohProviderFactory() {}

  @Override
  public String id() {
    return FellohProvider.ID;
  }

  @Override
  public PaymentProvider create(Settings settings, OkHttpClient http, Clock clock) {
    return new FellohProvider(FellohSettings.from(settings), http, clock);
  }

  @Override
  public PaymentProvider createForPreview(Settings settings, OkHttpClient http, Clock clock) {
    return new FellohProvider(FellohSettings.from(settings.orElse(PREVIEW_PLACEHOLDERS)), http, clock);
  }
}
