package io.checkoutbridge.provider.support;

import io.checkoutbridge.api.error.PaymentException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Caches one access token until shortly before it expires. Thread-safe: concurrent callers share
 * one refresh. After a 401 the adapter calls {@link #invalidate()} and tries once more.
 */
public final class TokenCache {

  /** Fetches a new token from the provider. */
  @FunctionalInterface
  public interface Fetcher {
    Token fetch() throws PaymentException;
  }

  /** A token and the moment it stops working. */
  public record Token(String value, Instant expiresAt) {
    @Override
    public String toString() {
      return "Token[***, expires " + expiresAt + "]";
    }
  }

  private final Fetcher fetcher;
  private final Clock clock;
  private final Duration margin;
  private Token current;

  public TokenCache(Fetcher fetcher, Clock clock, Duration margin) {
    this.fetcher = fetcher;
    this.clock = clock;
    this.margin = margin;
  }

  public TokenCache(Fetcher fetcher) {
    this(fetcher, Clock.systemUTC(), Duration.ofSeconds(60));
  }

  public synchronized String get() throws PaymentException {
    if (current == null || !clock.instant().plus(margin).isBefore(current.expiresAt())) {
      current = fetcher.fetch();
    }
    return current.value();
  }

  public synchronized void invalidate() {
    current = null;
  }
}
