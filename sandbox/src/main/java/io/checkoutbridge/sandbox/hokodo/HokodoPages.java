package io.checkoutbridge.sandbox.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Html;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.SimulatorException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The pages a person (or a browser test) uses: the plan page behind each plan's {@code payment_url}
 * ({@code /pay/{planId}}: accept, reject, cancel) and the review desk for held payments
 * ({@code /review/{deferredPaymentId}}: accept or reject).
 */
final class HokodoPages {
  private static final byte[] SDK = readSdk();

  private static byte[] readSdk() {
    try (java.io.InputStream in = HokodoPages.class.getResourceAsStream("hokodo-sdk.js")) {
      if (in == null) {
        throw new IllegalStateException("hokodo-sdk.js is missing from the sandbox");
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private final HokodoState state;
  private final HokodoApi api;
  private final HokodoCallbacks callbacks;
  private final Clock clock;

  HokodoPages(HokodoState state, HokodoApi api, HokodoCallbacks callbacks, Clock clock) {
    this.state = state;
    this.api = api;
    this.callbacks = callbacks;
    this.clock = clock;
  }

  SandboxResponse showPlan(SandboxRequest request, Map<String, String> params) {
    synchronized (state) {
      HokodoState.Plan plan = state.plans.get(params.get("planId"));
      if (plan == null) {
        return notFound("No such payment plan.");
      }
      HokodoState.Offer offer = state.offers.get(plan.offerId);
      HokodoState.Order order = state.orders.get(offer.orderId);
      Instant now = clock.instant();
      String self = request.baseUrl() + "/" + HokodoSimulator.ID + "/pay/" + plan.id;
      StringBuilder body = new StringBuilder(summary(order, plan));
      if (plan.redirectLocation != null) {
        HokodoState.DeferredPayment dp = order.deferredPaymentId == null ? null
            : state.deferredPayments.get(order.deferredPaymentId);
        body.append("<p id=\"status\">").append(dp == null ? "Cancelled." : "Deferred payment "
            + Html.escape(dp.number) + ": " + Html.escape(dp.status) + ".").append("</p>\n")
            .append("<p><a id=\"return\" href=\"").append(Html.escape(plan.redirectLocation))
            .append("\">Return to the shop</a></p>\n");
      } else if (order.deferredPaymentId != null) {
        body.append("<p id=\"status\">This order already has a deferred payment.</p>\n");
      } else if (!plan.open(now)) {
        body.append("<p id=\"status\">This plan is ").append(Html.escape(plan.status(now))).append(".</p>\n");
      } else {
        body.append("<form method=\"post\" action=\"").append(Html.escape(self)).append("\">\n")
            .append(button("accept", "Accept " + plan.name + " terms"))
            .append(button("reject", "Reject (credit declined)"))
            .append(button("cancel", "Cancel and return to shop"))
            .append("</form>\n");
      }
      return SandboxResponse.html(200, Html.page("Hokodo: pay " + Html.money(plan.amount, plan.currency)
          + " in " + plan.days + " days", body.toString()));
    }
  }

  /**
   * {@code action=accept|reject|cancel} (form or JSON). A form gets a 303 to the offer's URL; JSON
   * (the stand-in checkout element) gets {@code {status, deferred_payment, redirect}}, so the
   * element can fire its {@code success} or {@code failure} event and leave the navigation to the
   * shop's page.
   */
  SandboxResponse actOnPlan(SandboxRequest request, Map<String, String> params) {
    String action = action(request);
    synchronized (state) {
      HokodoState.Plan plan = state.plans.get(params.get("planId"));
      if (plan == null) {
        return notFound("No such payment plan.");
      }
      boolean json = request.contentType().contains("json");
      if (plan.redirectLocation != null) {
        // a repeated submit lands there again
        return json ? decision(plan) : SandboxResponse.redirect(303, plan.redirectLocation);
      }
      HokodoState.Offer offer = state.offers.get(plan.offerId);
      HokodoState.Order order = state.orders.get(offer.orderId);
      Instant now = clock.instant();
      if (order.deferredPaymentId != null || !plan.open(now)) {
        return SandboxResponse.html(409, Html.page("Plan not available",
            "<p id=\"status\">This plan is " + Html.escape(order.deferredPaymentId != null ? "already used" : plan.status(now))
                + ".</p>"));
      }
      String url;
      switch (action) {
        case "accept", "reject" -> {
          boolean accept = action.equals("accept");
          String status = !accept ? "rejected"
              : api.persona(order) == Companies.Persona.REVIEW ? "pending_review" : "accepted";
          HokodoState.DeferredPayment dp = new HokodoState.DeferredPayment("defpay-" + Ids.base62(22),
              "P-" + Ids.upperAlphanumeric(4) + "-" + Ids.upperAlphanumeric(4), plan.id, order.id, order.currency,
              now, status, accept ? HokodoApi.minor(order.totalAmount) : 0);
          state.deferredPayments.put(dp.id, dp);
          order.deferredPaymentId = dp.id;
          order.status = accept ? "pending" : "cancelled";
          url = offer.urls.path(accept ? "success" : "failure").asText(null);
          callbacks.statusChanged(state, dp, request.baseUrl());
        }
        case "cancel" -> url = offer.urls.path("cancel").asText(null);
        default -> {
          return SandboxResponse.html(400, Html.page("Unknown action", "<p>Unknown action <code>"
              + Html.escape(action) + "</code>; use accept, reject or cancel.</p>"));
        }
      }
      plan.redirectLocation = url == null || url.isBlank()
          ? request.baseUrl() + "/" + HokodoSimulator.ID + "/pay/" + plan.id : url;
      return json ? decision(plan) : SandboxResponse.redirect(303, plan.redirectLocation);
    }
  }

  /** What the checkout element learns of the shopper's decision on {@code plan}. Under the lock. */
  private SandboxResponse decision(HokodoState.Plan plan) {
    HokodoState.Order order = state.orders.get(state.offers.get(plan.offerId).orderId);
    HokodoState.DeferredPayment dp = order.deferredPaymentId == null ? null
        : state.deferredPayments.get(order.deferredPaymentId);
    ObjectNode out = Json.object();
    out.put("status", dp == null ? "cancelled" : dp.status);
    if (dp != null) {
      out.put("deferred_payment", dp.id);
    }
    out.put("redirect", plan.redirectLocation);
    return SandboxResponse.json(200, out);
  }

  /** The stand-in for Hokodo's front-end SDK script (see {@code hokodo-sdk.js}). */
  SandboxResponse sdk(SandboxRequest request, Map<String, String> params) {
    return new SandboxResponse(200, Map.of("Cache-Control", List.of("no-cache")), SDK,
        "text/javascript; charset=utf-8");
  }

  SandboxResponse showReview(SandboxRequest request, Map<String, String> params) {
    synchronized (state) {
      HokodoState.DeferredPayment dp = state.deferredPayments.get(params.get("id"));
      if (dp == null) {
        return notFound("No such deferred payment.");
      }
      String self = request.baseUrl() + "/" + HokodoSimulator.ID + "/review/" + dp.id;
      StringBuilder body = new StringBuilder("<p>Deferred payment <code id=\"number\">")
          .append(Html.escape(dp.number)).append("</code> for order <code>").append(Html.escape(dp.orderId))
          .append("</code>: <strong id=\"status\">").append(Html.escape(dp.status)).append("</strong>, ")
          .append(Html.money(dp.authorisation, dp.currency)).append(" authorised.</p>\n");
      if ("pending_review".equals(dp.status)) {
        body.append("<form method=\"post\" action=\"").append(Html.escape(self)).append("\">\n")
            .append(button("accept", "Accept after review"))
            .append(button("reject", "Reject after review"))
            .append("</form>\n");
      }
      return SandboxResponse.html(200, Html.page("Hokodo review desk", body.toString()));
    }
  }

  /**
   * Decides a held payment: {@code accept} makes it {@code accepted}, {@code reject} makes it
   * {@code rejected} (its authorisation released); a notification follows. JSON requests get the
   * deferred payment, form posts a 303 back to the desk.
   */
  SandboxResponse decideReview(SandboxRequest request, Map<String, String> params) {
    String action = action(request);
    if (!action.equals("accept") && !action.equals("reject")) {
      throw HokodoApi.fieldError("action", "\"" + action + "\" is not a valid choice; use accept or reject.");
    }
    synchronized (state) {
      HokodoState.DeferredPayment dp = state.deferredPayments.get(params.get("id"));
      if (dp == null) {
        throw SimulatorException.notFound("Not found.");
      }
      if (!"pending_review".equals(dp.status)) {
        throw new SimulatorException(409, "not_pending_review", "The deferred payment is " + dp.status
            + ", not pending_review.");
      }
      if (action.equals("accept")) {
        dp.status = "accepted";
      } else {
        dp.status = "rejected";
        dp.voidedAuthorisation += dp.authorisation;
        dp.authorisation = 0;
        state.orders.get(dp.orderId).status = "cancelled";
      }
      callbacks.statusChanged(state, dp, request.baseUrl());
      if (request.contentType().contains("json")) {
        return SandboxResponse.json(200, dp.toJson(request.baseUrl()));
      }
      return SandboxResponse.redirect(303, request.baseUrl() + "/" + HokodoSimulator.ID + "/review/" + dp.id);
    }
  }

  private static String summary(HokodoState.Order order, HokodoState.Plan plan) {
    StringBuilder b = new StringBuilder();
    b.append("<p>Order <strong id=\"unique-id\">").append(Html.escape(order.json.path("unique_id").asText("")))
        .append("</strong>, plan <code id=\"plan-id\">").append(Html.escape(plan.id)).append("</code> (")
        .append(Html.escape(plan.name)).append(")</p>\n<table id=\"items\">\n<thead><tr><th>Item</th>"
            + "<th class=\"num\">Quantity</th><th class=\"num\">Unit price</th><th class=\"num\">Total</th>"
            + "</tr></thead>\n<tbody>\n");
    for (JsonNode item : order.json.path("items")) {
      b.append("<tr><td>").append(Html.escape(item.path("description").asText(item.path("item_id").asText())))
          .append("</td><td class=\"num\">").append(Html.escape(quantity(item.path("quantity").asText())))
          .append("</td><td class=\"num\">").append(Html.escape(major(item.path("unit_price"), order.currency)))
          .append("</td><td class=\"num\">").append(Html.escape(major(item.path("total_amount"), order.currency)))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n<tfoot><tr><th colspan=\"3\">Total</th><th class=\"num\" id=\"amount\">")
        .append(Html.money(plan.amount, plan.currency)).append("</th></tr></tfoot>\n</table>\n");
    return b.toString();
  }

  /**
   * An amount in minor units (an integer, or up to 5 decimals as seed 001 allows) as the shopper
   * reads it: major units with the currency, {@code 4900} GBP → {@code 49.00 GBP}; sub-minor
   * decimals are kept ({@code 62.5} → {@code 0.625 GBP}).
   */
  static String major(JsonNode minor, String currency) {
    if (minor == null || !minor.isNumber()) {
      return minor == null ? "" : minor.asText();
    }
    int digits = java.util.Currency.getInstance(currency).getDefaultFractionDigits();
    java.math.BigDecimal value = minor.decimalValue().movePointLeft(Math.max(0, digits)).stripTrailingZeros();
    if (value.scale() < digits) {
      value = value.setScale(digits);
    }
    return value.toPlainString() + " " + currency;
  }

  /** {@code "2.000"} → {@code 2}, {@code "1.500"} → {@code 1.5}: a count as a shopper writes it. */
  static String quantity(String text) {
    try {
      java.math.BigDecimal q = new java.math.BigDecimal(text).stripTrailingZeros();
      return (q.scale() < 0 ? q.setScale(0) : q).toPlainString();
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static String action(SandboxRequest request) {
    if (request.contentType().contains("json")) {
      String a = Json.text(Json.parseObject(request.body()), "action");
      return a == null ? "" : a;
    }
    List<String> values = request.form().getOrDefault("action", request.queryParams("action"));
    return values.isEmpty() ? "" : values.get(0);
  }

  private static String button(String id, String label) {
    return "<button type=\"submit\" name=\"action\" value=\"" + id + "\" id=\"" + id + "\">"
        + Html.escape(label) + "</button>\n";
  }

  private static SandboxResponse notFound(String message) {
    return SandboxResponse.html(404, Html.page("Not found", "<p id=\"status\">" + Html.escape(message) + "</p>"));
  }
}
