package io.checkoutbridge.sandbox;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * What a simulator may use from the sandbox: the clock, the callback sender and settings.
 *
 * <p>Settings come from the sandbox builder first, then from Java system properties, so a test can
 * set {@code checkoutbridge.sandbox.dintero.signature-secret} without touching global state.
 */
public final class SandboxContext {

  private final Clock clock;
  private final CallbackSender callbacks;
  private final Map<String, String> settings;

  SandboxContext(Clock clock, CallbackSender callbacks, Map<String, String> settings) {
    this.clock = clock;
    this.callbacks = callbacks;
    this.settings = Map.copyOf(settings);
  }

  public Clock clock() {
    return clock;
  }

  public CallbackSender callbacks() {
    return callbacks;
  }

  /** A setting from the builder, else the system property of that name. */
  public Optional<String> setting(String key) {
    String value = settings.get(key);
    if (value == null) {
      value = System.getProperty(key);
    }
    return Optional.ofNullable(value).filter(v -> !v.isBlank());
  }

  /** A numeric setting; falls back to {@code fallback} when absent or not a number. */
  public long longSetting(String key, long fallback) {
    return setting(key).map(v -> {
      try {
        return Long.parseLong(v.trim());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }).orElse(fallback);
  }
}
