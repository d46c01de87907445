package io.checkoutbridge.bench.jmh;

import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.bench.web.Carts;
import io.checkoutbridge.provider.ProviderFactory;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import java.time.Clock;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A 1,000-line cart through each provider's adapter without I/O: {@code validate} (the mapping
 * and its rules) and {@code preview} (the mapping plus the request bodies the adapter would send).
 * The runner sets {@code provider} to the adapters that are built and have a benchmark cart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MappingBenchmark {
  /** Product lines in the cart (shipping and a discount come on top). */
  public static final int LINES = 1_000;

  @Param({"dintero"})
  public String provider;

  private OkHttpClient http;
  private PaymentProvider adapter;
  private CheckoutRequest request;

  @Setup(Level.Trial)
  public void setUp() throws InvalidRequestException {
    http = HttpClients.create(HttpSettings.defaults());
    ProviderFactory factory = ServiceLoader.load(ProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(f -> f.id().equals(provider))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no provider " + provider));
    adapter = factory.createForPreview(key -> Optional.empty(), http, Clock.systemUTC());
    request = Carts.request(provider, "BENCH-1000", LINES);
    adapter.validate(request); // fails the trial at once if the cart is not valid for the provider
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    HttpClients.shutdown(http);
  }

  @Benchmark
  public CheckoutRequest validate() throws InvalidRequestException {
    adapter.validate(request);
    return request;
  }

  @Benchmark
  public Preview preview() throws InvalidRequestException {
    return adapter.preview(request);
  }
}
