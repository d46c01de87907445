package io.checkoutbridge.config;

import java.util.List;

/**
 * Configuration that cannot work, found at start-up. The message names every key that is missing
 * or invalid (never its value, which may be a secret), so one deployment attempt shows them all.
 */
public final class ConfigurationException extends RuntimeException {
  private final List<String> problems;

  public ConfigurationException(List<String> problems) {
    super("Checkout Bridge configuration is invalid:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
