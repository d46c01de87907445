package io.checkoutbridge.sandbox.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.sandbox.Html;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.QueryStrings;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.felloh.FellohState.Session;
import io.checkoutbridge.sandbox.felloh.FellohState.Transaction;
import io.checkoutbridge.sandbox.felloh.FellohState.TxStatus;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Felloh's two shopper pages, as the sources describe them.
 *
 * <ul>
 *   <li>The payment link's hosted page {@code /felloh/pay/{linkId}} (production
 *       {@code https://pay.felloh.com/{id}}): a full page; after a payment it redirects (303) to the
 *       link's {@code success_url}, after a decline to its {@code failure_url}, and the cancel
 *       button goes to its {@code cancel_url} (developers.felloh.com payment link object). Without
 *       the URL it shows the result.
 *   <li>The iframe {@code /felloh/embed/{ecommerceId}} (payment-sdk
 *       {@code src/const/environment/index.js}): only an ecommerce session, only a UUID (payment-sdk
 *       {@code isUUID}), only the query payment-sdk {@code renderIframe} builds ({@code method},
 *       {@code hpb}, {@code hsc}); a {@code return_url} is refused with 400. It never navigates the
 *       shopper: it tells its parent with {@code postMessage} of a JSON string, as payment-sdk's
 *       listener parses it: {@code {"stage":"rendered","iframe_height":n}} when shown, then
 *       {@code {"stage":"success"|"declined","transactionID":id}} after a payment attempt.
 * </ul>
 */
final class PayPage {
  private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
      "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  /** The query payment-sdk renderIframe may add. */
  private static final java.util.Set<String> EMBED_QUERY = java.util.Set.of("method", "hpb", "hsc");

  private final FellohState state;
  private final FellohWebhooks webhooks;
  private final Clock clock;

  PayPage(FellohState state, FellohWebhooks webhooks, Clock clock) {
    this.state = state;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  // ---- payment link: a full page ----------------------------------------------------------------

  SandboxResponse showLink(SandboxRequest request, Map<String, String> params) {
    synchronized (state) {
      Session s = state.links.get(params.get("id"));
      if (s == null) {
        return notFound("No such payment link.");
      }
      String self = request.baseUrl() + "/" + FellohSimulator.ID + "/pay/" + s.id;
      StringBuilder body = new StringBuilder(summary(s));
      body.append(choices(s, self, true));
      return SandboxResponse.html(200, Html.page("Felloh: pay " + money(s), body.toString()));
    }
  }

  /** Form post {@code action=card|open_banking|decline|cancel}; 303 to the link's URL for the outcome. */
  SandboxResponse actLink(SandboxRequest request, Map<String, String> params) {
    String action = action(request);
    synchronized (state) {
      Session s = state.links.get(params.get("id"));
      if (s == null) {
        return notFound("No such payment link.");
      }
      if ("cancel".equals(action)) {
        return s.cancelUrl == null ? SandboxResponse.html(200, Html.page("Felloh: cancelled",
            summary(s) + "<p id=\"status\">Payment cancelled.</p>\n")) : SandboxResponse.redirect(303, s.cancelUrl);
      }
      Object outcome = pay(s, action);
      if (outcome instanceof SandboxResponse refused) {
        return refused;
      }
      Transaction t = (Transaction) outcome;
      String next = t.status.paid() ? s.successUrl : s.failureUrl;
      if (next == null) {
        return result(s, t);
      }
      return SandboxResponse.redirect(303, next);
    }
  }

  // ---- ecommerce session: the iframe ------------------------------------------------------------

  SandboxResponse showEmbed(SandboxRequest request, Map<String, String> params) {
    SandboxResponse refused = refuseQuery(request, params.get("id"));
    if (refused != null) {
      return refused;
    }
    synchronized (state) {
      Session s = state.sessions.get(params.get("id"));
      if (s == null) {
        return notFound("No such ecommerce session.");
      }
      String self = request.baseUrl() + "/" + FellohSimulator.ID + "/embed/" + s.id
          + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
      String body = summary(s) + choices(s, self, false)
          + tell("{stage:'rendered',iframe_height:document.body.scrollHeight}");
      return SandboxResponse.html(200, Html.page("Felloh: pay " + money(s), body));
    }
  }

  /** Form post in the iframe; answers a page that tells the parent the outcome. */
  SandboxResponse actEmbed(SandboxRequest request, Map<String, String> params) {
    SandboxResponse refused = refuseQuery(request, params.get("id"));
    if (refused != null) {
      return refused;
    }
    String action = action(request);
    synchronized (state) {
      Session s = state.sessions.get(params.get("id"));
      if (s == null) {
        return notFound("No such ecommerce session.");
      }
      Object outcome = pay(s, action);
      if (outcome instanceof SandboxResponse problem) {
        return problem;
      }
      Transaction t = (Transaction) outcome;
      String stage = t.status.paid() ? "success" : "declined";
      return SandboxResponse.html(200, Html.page("Felloh: payment " + t.status.name().toLowerCase(java.util.Locale.ROOT),
          summary(s) + "<p id=\"status\">Payment " + Html.escape(t.status.name()) + ".</p>\n"
              + "<p>Transaction <code id=\"transaction-id\">" + Html.escape(t.id) + "</code></p>\n"
              + tell("{stage:'" + stage + "',transactionID:'" + t.id + "'}")));
    }
  }

  /** payment-sdk builds only {@code {base}{uuid}} plus {@code method}, {@code hpb}, {@code hsc}. */
  private static SandboxResponse refuseQuery(SandboxRequest request, String id) {
    if (id == null || !UUID.matcher(id).matches()) {
      return notFound("The ecommerce id is not a UUID.");
    }
    for (String name : QueryStrings.parse(request.rawQuery()).keySet()) {
      if (!EMBED_QUERY.contains(name)) {
        return SandboxResponse.html(400, Html.page("Not possible", "<p id=\"status\">The payment page takes no "
            + Html.escape(name) + " parameter (only method, hpb and hsc).</p>"));
      }
    }
    return null;
  }

  /** A script posting {@code message} (a JS object) to the parent as a JSON string, as Felloh's page does. */
  private static String tell(String message) {
    return "<script>if (window.parent !== window) { window.parent.postMessage(JSON.stringify(" + message
        + "), '*'); }</script>\n";
  }

  // ---- shared ---------------------------------------------------------------------------------

  private String choices(Session s, String self, boolean cancellable) {
    StringBuilder body = new StringBuilder();
    Transaction paid = paid(s);
    if (paid != null) {
      body.append("<p id=\"status\">Payment ").append(Html.escape(paid.status.name())).append(".</p>\n");
    } else if (!clock.instant().isBefore(s.expiresAt)) {
      body.append("<p id=\"status\">This payment has expired.</p>\n");
    } else {
      Transaction last = last(s);
      if (last != null) {
        body.append("<p id=\"status\">The last attempt was ").append(Html.escape(last.status.name()))
            .append(". Please try again.</p>\n");
      }
      body.append("<form method=\"post\" action=\"").append(Html.escape(self)).append("\">\n");
      if (s.card) {
        body.append(button("card", s.authorisationOnly ? "Authorise card payment" : "Pay by card"));
      }
      if (s.openBanking) {
        body.append(button("open_banking", "Pay by open banking"));
      }
      body.append(button("decline", "Decline (card refused)"));
      if (cancellable) {
        body.append(button("cancel", "Cancel and return"));
      }
      body.append("</form>\n");
    }
    return body.toString();
  }

  /** A transaction for {@code action}, or the page refusing it. */
  private Object pay(Session s, String action) {
    Transaction paid = paid(s);
    if (paid != null) {
      // a repeated submit (back button, double click) lands where the first one did
      return paid;
    }
    Instant now = clock.instant();
    if (!now.isBefore(s.expiresAt)) {
      return SandboxResponse.html(410, Html.page("Payment expired",
          "<p id=\"status\">This payment has expired.</p>"));
    }
    TxStatus status;
    String type;
    switch (action) {
      case "card" -> {
        if (!s.card) {
          return badAction("Card payment is not enabled for this payment.");
        }
        type = "CARD";
        status = s.authorisationOnly ? TxStatus.AUTHORISED : TxStatus.COMPLETE;
      }
      case "open_banking" -> {
        if (!s.openBanking) {
          return badAction("Open banking is not enabled for this payment.");
        }
        // An open-banking payment is a bank transfer: it cannot be held as a pre-authorisation.
        type = "OPEN_BANKING";
        status = TxStatus.COMPLETE;
      }
      case "decline" -> {
        if (!s.card) {
          return badAction("Card payment is not enabled for this payment.");
        }
        type = "CARD";
        status = TxStatus.DECLINED;
      }
      default -> {
        return badAction("Unknown action; use card, open_banking or decline.");
      }
    }
    Transaction t = new Transaction();
    t.id = Ids.uuid();
    t.session = s;
    t.amount = s.amount;
    t.currency = s.currency;
    t.type = type;
    t.status = status;
    t.createdAt = now;
    if (status == TxStatus.AUTHORISED) {
      t.authorisedAt = now;
    }
    if (status == TxStatus.COMPLETE) {
      t.authorisedAt = now;
      t.completedAt = now;
    }
    state.transactions.put(t.id, t);
    s.transactionIds.add(t.id);
    webhooks.send("transaction." + status.name().toLowerCase(java.util.Locale.ROOT), t.toJson(state));
    return t;
  }

  private SandboxResponse result(Session s, Transaction t) {
    return SandboxResponse.html(200, Html.page("Felloh: payment " + t.status.name().toLowerCase(java.util.Locale.ROOT),
        summary(s) + "<p id=\"status\">Payment " + Html.escape(t.status.name()) + ".</p>\n"
            + "<p>Transaction <code id=\"transaction-id\">" + Html.escape(t.id) + "</code></p>\n"));
  }

  /** The transaction that committed money, if any. */
  private Transaction paid(Session s) {
    for (String id : s.transactionIds) {
      Transaction t = state.transactions.get(id);
      if (t.status.paid()) {
        return t;
      }
    }
    return null;
  }

  private Transaction last(Session s) {
    return s.transactionIds.isEmpty() ? null : state.transactions.get(s.transactionIds.get(s.transactionIds.size() - 1));
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

  private static String summary(Session s) {
    return "<p>Payee <strong id=\"customer-name\">" + Html.escape(s.customerName) + "</strong> ("
        + Html.escape(s.email) + ")" + (s.bookingReference == null ? ""
            : ", booking <code id=\"booking-reference\">" + Html.escape(s.bookingReference) + "</code>")
        + "</p>\n<p>Amount <strong id=\"amount\">" + Html.escape(money(s)) + "</strong>"
        + (s.authorisationOnly ? " (authorised now, taken later)" : "") + "</p>\n"
        + "<p>" + (s.link ? "Payment link" : "Session") + " <code id=\"ecommerce-id\">" + Html.escape(s.id)
        + "</code></p>\n";
  }

  /** {@code 12345 GBX} shown as {@code 123.45 GBP}. */
  private static String money(Session s) {
    return Html.money(s.amount, FellohSimulator.majorUnit(s.currency));
  }

  private static String button(String id, String label) {
    return "<button type=\"submit\" name=\"action\" value=\"" + id + "\" id=\"" + id + "\">"
        + Html.escape(label) + "</button>\n";
  }

  private static SandboxResponse badAction(String message) {
    return SandboxResponse.html(400, Html.page("Not possible", "<p id=\"status\">" + Html.escape(message) + "</p>"));
  }

  private static SandboxResponse notFound(String why) {
    return SandboxResponse.html(404, Html.page("Payment not found", "<p id=\"status\">" + Html.escape(why) + "</p>"));
  }
}
