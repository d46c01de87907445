package io.checkoutbridge.config;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Where the plugin reads its configuration keys ({@code checkout-bridge.*}). In a container this
 * is MicroProfile Config; outside one (the dry-run preview, unit tests) system properties,
 * environment variables or a plain map.
 */
@FunctionalInterface
public interface Settings {

  /** The value of {@code key}, or empty when unset or blank. */
  Optional<String> get(String key);

  static Settings of(Map<String, String> values) {
    Map<String, String> copy = Map.copyOf(values);
    return key -> Optional.ofNullable(copy.get(key)).filter(v -> !v.isBlank());
  }

  /**
   * System properties first, then environment variables named the MicroProfile way
   * ({@code checkout-bridge.dintero.client-id} → {@code CHECKOUT_BRIDGE_DINTERO_CLIENT_ID}).
   */
  static Settings system() {
    return key -> {
      String value = System.getProperty(key);
      if (value == null) {
        value = System.getenv(key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT));
      }
      return Optional.ofNullable(value).filter(v -> !v.isBlank());
    };
  }

  /** These settings, with {@code fallback} consulted for keys they lack. */
  default Settings orElse(Settings fallback) {
    return key -> get(key).or(() -> fallback.get(key));
  }
}
