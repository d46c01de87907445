package io.checkoutbridge.provider.hokodo;

import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.provider.ProviderFactory;
import java.time.Clock;
import java.util.Optional;
import okhttp3.OkHttpClient;

/** Builds {@link HokodoProvider} from the {@code checkout-bridge.hokodo.*} keys. */
public final class HokodoProviderFactory implements ProviderFactory {
  private static final String API_KEY = HokodoSettings.PREFIX + "api-key";

  public HokodoProviderFactory() {}

  @Override
  public String id() {
    return HokodoProvider.ID;
  }

  @Override
  public PaymentProvider create(Settings settings, OkHttpClient http, Clock clock) {
    return new HokodoProvider(HokodoSettings.from(settings), http, clock);
  }

  /** The real API key is not even read: the preview sends nothing. */
  @Override
  public PaymentProvider createForPreview(Settings settings, OkHttpClient http, Clock clock) {
    Settings placeholder = key -> API_KEY.equals(key) ? Optional.of("preview-without-credentials") : settings.get(key);
    return new HokodoProvider(HokodoSettings.from(placeholder), http, clock);
  }
}
