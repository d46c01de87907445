package io.checkoutbridge.provider.support;

import io.checkoutbridge.config.SettingsReader;
import java.time.Duration;

/**
 * Timeouts for every outbound provider call ({@code checkout-bridge.http.*}).
 *
 * @param connectTimeout to open a connection
 * @param readTimeout between bytes of a response
 * @param callTimeout for a whole call, retries of the connection included
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {

  public static HttpSettings defaults() {
    return new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(30));
  }

  public static HttpSettings from(SettingsReader reader) {
    HttpSettings d = defaults();
    return new HttpSettings(
        reader.duration("connect-timeout", d.connectTimeout()),
        reader.duration("read-timeout", d.readTimeout()),
        reader.duration("call-timeout", d.callTimeout()));
  }
}
