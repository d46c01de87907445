package io.checkoutbridge.api.spi;

import java.util.Optional;

/**
 * A small durable key-value store per provider, kept in the shop's database, for records created
 * once and used again (Hokodo's organisation and user per customer). Thread-safe; a {@code put} of
 * an existing key keeps the first value and returns it, so two racing checkouts agree.
 */
public interface ProviderMemory {
  /**
   * The value stored under a key.
   *
   * @param key the provider's key
   * @return the value, or empty when none was stored
   */
  Optional<String> get(String key);

  /**
   * Stores {@code value} unless the key exists.
   *
   * @param key the provider's key
   * @param value the value to store
   * @return the value stored under the key: {@code value}, or the one stored first
   */
  String putIfAbsent(String key, String value);
}
