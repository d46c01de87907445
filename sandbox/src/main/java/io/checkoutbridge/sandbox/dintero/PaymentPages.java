package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Html;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.QueryStrings;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.SimulatorException;
import io.checkoutbridge.sandbox.Timestamps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The hosted payment page at {@code /dintero/pay/{sessionId}} where a person or a browser test
 * approves, holds, declines or cancels, and {@code /pay/{sessionId}/decide} for held payments.
 */
final class PaymentPages {

  private final DinteroState state;
  private final DinteroCallbacks callbacks;
  private final Clock clock;

  PaymentPages(DinteroState state, DinteroCallbacks callbacks, Clock clock) {
    this.state = state;
    this.callbacks = callbacks;
    this.clock = clock;
  }

  SandboxResponse show(SandboxRequest request, Map<String, String> params) {
    synchronized (state) {
      CheckoutSession s = state.sessions.get(params.get("sessionId"));
      if (s == null) {
        return notFound();
      }
      String self = request.baseUrl() + "/" + DinteroSimulator.ID + "/pay/" + s.id;
      String title = "Dintero Checkout: pay " + Html.money(s.amount, s.currency);
      StringBuilder body = new StringBuilder(summary(s));
      Transaction tx = s.transactionId == null ? null : state.transactions.get(s.transactionId);
      if (s.cancelledAt != null && s.outcome == CheckoutSession.Outcome.CANCELLED) {
        body.append("<p id=\"status\">This payment was cancelled.</p>\n");
      } else if (s.isOpen()) {
        body.append("<form method=\"post\" action=\"").append(Html.escape(self)).append("\">\n")
            .append(button("approve", "Approve payment"))
            .append(button("hold", "Put on hold"))
            .append(button("decline", "Decline"))
            .append(button("cancel", "Cancel and return to shop"))
            .append("</form>\n");
      } else if (tx != null && tx.status == TransactionStatus.ON_HOLD) {
        body.append("<p id=\"status\">Payment ON_HOLD: waiting for a decision.</p>\n")
            .append("<form method=\"post\" action=\"").append(Html.escape(self + "/decide"))
            .append("\">\n")
            .append(button("approve", "Approve held payment"))
            .append(button("decline", "Reject held payment (FAILED)"))
            .append("</form>\n");
      } else {
        body.append("<p id=\"status\">Payment ")
            .append(Html.escape(tx != null ? tx.status.name() : String.valueOf(s.outcome)))
            .append(".</p>\n");
      }
      if (s.redirectLocation != null) {
        body.append("<p><a id=\"return\" href=\"").append(Html.escape(s.redirectLocation))
            .append("\">Return to the shop</a></p>\n");
      }
      return SandboxResponse.html(200, Html.page(title, body.toString()));
    }
  }

  /** Form post from the page: {@code action=approve|hold|decline|cancel}; answers 303. */
  SandboxResponse act(SandboxRequest request, Map<String, String> params) {
    String action = action(request);
    synchronized (state) {
      CheckoutSession s = state.sessions.get(params.get("sessionId"));
      if (s == null) {
        return notFound();
      }
      if (!s.isOpen()) {
        // a repeated submit (back button, double click) lands where the first one did
        String again = s.redirectLocation != null ? s.redirectLocation
            : QueryStrings.append(s.returnUrl, List.of(
                new QueryStrings.Param("error", "cancelled"),
                new QueryStrings.Param("merchant_reference", s.merchantReference),
                new QueryStrings.Param("session_id", s.id)));
        return SandboxResponse.redirect(303, again);
      }
      Instant now = clock.instant();
      List<QueryStrings.Param> query = new ArrayList<>();
      switch (action) {
        case "approve", "hold" -> {
          boolean hold = action.equals("hold");
          Transaction tx = newTransaction(s,
              hold ? TransactionStatus.ON_HOLD : TransactionStatus.AUTHORIZED, now,
              productType(request));
          authorizeEvent(tx, true, now);
          s.outcome = hold ? CheckoutSession.Outcome.ON_HOLD : CheckoutSession.Outcome.AUTHORIZED;
          s.event(hold ? "ON_HOLD" : "AUTHORIZED", now);
          query.add(new QueryStrings.Param("transaction_id", tx.id));
          redirectTo(s, query);
          callbacks.transactionChanged(s, tx);
        }
        case "decline" -> {
          Transaction tx = newTransaction(s, TransactionStatus.DECLINED, now, productType(request));
          authorizeEvent(tx, false, now);
          s.outcome = CheckoutSession.Outcome.DECLINED;
          s.event("DECLINED", now);
          query.add(new QueryStrings.Param("error", "authorization"));
          redirectTo(s, query);
          callbacks.paymentFailed(s, "authorization");
        }
        case "cancel" -> {
          s.outcome = CheckoutSession.Outcome.CANCELLED;
          s.cancelledAt = now;
          s.event("CANCELLED", now);
          query.add(new QueryStrings.Param("error", "cancelled"));
          redirectTo(s, query);
          callbacks.paymentFailed(s, "cancelled");
        }
        default -> {
          return SandboxResponse.html(400, Html.page("Unknown action",
              "<p>Unknown action <code>" + Html.escape(action)
                  + "</code>; use approve, hold, decline or cancel.</p>"));
        }
      }
      return SandboxResponse.redirect(303, s.redirectLocation);
    }
  }

  /**
   * Decides a held payment: {@code action=approve} makes it AUTHORIZED, {@code decline} FAILED; a
   * second callback follows. JSON requests get the transaction, form posts a 303 to the page.
   */
  SandboxResponse decide(SandboxRequest request, Map<String, String> params) {
    String action = action(request);
    if (!action.equals("approve") && !action.equals("decline")) {
      throw new SimulatorException(400, "validation_error", "action must be approve or decline",
          List.of(new SimulatorException.FieldError("action", "must be approve or decline")));
    }
    synchronized (state) {
      CheckoutSession s = state.sessions.get(params.get("sessionId"));
      if (s == null) {
        throw SimulatorException.notFound("Session not found: " + params.get("sessionId"));
      }
      Transaction tx = s.transactionId == null ? null : state.transactions.get(s.transactionId);
      if (tx == null || tx.status != TransactionStatus.ON_HOLD) {
        throw SimulatorException.conflict("not_on_hold",
            "The session's payment is " + (tx == null ? "not started" : tx.status.name())
                + ", not ON_HOLD");
      }
      Instant now = clock.instant();
      boolean approve = action.equals("approve");
      tx.status = approve ? TransactionStatus.AUTHORIZED : TransactionStatus.FAILED;
      authorizeEvent(tx, approve, now);
      s.outcome = approve ? CheckoutSession.Outcome.AUTHORIZED : CheckoutSession.Outcome.DECLINED;
      s.event(approve ? "AUTHORIZED" : "FAILED", now);
      callbacks.transactionChanged(s, tx);
      if (request.contentType().contains("json")) {
        return SandboxResponse.json(200, tx.toJson());
      }
      return SandboxResponse.redirect(303,
          request.baseUrl() + "/" + DinteroSimulator.ID + "/pay/" + s.id);
    }
  }

  private Transaction newTransaction(CheckoutSession s, TransactionStatus status, Instant now,
      String productType) {
    Transaction tx = new Transaction(s.accountId + "." + Ids.base62(22), s.accountId, s, status,
        now, productType);
    state.transactions.put(tx.id, tx);
    s.transactionId = tx.id;
    return tx;
  }

  private static void authorizeEvent(Transaction tx, boolean success, Instant now) {
    ObjectNode e = Json.object();
    e.put("id", Ids.uuid());
    e.put("event", "AUTHORIZE");
    e.put("transaction_status", tx.status.name());
    e.put("amount", tx.amount);
    e.set("items", tx.items.deepCopy());
    e.put("success", success);
    e.put("created_at", Timestamps.iso(now));
    e.put("request_id", Ids.uuid());
    if (!success) {
      e.putObject("error").put("code", "declined")
          .put("message", "Declined on the sandbox payment page");
    }
    tx.events.add(e);
    tx.updatedAt = now;
  }

  /** Dintero's return parameters, after any the return_url already had. */
  private static void redirectTo(CheckoutSession s, List<QueryStrings.Param> first) {
    List<QueryStrings.Param> query = new ArrayList<>(first);
    query.add(new QueryStrings.Param("merchant_reference", s.merchantReference));
    query.add(new QueryStrings.Param("session_id", s.id));
    s.redirectLocation = QueryStrings.append(s.returnUrl, query);
  }

  /** Payment product types the page can pay with (the spec's {@code payment_product_type} values). */
  static final List<String> PRODUCT_TYPES = List.of("dintero_psp.creditcard", "vipps",
      "klarna.klarna", "payex.creditcard");

  /**
   * The payment product the shopper pays with: {@code payment_product_type} of the form (or JSON),
   * default {@code dintero_psp.creditcard}. Lets a test pay with a product that may void after a
   * part capture.
   */
  private static String productType(SandboxRequest request) {
    String type;
    if (request.contentType().contains("json")) {
      type = Json.text(Json.parseObject(request.body()), "payment_product_type");
    } else {
      List<String> values = request.form().getOrDefault("payment_product_type",
          request.queryParams("payment_product_type"));
      type = values.isEmpty() ? null : values.get(0);
    }
    if (type == null || type.isBlank()) {
      return PRODUCT_TYPES.get(0);
    }
    if (!PRODUCT_TYPES.contains(type)) {
      throw new SimulatorException(400, "validation_error", "unknown payment_product_type",
          List.of(new SimulatorException.FieldError("payment_product_type",
              "must be one of " + PRODUCT_TYPES)));
    }
    return type;
  }

  private static String action(SandboxRequest request) {
    if (request.contentType().contains("json")) {
      JsonNode body = Json.parseObject(request.body());
      String a = Json.text(body, "action");
      return a == null ? "" : a;
    }
    List<String> values = request.form().getOrDefault("action", request.queryParams("action"));
    return values.isEmpty() ? "" : values.get(0);
  }

  private static String summary(CheckoutSession s) {
    StringBuilder b = new StringBuilder();
    b.append("<p>Order <strong id=\"merchant-reference\">").append(Html.escape(s.merchantReference))
        .append("</strong>, session <code id=\"session-id\">").append(Html.escape(s.id))
        .append("</code></p>\n<table id=\"items\">\n<thead><tr><th>Item</th>"
            + "<th class=\"num\">Quantity</th><th class=\"num\">VAT %</th>"
            + "<th class=\"num\">Amount</th></tr></thead>\n<tbody>\n");
    for (JsonNode item : s.items) {
      b.append("<tr><td>").append(Html.escape(text(item, "description", text(item, "id", ""))))
          .append("</td><td class=\"num\">").append(Html.escape(number(item.get("quantity"))))
          .append("</td><td class=\"num\">").append(Html.escape(number(item.get("vat"))))
          .append("</td><td class=\"num\">")
          .append(Html.money(item.get("amount").longValue(), s.currency)).append("</td></tr>\n");
    }
    if (s.shippingOption != null) {
      b.append("<tr><td>Shipping: ")
          .append(Html.escape(text(s.shippingOption, "title", text(s.shippingOption, "id", ""))))
          .append("</td><td class=\"num\">1</td><td class=\"num\">")
          .append(Html.escape(number(s.shippingOption.get("vat"))))
          .append("</td><td class=\"num\">")
          .append(Html.money(s.shippingOption.get("amount").longValue(), s.currency))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n<tfoot><tr><th colspan=\"3\">Total</th><th class=\"num\" id=\"amount\">")
        .append(Html.money(s.amount, s.currency)).append("</th></tr></tfoot>\n</table>\n");
    return b.toString();
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v != null && v.isValueNode() ? v.asText() : fallback;
  }

  private static String number(JsonNode v) {
    return v == null || v.isNull() ? "" : v.isNumber() ? v.decimalValue().toPlainString()
        : v.asText();
  }

  private static String button(String id, String label) {
    return "<button type=\"submit\" name=\"action\" value=\"" + id + "\" id=\"" + id + "\">"
        + Html.escape(label) + "</button>\n";
  }

  private static SandboxResponse notFound() {
    return SandboxResponse.html(404, Html.page("Payment session not found",
        "<p id=\"status\">No such payment session.</p>"));
  }
}
