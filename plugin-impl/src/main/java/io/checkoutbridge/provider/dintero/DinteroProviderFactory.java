package io.checkoutbridge.provider.dintero;

import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.provider.ProviderFactory;
import java.time.Clock;
import okhttp3.OkHttpClient;

/** Builds {@link DinteroProvider} from the {@code checkout-bridge.dintero.*} keys. */
public final class DinteroProviderFactory implements ProviderFactory {

  public DinteroProviderFactory() {
    // found through META-INF/services
  }

  @Override
  public String id() {
    return DinteroProvider.ID;
  }

  @Override
  public PaymentProvider create(Settings settings, OkHttpClient http, Clock clock) {
    return new DinteroProvider(DinteroSettings.from(settings), http, clock);
  }

  @Override
  public PaymentProvider createForPreview(Settings settings, OkHttpClient http, Clock clock) {
    return new DinteroProvider(DinteroSettings.forPreview(settings), http, clock);
  }
}
