package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A checkout transaction and its money. Mutable; guarded by the simulator's lock. */
final class Transaction {

  /** What a capture or refund reference was used for, so a repeat can be recognised. */
  record Reference(long amount) {}

  final String id;
  final String accountId;
  final String sessionId;
  final String merchantReference;
  final String currency;
  final long amount;
  final String paymentProduct;
  final String paymentProductType;
  final String callbackUrl;
  final ArrayNode items;
  final ObjectNode shippingOption;
  final Instant createdAt;
  Instant updatedAt;
  TransactionStatus status;
  final List<ObjectNode> events = new ArrayList<>();

  long captured;
  long refunded;
  /** Per line: authorised amount is the limit; the totals are what was captured per line. */
  final LineBook capturedLines;
  /** Per line refund totals; limits equal the authorised amounts. */
  final LineBook refundedLines;
  /** True once a capture came without items, so per-line captured amounts are unknown. */
  boolean capturedWithoutItems;
  final Map<String, Reference> captureReferences = new HashMap<>();
  final Map<String, Reference> refundReferences = new HashMap<>();

  Transaction(String id, String accountId, CheckoutSession session, TransactionStatus status,
      Instant now) {
    this.id = id;
    this.accountId = accountId;
    this.sessionId = session.id;
    this.merchantReference = session.merchantReference;
    this.currency = session.currency;
    this.amount = session.amount;
    this.paymentProduct = "dintero_psp";
    this.paymentProductType = "dintero_psp.creditcard";
    this.callbackUrl = session.callbackUrl;
    this.items = session.items.deepCopy();
    this.shippingOption = session.shippingOption == null ? null : session.shippingOption.deepCopy();
    this.createdAt = now;
    this.updatedAt = now;
    this.status = status;
    this.capturedLines = new LineBook(session.lineAmounts);
    this.refundedLines = new LineBook(session.lineAmounts);
  }

  long remainingToCapture() {
    return amount - captured;
  }

  long remainingToRefund() {
    return captured - refunded;
  }

  ObjectNode toJson() {
    ObjectNode o = Json.object();
    o.put("id", id);
    o.put("merchant_reference", merchantReference);
    o.put("amount", amount);
    o.put("currency", currency);
    o.put("status", status.name());
    o.put("payment_product", paymentProduct);
    o.put("payment_product_type", paymentProductType);
    o.put("channel", "ecommerce");
    o.put("session_id", sessionId);
    o.set("items", items.deepCopy());
    if (shippingOption != null) {
      o.set("shipping_option", shippingOption.deepCopy());
    }
    ArrayNode ev = o.putArray("events");
    events.forEach(e -> ev.add(e.deepCopy()));
    ObjectNode url = o.putObject("url");
    if (callbackUrl != null) {
      url.put("callback_url", callbackUrl);
    }
    o.put("created_at", Timestamps.iso(createdAt));
    o.put("updated_at", Timestamps.iso(updatedAt));
    return o;
  }
}
