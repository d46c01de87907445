package io.checkoutbridge.sandbox.dintero;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Html;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.SimulatorException;
import java.util.List;
import java.util.Map;

/**
 * Dintero's back office: a merchant's admin captures, refunds or voids a transaction by hand, not
 * through the API. The money moves exactly as through the API (same checks, same events), and the
 * callback with {@code event=CAPTURE|REFUND|VOID} goes out when the session's callback URL asked
 * for it with {@code report_event} (the Payments spec changelog: "receive callbacks on captures,
 * refunds and void by including {@code report_event=<event>}"; the WooCommerce plugin asks for
 * them under the comment "Events to listen to when they happen in the back office").
 *
 * <p>{@code GET /backoffice/transactions/{id}} shows the transaction with one form per action;
 * {@code POST /backoffice/transactions/{id}/capture|refund|void} takes {@code amount} (minor units)
 * as a form field or JSON (a void takes none) and answers the transaction as JSON, or 303 back to
 * the page for a form. The back office is the admin's browser session, so no API token is asked.
 */
final class BackOffice {
  /** {@code created_by} of the events an admin makes here. */
  static final String ACTOR = "backoffice-user";

  private final DinteroState state;
  private final CheckoutApi checkout;

  BackOffice(DinteroState state, CheckoutApi checkout) {
    this.state = state;
    this.checkout = checkout;
  }

  SandboxResponse show(SandboxRequest request, Map<String, String> params) {
    synchronized (state) {
      Transaction tx = state.transactions.get(params.get("id"));
      if (tx == null) {
        throw SimulatorException.notFound("Transaction not found: " + params.get("id"));
      }
      String self = request.baseUrl() + "/" + DinteroSimulator.ID + "/backoffice/transactions/" + tx.id;
      StringBuilder body = new StringBuilder();
      body.append("<p>Transaction <code id=\"transaction-id\">").append(Html.escape(tx.id))
          .append("</code> for order <strong>").append(Html.escape(tx.merchantReference))
          .append("</strong> (").append(Html.escape(tx.paymentProductType)).append(")</p>\n")
          .append("<p>Status <strong id=\"status\">").append(tx.status.name()).append("</strong>; authorized ")
          .append(Html.money(tx.amount, tx.currency)).append(", captured <span id=\"captured\">")
          .append(Html.money(tx.captured, tx.currency)).append("</span>, refunded <span id=\"refunded\">")
          .append(Html.money(tx.refunded, tx.currency)).append("</span></p>\n");
      for (String action : List.of("capture", "refund")) {
        long suggested = action.equals("capture") ? tx.remainingToCapture() : tx.remainingToRefund();
        body.append("<form method=\"post\" action=\"").append(Html.escape(self + "/" + action)).append("\">")
            .append("<label>Amount (minor units) <input name=\"amount\" id=\"").append(action)
            .append("-amount\" value=\"").append(suggested).append("\"></label>")
            .append("<button type=\"submit\" id=\"").append(action).append("\">")
            .append(action.equals("capture") ? "Capture" : "Refund").append("</button></form>\n");
      }
      body.append("<form method=\"post\" action=\"").append(Html.escape(self + "/void"))
          .append("\"><button type=\"submit\" id=\"void\">Void</button></form>\n");
      return SandboxResponse.html(200, Html.page("Dintero back office", body.toString()));
    }
  }

  SandboxResponse act(SandboxRequest request, Map<String, String> params, String action) {
    boolean json = request.contentType().contains("json");
    ObjectNode body = json ? Json.parseObject(request.body()) : formBody(request);
    String requestId = Ids.uuid();
    synchronized (state) {
      Transaction tx = state.transactions.get(params.get("id"));
      if (tx == null) {
        throw SimulatorException.notFound("Transaction not found: " + params.get("id"));
      }
      switch (action) {
        case "capture" -> checkout.applyCapture(tx, body, ACTOR, requestId);
        case "refund" -> checkout.applyRefund(tx, body, ACTOR, requestId);
        default -> checkout.applyVoidRequest(tx, ACTOR, requestId);
      }
      if (json) {
        return SandboxResponse.json(200, tx.toJson()).withHeader("request-id", requestId);
      }
      return SandboxResponse.redirect(303,
          request.baseUrl() + "/" + DinteroSimulator.ID + "/backoffice/transactions/" + tx.id);
    }
  }

  /** The form's {@code amount} as a JSON number (left as text when it is not one, to be refused). */
  private static ObjectNode formBody(SandboxRequest request) {
    ObjectNode body = Json.object();
    List<String> amount = request.form().getOrDefault("amount", List.of());
    if (!amount.isEmpty()) {
      String text = amount.get(0).trim();
      if (text.matches("\\d{1,10}")) {
        body.put("amount", Long.parseLong(text));
      } else {
        body.put("amount", text);
      }
    }
    return body;
  }
}
