package io.checkoutbridge.sandbox;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Random identifiers in the shapes providers use. Thread-safe. */
public final class Ids {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String BASE62 =
      "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final String UPPER_ALPHANUMERIC = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private Ids() {}

  /** Mixed-case letters and digits, like shortuuid or Dintero's transaction suffixes. */
  public static String base62(int length) {
    return pick(BASE62, length);
  }

  /** Upper-case letters and digits, like Dintero's {@code ALPHANUMERIC_9} order ids. */
  public static String upperAlphanumeric(int length) {
    return pick(UPPER_ALPHANUMERIC, length);
  }

  public static String digits(int length) {
    return pick("0123456789", length);
  }

  public static String hex(int bytes) {
    byte[] raw = new byte[bytes];
    RANDOM.nextBytes(raw);
    return HexFormat.of().formatHex(raw);
  }

  public static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static String pick(String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return out.toString();
  }
}
