package io.checkoutbridge.web;

import io.checkoutbridge.codec.Digests;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HMAC seal on the plugin's URLs: proof that a URL was made by this plugin, for this payment,
 * for one purpose ({@link Purpose}), until a moment. A shopper holds the return URL and the pending
 * page's URL, never the callback URL; since each seal names its purpose, a return URL cannot be
 * used to post callbacks, nor a callback URL to come back. The query carries {@code pid}, {@code exp}
 * (epoch seconds) and {@code seal} = HMAC-SHA256 of {@code checkout-bridge:v2:<purpose>:<pid>:<exp>}.
 *
 * <p>Seals made before purposes and expiry existed ({@code pid} and {@code seal} only, over
 * {@code checkout-bridge:payment:<pid>}) are reported as {@link Sealed#legacy() legacy}: the
 * endpoints accept them only for payments created less than {@link SealedEndpoints#LEGACY_WINDOW}
 * ago, so the payments in flight during an upgrade finish, and old URLs stop working after that.
 *
 * <p>Thread-safe.
 */
public final class Seal {
  /** What a sealed URL is for. */
  public enum Purpose {
    RETURN, PENDING, CALLBACK;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A verified URL's payment, and whether its seal is of the earlier, unscoped kind. */
  public record Sealed(String paymentId, boolean legacy) {}

  private final byte[] key;

  public Seal(String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("the seal secret needs at least 32 characters");
    }
    this.key = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The seal of a payment's URL for {@code purpose}, valid until {@code expiresAt} (epoch seconds); URL-safe. */
  public String seal(Purpose purpose, String paymentId, long expiresAt) {
    return mac("checkout-bridge:v2:" + purpose.label() + ":" + paymentId + ":" + expiresAt);
  }

  /** The unscoped seal earlier versions put on every URL of a payment. */
  String legacySeal(String paymentId) {
    return mac("checkout-bridge:payment:" + paymentId);
  }

  /**
   * The payment a query's {@code pid}, {@code exp} and {@code seal} prove for {@code purpose} at
   * {@code now}, or {@code null} when any is missing, malformed, expired or does not verify.
   */
  public Sealed verify(Purpose purpose, Map<String, List<String>> query, Instant now) {
    String paymentId = Responses.first(query, "pid");
    String seal = Responses.first(query, "seal");
    String exp = Responses.first(query, "exp");
    if (paymentId == null || seal == null || paymentId.length() > 64) {
      return null;
    }
    if (exp == null) {
      return equal(legacySeal(paymentId), seal) ? new Sealed(paymentId, true) : null;
    }
    if (!exp.matches("\\d{1,12}")) {
      return null;
    }
    long expiresAt = Long.parseLong(exp);
    if (!equal(seal(purpose, paymentId, expiresAt), seal) || now.getEpochSecond() > expiresAt) {
      return null;
    }
    return new Sealed(paymentId, false);
  }

  private static boolean equal(String expected, String given) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII));
  }

  private String mac(String text) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(Digests.hmacSha256(key, text.getBytes(StandardCharsets.UTF_8)));
  }
}
