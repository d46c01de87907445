package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An order in Dintero's Orders API, with the payment facts recorded on it. The Orders API moves no
 * money; the sandbox still keeps the records consistent per line (see package documentation).
 */
final class ShoppingOrder {

  final String id;
  final String accountId;
  final String draftId;
  final String currency;
  final long grossAmount;
  final long netAmount;
  final ArrayNode items;
  final Map<String, Long> lineAmounts;
  final Instant createdAt;
  Instant updatedAt;
  String status = "open";
  final LineBook authorized;
  final LineBook captured;
  final LineBook refunded;
  final List<ObjectNode> authorizations = new ArrayList<>();
  final List<ObjectNode> captures = new ArrayList<>();
  final List<ObjectNode> refunds = new ArrayList<>();
  final List<ObjectNode> cancellations = new ArrayList<>();

  ShoppingOrder(String id, String accountId, DraftOrder draft, Instant now) {
    this.id = id;
    this.accountId = accountId;
    this.draftId = draft.id;
    this.currency = draft.currency;
    this.grossAmount = draft.grossAmount;
    this.netAmount = draft.netAmount;
    this.items = draft.items.deepCopy();
    this.lineAmounts = draft.lineAmounts;
    this.createdAt = now;
    this.updatedAt = now;
    this.authorized = new LineBook(lineAmounts);
    this.captured = new LineBook(lineAmounts);
    this.refunded = new LineBook(lineAmounts);
  }

  /** pending, authorized, partially_captured, captured, partially_refunded or refunded. */
  String paymentStatus() {
    long auth = sum(authorized);
    long cap = sum(captured);
    long ref = sum(refunded);
    if (ref != 0) {
      return ref == cap ? "refunded" : "partially_refunded";
    }
    if (cap != 0) {
      return cap == grossAmount ? "captured" : "partially_captured";
    }
    return auth != 0 ? "authorized" : "pending";
  }

  private static long sum(LineBook book) {
    return book.totals().values().stream().mapToLong(Long::longValue).sum();
  }

  ObjectNode toJson(boolean withRecords) {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("account_id", accountId);
    o.put("draft_order_id", draftId);
    o.put("status", status);
    o.put("payment_status", paymentStatus());
    o.put("currency", currency);
    o.put("gross_amount", grossAmount);
    o.put("net_amount", netAmount);
    o.put("tax_amount", grossAmount - netAmount);
    o.set("items", items.deepCopy());
    o.put("created_at", Timestamps.iso(createdAt));
    o.put("updated_at", Timestamps.iso(updatedAt));
    if (withRecords) {
      o.set("authorizations", array(authorizations));
      o.set("captures", array(captures));
      o.set("refunds", array(refunds));
      o.set("cancellations", array(cancellations));
    }
    return o;
  }

  static ArrayNode array(List<ObjectNode> records) {
    ArrayNode a = Json.array();
    records.forEach(r -> a.add(r.deepCopy()));
    return a;
  }
}
