package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.CallbackSender;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.OutboundCallback;
import io.checkoutbridge.sandbox.QueryStrings;
import io.checkoutbridge.sandbox.Timestamps;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds Dintero's session callbacks and hands them to the shared {@link CallbackSender}.
 *
 * <p>Follows the {@code callback_url} options of the spec: {@code method=POST} (transaction as the
 * body, plus the session with {@code includes=session}), {@code report_error=true} (callbacks for
 * failed and cancelled payments, with {@code error} and no {@code transaction_id}), {@code
 * report_event=CAPTURE|REFUND|VOID}, {@code sid_parameter_name=sid} and {@code delay_callback}
 * (capped). The merchant's own parameters stay in the URL. Called under the state lock; sending
 * is asynchronous.
 */
final class DinteroCallbacks {

  private final CallbackSender sender;
  private final DinteroState state;
  private final Clock clock;
  private final long maxDelaySeconds;

  DinteroCallbacks(CallbackSender sender, DinteroState state, Clock clock, long maxDelaySeconds) {
    this.sender = sender;
    this.state = state;
    this.clock = clock;
    this.maxDelaySeconds = maxDelaySeconds;
  }

  /** The payment reached AUTHORIZED, ON_HOLD, or left ON_HOLD. */
  void transactionChanged(CheckoutSession session, Transaction tx) {
    send(session, tx, null, null, null);
  }

  /** The payment failed or was cancelled: only with {@code report_error=true}. */
  void paymentFailed(CheckoutSession session, String error) {
    send(session, null, error, null, null);
  }

  /** A CAPTURE, REFUND or VOID was applied: only when {@code report_event} names it. */
  void eventApplied(CheckoutSession session, Transaction tx, String event, String eventId) {
    send(session, tx, null, event, eventId);
  }

  private void send(CheckoutSession session, Transaction tx, String error, String event,
      String eventId) {
    if (session == null || session.callbackUrl == null) {
      return;
    }
    Map<String, List<String>> own = QueryStrings.parse(URI.create(session.callbackUrl)
        .getRawQuery());
    if (error != null && !own.getOrDefault("report_error", List.of()).contains("true")) {
      return;
    }
    if (event != null && !own.getOrDefault("report_event", List.of()).contains(event)) {
      return;
    }
    boolean post = own.getOrDefault("method", List.of()).stream()
        .anyMatch(m -> m.equalsIgnoreCase("POST"));
    boolean sid = own.getOrDefault("sid_parameter_name", List.of()).contains("sid");

    List<QueryStrings.Param> added = new ArrayList<>();
    if (tx != null) {
      added.add(new QueryStrings.Param("transaction_id", tx.id));
    }
    added.add(new QueryStrings.Param(sid ? "sid" : "session_id", session.id));
    added.add(new QueryStrings.Param("merchant_reference", session.merchantReference));
    added.add(new QueryStrings.Param("time",
        Timestamps.iso(tx != null ? tx.createdAt : clock.instant())));
    if (error != null) {
      added.add(new QueryStrings.Param("error", error));
    }
    if (event != null) {
      added.add(new QueryStrings.Param("event", event));
      added.add(new QueryStrings.Param("event_id", eventId));
    }
    URI uri = URI.create(QueryStrings.append(session.callbackUrl, added));

    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("event-delivery", Ids.uuid());
    headers.put("User-Agent", "Dintero-Checkout-Sandbox/1.0");
    OutboundCallback callback;
    if (post) {
      ObjectNode body = tx != null ? tx.toJson() : Json.object();
      if (own.getOrDefault("includes", List.of()).contains("session")) {
        body.set("session", session.toJson());
      }
      callback = OutboundCallback.postJson(DinteroSimulator.ID, uri, headers, Json.bytes(body));
    } else {
      callback = OutboundCallback.get(DinteroSimulator.ID, uri, headers);
    }
    String accountId = session.accountId;
    sender.send(callback.withDelay(delay(own)).withSigner((cb, now) -> {
      String secret;
      synchronized (state) {
        secret = state.signatureSecret;
      }
      return secret == null ? Map.of() : Map.of("Dintero-Signature",
          DinteroSignature.header(secret, now.getEpochSecond(), accountId, cb.method(), cb.uri()));
    }));
  }

  private Duration delay(Map<String, List<String>> own) {
    List<String> values = own.getOrDefault("delay_callback", List.of());
    if (values.isEmpty()) {
      return Duration.ZERO;
    }
    try {
      long seconds = Long.parseLong(values.get(0).trim());
      return Duration.ofSeconds(Math.max(0, Math.min(seconds, maxDelaySeconds)));
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }
}
