package io.checkoutbridge.provider.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TokenCacheTest {

  private static final class MovableClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aTokenIsReusedUntilShortlyBeforeItExpiresAndRefetchedAfterInvalidation() throws Exception {
    MovableClock clock = new MovableClock();
    AtomicInteger fetches = new AtomicInteger();
    TokenCache cache = new TokenCache(() -> new TokenCache.Token("t" + fetches.incrementAndGet(),
        clock.now.plus(Duration.ofHours(1))), clock, Duration.ofSeconds(60));
    assertThat(cache.get()).isEqualTo("t1");
    clock.now = clock.now.plus(Duration.ofMinutes(58));
    assertThat(cache.get()).isEqualTo("t1");
    clock.now = clock.now.plus(Duration.ofMinutes(1)).plusSeconds(1);
    assertThat(cache.get()).isEqualTo("t2");
    cache.invalidate();
    assertThat(cache.get()).isEqualTo("t3");
    assertThat(new TokenCache.Token("secret-value", clock.now).toString()).doesNotContain("secret-value");
  }
}
