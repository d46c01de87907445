package io.checkoutbridge.provider.support;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client of the plugin: connections and threads are shared by every provider.
 * OkHttp's own silent retry of failed connections is off, because a retried POST could move money
 * twice; adapters retry only calls that are safe to repeat. The one retry made here is of a
 * request that was never written, because its pooled connection had been closed by the server
 * ({@link StaleConnections}).
 */
public final class HttpClients {
  private HttpClients() {}

  /** How long an idle connection stays in the pool: half the common 60 s idle timeout of load balancers. */
  static final long KEEP_ALIVE_SECONDS = 30;

  public static OkHttpClient create(HttpSettings settings) {
    StaleConnections stale = new StaleConnections();
    return new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        // Idle connections are dropped after 30 s: providers' load balancers commonly close them
        // after about 60 s, and a connection kept longer than the server keeps it fails on reuse.
        .connectionPool(new ConnectionPool(32, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS))
        .addInterceptor(stale.retry())
        .addNetworkInterceptor(stale.check())
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .build();
  }

  /** Releases threads and connections (on undeploy). */
  public static void shutdown(OkHttpClient client) {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
