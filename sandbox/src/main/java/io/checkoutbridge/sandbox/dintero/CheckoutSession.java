package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A checkout session created with {@code POST /sessions-profile}. Guarded by the simulator lock. */
final class CheckoutSession {

  /** How the shopper left the hosted page. */
  enum Outcome { AUTHORIZED, ON_HOLD, DECLINED, CANCELLED }

  final String id;
  final String accountId;
  final ObjectNode request;
  final String profileId;
  final String returnUrl;
  final String callbackUrl;
  final String merchantReference;
  final String currency;
  final long amount;
  final ArrayNode items;
  final ObjectNode shippingOption;
  /** Authorised amount per {@code line_id}: the items plus the shipping option when it has one. */
  final Map<String, Long> lineAmounts;
  final String hostedUrl;
  final Instant createdAt;
  final Instant expiresAt;
  Instant updatedAt;
  Outcome outcome;
  String transactionId;
  /** Where the shopper was sent, so a repeated form post lands in the same place. */
  String redirectLocation;
  Instant cancelledAt;
  final List<ObjectNode> events = new ArrayList<>();

  CheckoutSession(String id, String accountId, ObjectNode request, Map<String, Long> lineAmounts,
      String hostedUrl, Instant now) {
    this.id = id;
    this.accountId = accountId;
    this.request = request.deepCopy();
    ObjectNode order = (ObjectNode) request.get("order");
    this.profileId = request.get("profile_id").asText();
    this.returnUrl = request.get("url").get("return_url").asText();
    this.callbackUrl = Json.text(request.get("url"), "callback_url");
    this.merchantReference = order.get("merchant_reference").asText();
    this.currency = order.get("currency").asText();
    this.amount = order.get("amount").longValue();
    this.items = (ArrayNode) order.get("items").deepCopy();
    this.shippingOption = order.get("shipping_option") instanceof ObjectNode s ? s.deepCopy() : null;
    this.lineAmounts = Map.copyOf(lineAmounts);
    this.hostedUrl = hostedUrl;
    this.createdAt = now;
    this.updatedAt = now;
    this.expiresAt = now.plusSeconds(24 * 3600);
    event("INITIATED", now);
  }

  boolean isOpen() {
    return outcome == null;
  }

  void event(String name, Instant at) {
    ObjectNode e = Json.object();
    e.put("id", Ids.uuid());
    e.put("name", name);
    e.put("created_at", Timestamps.iso(at));
    events.add(e);
    updatedAt = at;
  }

  ObjectNode toJson() {
    ObjectNode o = request.deepCopy();
    o.put("id", id);
    o.put("created_at", Timestamps.iso(createdAt));
    o.put("updated_at", Timestamps.iso(updatedAt));
    if (!request.hasNonNull("expires_at")) {
      o.put("expires_at", Timestamps.iso(expiresAt)); // a client-chosen expiry is echoed as sent
    }
    o.putObject("metadata").put("session:profile_id", profileId);
    if (request.get("metadata") instanceof ObjectNode m) {
      ((ObjectNode) o.get("metadata")).setAll(m);
    }
    ArrayNode ev = o.putArray("events");
    events.forEach(e -> ev.add(e.deepCopy()));
    if (transactionId != null) {
      o.put("transaction_id", transactionId);
    }
    if (cancelledAt != null) {
      o.put("cancelled_at", Timestamps.iso(cancelledAt));
      o.put("cancelled_by", accountId);
    }
    return o;
  }
}
