package io.checkoutbridge.sandbox.felloh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.CallbackSender;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.OutboundCallback;
import io.checkoutbridge.sandbox.Timestamps;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Sends Felloh's webhooks to the organisation's one webhook URL: a JSON {@code POST} of
 * {@code {event, data, created_at}} signed with {@code x-signature}, the hex HMAC-SHA256 of the
 * body under the webhook secret. Nothing is sent while no URL is configured; without a secret the
 * webhook goes unsigned. Called under the state lock; delivery is asynchronous.
 */
final class FellohWebhooks {
  private final CallbackSender sender;
  private final FellohState state;
  private final Clock clock;

  FellohWebhooks(CallbackSender sender, FellohState state, Clock clock) {
    this.sender = sender;
    this.state = state;
    this.clock = clock;
  }

  /** {@code transaction.complete}, {@code refund.pending_authorisation}, ... with its object. */
  void send(String event, ObjectNode data) {
    String url = state.settings.webhookUrl;
    if (url == null) {
      return;
    }
    ObjectNode body = Json.object();
    body.put("event", event);
    body.set("data", data);
    body.put("created_at", Timestamps.iso(clock.instant()));
    byte[] bytes = Json.bytes(body);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("User-Agent", "Felloh-Webhooks-Sandbox/1.0");
    headers.put("x-delivery-id", Ids.uuid());
    if (state.settings.webhookSecret != null) {
      headers.put("x-signature", sign(state.settings.webhookSecret, bytes));
    }
    sender.send(OutboundCallback.postJson(FellohSimulator.ID, URI.create(url), headers, bytes));
  }

  /** Hex HMAC-SHA256 of {@code body} under {@code secret}. */
  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
