package io.checkoutbridge.admin;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The admin's CSRF token, kept nowhere: {@code <window>.<mac>}, where {@code window} is the number
 * of the {@link #WINDOW} the token was made in and {@code mac} is HMAC-SHA256, keyed with the seal
 * secret, of {@code checkout-bridge:admin-csrf:v1:<window>:<user>}. Any node that shares the seal
 * secret checks a token made by any other, so a load balancer need not send an admin back to the
 * node that served the page (a token held in the HTTP session would be unknown to the other nodes,
 * and every action sent there refused).
 *
 * <p>The page reads the token from {@code GET api/session} (which another site cannot read) and sends
 * it back in the {@value #HEADER} header of every state-changing request. A token is accepted for
 * the signed-in user it was made for, in its own window and the next one (so 12 to 24 hours), and
 * compared in constant time. The prefix keeps these MACs apart from the URL seals made with the
 * same secret.
 *
 * <p>Immutable and thread-safe.
 */
final class CsrfTokens {
  static final String HEADER = "X-CSRF-Token";
  /** How long one window lasts; a token made in window {@code n} is accepted in {@code n} and {@code n + 1}. */
  static final Duration WINDOW = Duration.ofHours(12);

  private final SecretKeySpec key;
  private final Clock clock;

  /** @param sealSecret the plugin's seal secret, shared by every node */
  CsrfTokens(String sealSecret, Clock clock) {
    if (sealSecret == null || sealSecret.length() < 32) {
      throw new IllegalArgumentException("the seal secret needs at least 32 characters");
    }
    this.key = new SecretKeySpec(sealSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.clock = clock;
  }

  /** The token of {@code user} for the current window. */
  String issue(String user) {
    long window = window();
    return window + "." + mac(window, user);
  }

  /**
   * Whether {@code sent} is a token made for {@code user} in the current window or the one
   * before. No user or no token: {@code false}.
   */
  boolean verify(String user, String sent) {
    if (user == null || sent == null || sent.length() > 100) {
      return false;
    }
    int dot = sent.indexOf('.');
    if (dot < 1 || dot > 12 || !sent.substring(0, dot).chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
      return false;
    }
    long window = Long.parseLong(sent.substring(0, dot));
    long now = window();
    if (window != now && window != now - 1) {
      return false;
    }
    return matches(window + "." + mac(window, user), sent);
  }

  private long window() {
    return clock.millis() / WINDOW.toMillis();
  }

  private String mac(long window, String user) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] text = ("checkout-bridge:admin-csrf:v1:" + window + ":" + user).getBytes(StandardCharsets.UTF_8);
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Constant-time comparison (in the length of the expected token). */
  static boolean matches(String expected, String sent) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
