package io.checkoutbridge.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the keys under one prefix and collects every problem before failing, so a shop owner sees
 * all missing or invalid keys at once. Values of secret keys never appear in messages.
 */
public final class SettingsReader {
  private final Settings settings;
  private final String prefix;
  private final List<String> problems = new ArrayList<>();

  public SettingsReader(Settings settings, String prefix) {
    this.settings = settings;
    this.prefix = prefix;
  }

  public String key(String name) {
    return prefix + name;
  }

  public Optional<String> optional(String name) {
    return settings.get(key(name)).map(String::trim);
  }

  public String string(String name, String defaultValue) {
    return optional(name).orElse(defaultValue);
  }

  /** A required value; when {@code pattern} is given the value must match it. */
  public String required(String name, String pattern, String expected) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      problems.add(key(name) + " is required (" + expected + ")");
      return "";
    }
    if (pattern != null && !Pattern.matches(pattern, value.get())) {
      problems.add(key(name) + " is invalid: expected " + expected);
    }
    return value.get();
  }

  /** A required secret: its value is never shown; it must have at least {@code minLength} characters. */
  public String secret(String name, int minLength) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      problems.add(key(name) + " is required (a secret)");
      return "";
    }
    if (value.get().length() < minLength) {
      problems.add(key(name) + " is too short: at least " + minLength + " characters");
    }
    return value.get();
  }

  /** An absolute http(s) URL without a trailing slash. */
  public URI url(String name, String defaultValue) {
    String raw = optional(name).orElse(defaultValue);
    if (raw == null) {
      problems.add(key(name) + " is required (an absolute http or https URL)");
      return URI.create("http://invalid.invalid");
    }
    try {
      URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
      if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
        problems.add(key(name) + " is invalid: expected an absolute http or https URL");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      problems.add(key(name) + " is invalid: expected an absolute http or https URL");
      return URI.create("http://invalid.invalid");
    }
  }

  public boolean flag(String name, boolean defaultValue) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        problems.add(key(name) + " is invalid: expected true or false");
        return defaultValue;
    }
  }

  /** An ISO-8601 duration ({@code PT10S}) or a number of milliseconds. */
  public Duration duration(String name, Duration defaultValue) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      return value.get().matches("\\d+") ? Duration.ofMillis(Long.parseLong(value.get())) : Duration.parse(value.get());
    } catch (DateTimeParseException | NumberFormatException e) {
      problems.add(key(name) + " is invalid: expected a duration such as PT10S or milliseconds");
      return defaultValue;
    }
  }

  public int integer(String name, int defaultValue, int min, int max) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      int parsed = Integer.parseInt(value.get());
      if (parsed < min || parsed > max) {
        problems.add(key(name) + " is invalid: expected " + min + " to " + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      problems.add(key(name) + " is invalid: expected a whole number");
      return defaultValue;
    }
  }

  /** A comma-separated list; empty entries are dropped. */
  public List<String> list(String name, String defaultValue) {
    String raw = optional(name).orElse(defaultValue == null ? "" : defaultValue);
    return Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public void problem(String message) {
    problems.add(message);
  }

  public List<String> problems() {
    return List.copyOf(problems);
  }

  /** Fails with every problem found so far. */
  public void validate() {
    if (!problems.isEmpty()) {
      throw new ConfigurationException(problems);
    }
  }
}
