package io.checkoutbridge.provider.support;

import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one OkHttp client of the plugin: connections and threads are shared by every provider.
 * OkHttp's own silent retry of failed connections is off, because a retried POST could move money
 * twice; adapters retry only calls that are safe to repeat.
 */
public final class HttpClients {
  private HttpClients() {}

  public static OkHttpClient create(HttpSettings settings) {
    return new OkHttpClient.Builder()
        .connectTimeout(settings.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .readTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .writeTimeout(settings.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .callTimeout(settings.callTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .connectionPool(new ConnectionPool(32, 5, TimeUnit.MINUTES))
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
