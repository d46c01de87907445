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
 * The hosted payment page (and iframe) at {@code /felloh/embed/{ecommerceId}}: the shopper pays by
 * card or open banking, or the card is declined, with plain HTML forms. With {@code return_url} in
 * the page's query (or the form), the shopper is sent back there with {@code ecommerce_id},
 * {@code transaction_id} and {@code status} appended.
 */
final class PayPage {
  private final FellohState state;
  private final FellohWebhooks webhooks;
  private final Clock clock;

  PayPage(FellohState state, FellohWebhooks webhooks, Clock clock) {
    this.state = state;
    this.webhooks = webhooks;
    this.clock = clock;
  }

  SandboxResponse show(SandboxRequest request, Map<String, String> params) {
    synchronized (state) {
      Session s = state.sessions.get(params.get("id"));
      if (s == null) {
        return notFound();
      }
      String self = request.baseUrl() + "/" + FellohSimulator.ID + "/embed/" + s.id
          + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
      StringBuilder body = new StringBuilder(summary(s));
      Transaction paid = paid(s);
      if (paid != null) {
        body.append("<p id=\"status\">Payment ").append(Html.escape(paid.status.name())).append(".</p>\n");
      } else if (!clock.instant().isBefore(s.expiresAt)) {
        body.append("<p id=\"status\">This payment link has expired.</p>\n");
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
        body.append(button("decline", "Decline (card refused)")).append("</form>\n");
      }
      String back = returnUrl(request);
      if (back != null) {
        body.append("<p><a id=\"return\" href=\"").append(Html.escape(back)).append("\">Return to the shop</a></p>\n");
      }
      return SandboxResponse.html(200, Html.page("Felloh: pay " + money(s), body.toString()));
    }
  }

  /** Form post {@code action=card|open_banking|decline}; 303 to the return URL, or a result page. */
  SandboxResponse act(SandboxRequest request, Map<String, String> params) {
    String action = action(request);
    String back = returnUrl(request);
    synchronized (state) {
      Session s = state.sessions.get(params.get("id"));
      if (s == null) {
        return notFound();
      }
      Transaction paid = paid(s);
      if (paid != null) {
        // a repeated submit (back button, double click) lands where the first one did
        return finish(s, paid, back);
      }
      Instant now = clock.instant();
      if (!now.isBefore(s.expiresAt)) {
        return SandboxResponse.html(410, Html.page("Payment link expired",
            "<p id=\"status\">This payment link has expired.</p>"));
      }
      TxStatus status;
      String type;
      switch (action) {
        case "card" -> {
          if (!s.card) {
            return badAction("Card payment is not enabled for this session.");
          }
          type = "CARD";
          status = s.authorisationOnly ? TxStatus.AUTHORISED : TxStatus.COMPLETE;
        }
        case "open_banking" -> {
          if (!s.openBanking) {
            return badAction("Open banking is not enabled for this session.");
          }
          // An open-banking payment is a bank transfer: it cannot be held as a pre-authorisation.
          type = "OPEN_BANKING";
          status = TxStatus.COMPLETE;
        }
        case "decline" -> {
          if (!s.card) {
            return badAction("Card payment is not enabled for this session.");
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
      return finish(s, t, back);
    }
  }

  private SandboxResponse finish(Session s, Transaction t, String back) {
    if (back == null) {
      return SandboxResponse.html(200, Html.page("Felloh: payment " + t.status.name().toLowerCase(java.util.Locale.ROOT),
          summary(s) + "<p id=\"status\">Payment " + Html.escape(t.status.name()) + ".</p>\n"
              + "<p>Transaction <code id=\"transaction-id\">" + Html.escape(t.id) + "</code></p>\n"));
    }
    return SandboxResponse.redirect(303, QueryStrings.append(back, List.of(
        new QueryStrings.Param("ecommerce_id", s.id),
        new QueryStrings.Param("transaction_id", t.id),
        new QueryStrings.Param("status", t.status.name()))));
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

  /** {@code return_url} from the form or the page's query; only absolute http(s) URLs. */
  private static String returnUrl(SandboxRequest request) {
    List<String> values = request.form().getOrDefault(FellohSimulator.RETURN_PARAMETER,
        request.queryParams(FellohSimulator.RETURN_PARAMETER));
    if (values.isEmpty()) {
      return null;
    }
    try {
      URI uri = URI.create(values.get(0));
      return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          ? values.get(0) : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
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
        + "<p>Session <code id=\"ecommerce-id\">" + Html.escape(s.id) + "</code></p>\n";
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

  private static SandboxResponse notFound() {
    return SandboxResponse.html(404, Html.page("Payment not found",
        "<p id=\"status\">No such ecommerce session.</p>"));
  }
}
