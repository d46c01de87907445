package io.checkoutbridge.codec;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 and SHA-256, the only two digests the plugin uses (URL seals, provider signatures,
 * idempotency and deduplication keys). Both algorithms are required of every Java platform, so
 * their absence is a broken runtime and surfaces as {@link IllegalStateException}. Stateless.
 */
public final class Digests {
  private static final String HMAC_SHA256 = "HmacSHA256";

  private Digests() {}

  /** The HMAC-SHA256 of {@code data} under {@code key}. */
  public static byte[] hmacSha256(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance(HMAC_SHA256);
      mac.init(new SecretKeySpec(key, HMAC_SHA256));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(HMAC_SHA256 + " is not available", e);
    }
  }

  /** The HMAC-SHA256 of {@code data}'s UTF-8 bytes under {@code key}'s UTF-8 bytes. */
  public static byte[] hmacSha256(String key, String data) {
    return hmacSha256(key.getBytes(StandardCharsets.UTF_8), data.getBytes(StandardCharsets.UTF_8));
  }

  /** The SHA-256 of {@code data}, lower-case hex (64 characters). */
  public static String sha256Hex(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /** The SHA-256 of {@code text}'s UTF-8 bytes, lower-case hex (64 characters). */
  public static String sha256Hex(String text) {
    return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
  }
}
