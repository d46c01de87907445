package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.Timestamps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A checkout transaction and its money. Mutable; guarded by the simulator's lock. */
final class Transaction {

  /**
   * Payment product types that may void what is left after a part capture: the list under "Void on
   * part capture" of {@code POST /transactions/{id}/void} in the Payments spec
   * (Dintero.Node.SDK {@code src/generated/payments.d.ts}).
   */
  static final java.util.Set<String> VOID_AFTER_PART_CAPTURE = java.util.Set.of("payex.creditcard",
      "payex.mobilepay", "payex.vipps", "payex.applepay", "payex.clicktopay", "payex.googlepay",
      "vipps", "klarna.klarna", "klarna.billie");

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
  /** Released by voids (the whole authorization, or what was left after a part capture). */
  long voided;

  Transaction(String id, String accountId, CheckoutSession session, TransactionStatus status,
      Instant now) {
    this(id, accountId, session, status, now, "dintero_psp.creditcard");
  }

  /**
   * @param paymentProductType such as {@code dintero_psp.creditcard} or {@code vipps}; the product
   *     is the part before the dot
   */
  Transaction(String id, String accountId, CheckoutSession session, TransactionStatus status,
      Instant now, String paymentProductType) {
    this.id = id;
    this.accountId = accountId;
    this.sessionId = session.id;
    this.merchantReference = session.merchantReference;
    this.currency = session.currency;
    this.amount = session.amount;
    int dot = paymentProductType.indexOf('.');
    this.paymentProduct = dot < 0 ? paymentProductType : paymentProductType.substring(0, dot);
    this.paymentProductType = paymentProductType;
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
    return amount - captured - voided;
  }

  boolean voidsAfterPartCapture() {
    return VOID_AFTER_PART_CAPTURE.contains(paymentProductType);
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
