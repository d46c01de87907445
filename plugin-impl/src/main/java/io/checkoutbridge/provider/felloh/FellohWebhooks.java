package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.codec.Digests;
import io.checkoutbridge.provider.support.JsonHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Felloh's webhooks: {@code X-Signature} is the hex HMAC-SHA256 of the raw body under the webhook
 * secret (node-sdk {@code src/webhooks.ts}), compared in constant time. The payload is not
 * documented; the body only names the payment, whose state is then fetched. Stateless.
 */
final class FellohWebhooks {
  private FellohWebhooks() {}

  static CallbackVerification verify(String secret, CallbackRequest callback) throws SignatureException {
    String header = callback.header(FellohProvider.SIGNATURE_HEADER).map(String::trim).orElse("");
    if (header.isEmpty()) {
      throw new SignatureException("Felloh webhook without an " + FellohProvider.SIGNATURE_HEADER + " header");
    }
    byte[] body = callback.body();
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException notHex) {
      throw new SignatureException("Felloh webhook " + FellohProvider.SIGNATURE_HEADER + " is not a hex digest");
    }
    if (!MessageDigest.isEqual(hmac(secret, body), given)) {
      throw new SignatureException("Felloh webhook " + FellohProvider.SIGNATURE_HEADER + " does not match its body");
    }
    return new CallbackVerification(FellohProvider.ID + ":" + Digests.sha256Hex(body), describe(body), paymentReference(body));
  }

  /**
   * The id a verified webhook names its payment by: the payment link of a transaction (the
   * transaction object's {@code payment_link.id}, developers.felloh.com transactions page) or its
   * ecommerce session (our merchant references), else the transaction a refund belongs to, else the
   * transaction itself. Used only to find the payment; its state is fetched.
   */
  static String paymentReference(byte[] body) {
    try {
      JsonNode data = JsonHttp.MAPPER.readTree(body).path("data");
      for (JsonNode candidate : List.of(data.path("payment_link").path("id"), data.path("ecommerce").path("id"),
          data.path("ecommerce_id"), data.path("transaction_id"), data.path("transaction").path("id"),
          data.path("id"))) {
        String id = FellohJson.text(candidate);
        if (id != null) {
          return id;
        }
      }
      return null;
    } catch (IOException | RuntimeException notJson) {
      return null;
    }
  }

  /** The HMAC-SHA256 of {@code body}: what Felloh sends, hex, in {@code X-Signature}. */
  static byte[] hmac(String secret, byte[] body) {
    return Digests.hmacSha256(secret.getBytes(StandardCharsets.UTF_8), body);
  }

  /** {@code transaction.complete for b5e1…}: for the webhook log only. */
  private static String describe(byte[] body) {
    try {
      JsonNode json = JsonHttp.MAPPER.readTree(body);
      String event = FellohJson.text(json.path("event"));
      if (event == null) {
        event = FellohJson.text(json.path("type"));
      }
      String id = FellohJson.text(json.path("data").path("id"));
      String text = (event == null ? "Felloh webhook" : event) + (id == null ? "" : " for " + id);
      return text.length() <= 200 ? text.replaceAll("[\\p{Cntrl}]", " ") : text.substring(0, 200);
    } catch (IOException | RuntimeException notJson) {
      return "Felloh webhook";
    }
  }
}
