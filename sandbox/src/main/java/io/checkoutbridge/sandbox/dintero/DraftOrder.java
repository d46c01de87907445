package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.Timestamps;
import java.time.Instant;
import java.util.Map;

/** A draft order; completing it creates the {@link ShoppingOrder}. */
final class DraftOrder {

  final String id;
  final String accountId;
  final ObjectNode request;
  /** The order id: given as {@code order.id} or generated at creation. */
  final String orderId;
  final String currency;
  final long grossAmount;
  final long netAmount;
  final ArrayNode items;
  final Map<String, Long> lineAmounts;
  final Instant createdAt;
  Instant completedAt;

  DraftOrder(String id, String accountId, ObjectNode request, String orderId, long grossAmount,
      long netAmount, Map<String, Long> lineAmounts, Instant now) {
    this.id = id;
    this.accountId = accountId;
    this.request = request.deepCopy();
    this.orderId = orderId;
    this.currency = request.get("order").get("currency").asText();
    this.grossAmount = grossAmount;
    this.netAmount = netAmount;
    this.items = (ArrayNode) request.get("order").get("items").deepCopy();
    this.lineAmounts = Map.copyOf(lineAmounts);
    this.createdAt = now;
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("account_id", accountId);
    o.put("status", completedAt == null ? "draft" : "completed");
    o.put("order_id", orderId);
    if (request.get("options") != null) {
      o.set("options", request.get("options").deepCopy());
    }
    ObjectNode order = request.get("order").deepCopy();
    order.put("id", orderId);
    order.put("gross_amount", grossAmount);
    order.put("net_amount", netAmount);
    o.set("order", order);
    o.put("created_at", Timestamps.iso(createdAt));
    if (completedAt != null) {
      o.put("completed_at", Timestamps.iso(completedAt));
    }
    return o;
  }
}
