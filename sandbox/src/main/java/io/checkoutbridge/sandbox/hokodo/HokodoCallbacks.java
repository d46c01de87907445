package io.checkoutbridge.sandbox.hokodo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.CallbackSender;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.OutboundCallback;
import io.checkoutbridge.sandbox.Timestamps;
import java.net.URI;
import java.time.Clock;
import java.util.Map;

/**
 * Hokodo's notification: a POST of {@code {"created", "data": {"order": {…the order, its
 * deferred_payment expanded to {id, number, status}…}}}} to the offer's {@code urls.notification},
 * sent whenever a deferred payment's status changes. Unsigned, as Hokodo's are. Called under the
 * state lock; sending is asynchronous.
 */
final class HokodoCallbacks {

  private final CallbackSender sender;
  private final Clock clock;

  HokodoCallbacks(CallbackSender sender, Clock clock) {
    this.sender = sender;
    this.clock = clock;
  }

  void statusChanged(HokodoState state, HokodoState.DeferredPayment payment, String baseUrl) {
    HokodoState.Order order = state.orders.get(payment.orderId);
    HokodoState.Offer offer = order == null || order.offerId == null ? null : state.offers.get(order.offerId);
    String target = offer == null ? null : offer.urls.path("notification").asText(null);
    if (target == null || target.isBlank()) {
      return;
    }
    URI uri;
    try {
      uri = URI.create(target);
    } catch (IllegalArgumentException malformed) {
      return;
    }
    ObjectNode body = Json.object();
    body.put("created", Timestamps.iso(clock.instant()));
    body.putObject("data").set("order", order.toJson(baseUrl, payment, true));
    sender.send(OutboundCallback.postJson(HokodoSimulator.ID, uri,
        Map.of("User-Agent", "Hokodo-Webhooks-Sandbox/1.0"), Json.bytes(body)));
  }
}
