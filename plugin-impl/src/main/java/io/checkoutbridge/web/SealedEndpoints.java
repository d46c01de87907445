package io.checkoutbridge.web;

import io.checkoutbridge.engine.Endpoints;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Builds the URLs the plugin hands out, each carrying the payment id and a seal for its purpose
 * with an expiry: the return URL and the callback URL given to providers, the pending page's URL
 * given to the shopper.
 */
public final class SealedEndpoints implements Endpoints {
  public static final String RETURN_PATH = "/payments/return/";
  public static final String CALLBACK_PATH = "/payments/callback/";
  public static final String PENDING_PATH = "/payments/pending";
  public static final String STATUS_PATH = "/payments/status";

  /** A shopper may come back from the provider's page for a week (deferred B2B plans take time). */
  public static final Duration RETURN_LIFETIME = Duration.ofDays(7);
  /** The pending page is drawn on the return; it gives up long before a day. */
  public static final Duration PENDING_LIFETIME = Duration.ofDays(1);
  /** Providers notify about a payment for weeks (late authorisations, holds released). */
  public static final Duration CALLBACK_LIFETIME = Duration.ofDays(30);
  /** Unscoped seals of earlier versions are honoured for payments younger than this. */
  public static final Duration LEGACY_WINDOW = Duration.ofDays(30);

  private final URI publicUrl;
  private final Seal seal;
  private final Clock clock;

  public SealedEndpoints(URI publicUrl, Seal seal, Clock clock) {
    String base = publicUrl.toString();
    this.publicUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
    this.seal = seal;
    this.clock = clock;
  }

  @Override
  public URI returnUrl(String providerId, String paymentId) {
    return URI.create(publicUrl + RETURN_PATH + providerId + "?" + query(Seal.Purpose.RETURN, paymentId));
  }

  @Override
  public URI callbackUrl(String providerId, String paymentId) {
    return URI.create(publicUrl + CALLBACK_PATH + providerId + "?" + query(Seal.Purpose.CALLBACK, paymentId));
  }

  /** {@code pid=…&exp=…&seal=…} of a payment's URL for {@code purpose}, expiring after its lifetime from now. */
  public String query(Seal.Purpose purpose, String paymentId) {
    Duration lifetime = switch (purpose) {
      case RETURN -> RETURN_LIFETIME;
      case PENDING -> PENDING_LIFETIME;
      case CALLBACK -> CALLBACK_LIFETIME;
    };
    long expiresAt = clock.instant().plus(lifetime).getEpochSecond();
    return "pid=" + URLEncoder.encode(paymentId, StandardCharsets.UTF_8) + "&exp=" + expiresAt
        + "&seal=" + seal.seal(purpose, paymentId, expiresAt);
  }

  /** Whether a legacy seal still counts for a payment created at {@code createdAt}. */
  boolean legacyAccepted(Instant createdAt) {
    return createdAt != null && createdAt.plus(LEGACY_WINDOW).isAfter(clock.instant());
  }

  Clock clock() {
    return clock;
  }
}
