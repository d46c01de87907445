package io.checkoutbridge.sandbox.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the Hokodo simulator remembers. One instance per simulator; every access holds its
 * monitor ({@code synchronized (state)}), which keeps each API call atomic.
 */
final class HokodoState {

  final Map<String, ObjectNode> organisations = new LinkedHashMap<>();
  /** Organisation id → the company it was created for. */
  final Map<String, String> organisationCompany = new HashMap<>();
  final Map<String, ObjectNode> users = new LinkedHashMap<>();
  final Map<String, Order> orders = new LinkedHashMap<>();
  final Map<String, Offer> offers = new LinkedHashMap<>();
  final Map<String, Plan> plans = new LinkedHashMap<>();
  final Map<String, DeferredPayment> deferredPayments = new LinkedHashMap<>();
  /** Idempotency key → the first request's fingerprint and answer. */
  final Map<String, Replay> idempotency = new HashMap<>();

  /** A request already answered under an idempotency key. */
  record Replay(String fingerprint, SandboxResponse response) {}

  void clear() {
    organisations.clear();
    organisationCompany.clear();
    users.clear();
    orders.clear();
    offers.clear();
    plans.clear();
    deferredPayments.clear();
    idempotency.clear();
  }

  /** An order as created (its request echoed) plus what happened to it. */
  static final class Order {
    final String id;
    final ObjectNode json;
    final String currency;
    final BigDecimal totalAmount;
    final String organisationId;
    final Instant created;
    String status = "draft";
    String offerId;
    String deferredPaymentId;
    final List<ObjectNode> documents = new ArrayList<>();

    Order(String id, ObjectNode json, String currency, BigDecimal totalAmount, String organisationId,
        Instant created) {
      this.id = id;
      this.json = json;
      this.currency = currency;
      this.totalAmount = totalAmount;
      this.organisationId = organisationId;
      this.created = created;
    }

    /** The order as Hokodo returns it; the deferred payment as an id, or expanded. */
    ObjectNode toJson(String baseUrl, DeferredPayment deferred, boolean expand) {
      ObjectNode out = Json.object();
      out.put("id", id);
      out.put("url", baseUrl + "/" + HokodoSimulator.ID + "/v1/payment/orders/" + id);
      out.put("unique_id", json.path("unique_id").asText(""));
      out.put("po_number", json.path("po_number").asText(""));
      ObjectNode customer = json.path("customer").isObject()
          ? ((ObjectNode) json.get("customer")).deepCopy() : Json.object();
      customer.putNull("billing_address");
      out.set("customer", customer);
      out.put("created", Timestamps.iso(created));
      out.put("currency", currency);
      out.put("order_date", json.path("order_date").asText(null));
      out.putNull("invoice_date");
      out.putNull("due_date");
      out.putNull("paid_date");
      out.set("total_amount", json.get("total_amount"));
      out.set("tax_amount", json.get("tax_amount"));
      out.set("metadata", json.has("metadata") ? json.get("metadata") : Json.object());
      ArrayNode items = out.putArray("items");
      for (JsonNode item : json.path("items")) {
        ObjectNode copy = ((ObjectNode) item).deepCopy();
        copy.put("quantity", OrderValidator.decimal(item.get("quantity")).setScale(3).toPlainString());
        copy.put("fulfilled_quantity", "0.000");
        copy.putNull("fulfillment_info");
        copy.put("cancelled_quantity", "0.000");
        copy.putNull("cancelled_info");
        copy.put("returned_quantity", "0.000");
        copy.putNull("returned_info");
        items.add(copy);
      }
      out.put("payment_offer", offerId);
      out.put("status", status);
      out.put("pay_method", deferred == null ? "unknown" : "invoice");
      if (deferred == null) {
        out.putNull("deferred_payment");
      } else if (expand) {
        out.set("deferred_payment", deferred.summary());
      } else {
        out.put("deferred_payment", deferred.id);
      }
      return out;
    }
  }

  /** An offer: the order's URLs and the plans Hokodo proposes. */
  static final class Offer {
    final String id;
    final String orderId;
    final ObjectNode urls;
    final String locale;
    final JsonNode metadata;
    final List<Plan> plans = new ArrayList<>();

    Offer(String id, String orderId, ObjectNode urls, String locale, JsonNode metadata) {
      this.id = id;
      this.orderId = orderId;
      this.urls = urls;
      this.locale = locale;
      this.metadata = metadata;
    }

    ObjectNode toJson(String baseUrl, Instant now) {
      ObjectNode out = Json.object();
      out.put("url", baseUrl + "/" + HokodoSimulator.ID + "/v1/payment/offers/" + id);
      out.put("id", id);
      out.put("order", orderId);
      ArrayNode list = out.putArray("offered_payment_plans");
      plans.forEach(p -> list.add(p.toJson(baseUrl, now)));
      ObjectNode legals = out.putObject("legals");
      legals.put("type", "customer_terms");
      legals.put("terms_url", "https://hokodo.co/terms");
      out.set("urls", urls.deepCopy());
      out.put("locale", locale);
      out.set("metadata", metadata == null ? Json.object() : metadata.deepCopy());
      return out;
    }
  }

  /** One payment plan of an offer, with its hosted page. */
  static final class Plan {
    final String id;
    final String name;
    final String template;
    final String offerId;
    final String currency;
    final long amount;
    final int days;
    final Instant validUntil;
    String status;
    ObjectNode rejectionReason;
    /** Where the hosted page sent the shopper, once decided (a repeated submit lands there too). */
    String redirectLocation;

    Plan(String id, String name, String template, String offerId, String currency, long amount, int days,
        Instant validUntil, String status) {
      this.id = id;
      this.name = name;
      this.template = template;
      this.offerId = offerId;
      this.currency = currency;
      this.amount = amount;
      this.days = days;
      this.validUntil = validUntil;
      this.status = status;
    }

    boolean open(Instant now) {
      return "offered".equals(status) && now.isBefore(validUntil);
    }

    /** {@code offered}, {@code declined}, or {@code expired} once an offered plan passed its time. */
    String status(Instant now) {
      return "offered".equals(status) && !now.isBefore(validUntil) ? "expired" : status;
    }

    ObjectNode toJson(String baseUrl, Instant now) {
      ObjectNode out = Json.object();
      out.put("id", id);
      out.put("name", name);
      out.put("template", template);
      out.put("currency", currency);
      out.put("protected_amount", amount);
      out.put("unprotected_amount", 0);
      ObjectNode payment = out.putArray("scheduled_payments").addObject();
      payment.put("date", validUntil.plusSeconds(86_400L * days).toString().substring(0, 10));
      payment.put("amount", amount);
      payment.putObject("customer_fee").put("percentage", "0.00").put("amount", 0);
      payment.putArray("allowed_payment_methods").addObject().put("type", "invoice");
      payment.put("payment_method", "invoice");
      payment.putObject("due_date_config").put("due_after_nb_days", days).putNull("due_end_of_nb_months")
          .put("amount_percentage", "100.00").put("is_upfront_payment", false);
      out.put("payment_terms_relative_to", "order_creation");
      out.putObject("merchant_fee").put("currency", currency).put("amount", amount * 3 / 100);
      out.putObject("customer_fee").put("currency", currency).put("amount", 0);
      out.put("valid_until", Timestamps.iso(validUntil));
      out.put("payment_url", baseUrl + "/" + HokodoSimulator.ID + "/pay/" + id);
      out.put("status", status(now));
      if (rejectionReason == null) {
        out.putNull("rejection_reason");
      } else {
        out.set("rejection_reason", rejectionReason.deepCopy());
      }
      out.put("has_upfront_payment", false);
      return out;
    }
  }

  /** A deferred payment and its ledger, in whole minor units. */
  static final class DeferredPayment {
    final String id;
    final String number;
    final String planId;
    final String orderId;
    final String currency;
    final Instant created;
    String status;
    long authorisation;
    long protectedCaptures;
    long unprotectedCaptures;
    long refunds;
    long voidedAuthorisation;
    long expiredAuthorisation;

    DeferredPayment(String id, String number, String planId, String orderId, String currency, Instant created,
        String status, long authorisation) {
      this.id = id;
      this.number = number;
      this.planId = planId;
      this.orderId = orderId;
      this.currency = currency;
      this.created = created;
      this.status = status;
      this.authorisation = authorisation;
    }

    long captured() {
      return protectedCaptures + unprotectedCaptures;
    }

    /** What the webhook and {@code ?expand=deferred_payment} show. */
    ObjectNode summary() {
      ObjectNode out = Json.object();
      out.put("id", id);
      out.put("number", number);
      out.put("status", status);
      return out;
    }

    ObjectNode toJson(String baseUrl) {
      ObjectNode out = Json.object();
      out.put("url", baseUrl + "/" + HokodoSimulator.ID + "/v1/payment/deferred_payments/" + id);
      out.put("id", id);
      out.put("number", number);
      out.put("payment_plan", planId);
      out.put("order", orderId);
      out.put("status", status);
      out.put("currency", currency);
      out.put("authorisation", authorisation);
      out.put("protected_captures", protectedCaptures);
      out.put("unprotected_captures", unprotectedCaptures);
      out.put("refunds", refunds);
      out.put("voided_authorisation", voidedAuthorisation);
      out.put("expired_authorisation", expiredAuthorisation);
      long outstanding = captured() - refunds;
      ObjectNode repayment = out.putObject("repayment_info");
      repayment.put("status", outstanding > 0 ? "unpaid" : captured() > 0 ? "paid" : "unpaid");
      repayment.put("outstanding_amount", outstanding);
      repayment.put("currency", currency);
      return out;
    }
  }
}
