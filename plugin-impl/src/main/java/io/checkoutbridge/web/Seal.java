package io.checkoutbridge.web;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HMAC seal on return and callback URLs: proof that a URL was made by this plugin for this
 * payment. Providers that do not sign their callbacks (Hokodo, Kibo) are protected by it; for those
 * that do, it is checked in addition to their signature. Thread-safe.
 */
public final class Seal {
  private final SecretKeySpec key;

  public Seal(String secret) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("the seal secret needs at least 32 characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The seal of a payment id, URL-safe. */
  public String seal(String paymentId) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] digest = mac.doFinal(("checkout-bridge:payment:" + paymentId).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The payment id of a request whose query carries {@code pid} and a valid {@code seal}, or
   * {@code null} when either is missing or the seal does not verify.
   */
  public String sealedPaymentId(java.util.Map<String, java.util.List<String>> query) {
    String paymentId = Responses.first(query, "pid");
    return verify(paymentId, Responses.first(query, "seal")) ? paymentId : null;
  }

  /** Constant-time check of a seal. */
  public boolean verify(String paymentId, String seal) {
    if (paymentId == null || seal == null) {
      return false;
    }
    return MessageDigest.isEqual(seal(paymentId).getBytes(StandardCharsets.US_ASCII),
        seal.getBytes(StandardCharsets.US_ASCII));
  }
}
