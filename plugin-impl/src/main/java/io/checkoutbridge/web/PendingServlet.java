package io.checkoutbridge.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.provider.support.JsonHttp;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code /payments/pending} shows the shopper a page that reloads itself until the provider has
 * decided, then sends them on; {@code /payments/status} answers the same as JSON for storefronts
 * that poll from their own page. Both ask the provider at most once per poll interval per payment,
 * whichever node and endpoint asks ({@link ShopperRequests}), so a missed callback never leaves a
 * paid order pending and a page reloaded in a loop costs the shop nothing at the provider.
 */
public class PendingServlet extends Endpoint {
  private static final Logger LOG = Logger.getLogger(PendingServlet.class.getName());

  @Inject
  PluginRuntime runtime;

  public PendingServlet() {
    super("GET");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, List<String>> query = Responses.query(request.getQueryString());
    ShopperRequests shopper = new ShopperRequests(runtime);
    String paymentId = shopper.sealedPayment(Seal.Purpose.PENDING, query);
    boolean json = request.getServletPath().endsWith("/status");
    if (paymentId == null) {
      if (json) {
        Responses.error(response, 400, "invalid_request", "pid and a valid seal are required", null);
      } else {
        Pages.message(response, 400, "This payment link is not valid", "Please return to the shop.");
      }
      return;
    }
    Optional<PaymentView> stored = runtime.paymentEngine().payment(paymentId);
    if (stored.isEmpty()) {
      Responses.error(response, 404, "not_found", "no such payment", null);
      return;
    }
    PaymentView payment = stored.get();
    boolean givenUp = payment.createdAt().plus(runtime.core().giveUpAfter()).isBefore(Instant.now());
    if (payment.status().awaitingDecision() && !givenUp) {
      try {
        payment = shopper.refreshThrottled(paymentId);
      } catch (PaymentException e) {
        LOG.fine(() -> "provider not reachable while polling payment " + paymentId + ": " + e.getMessage());
      }
    }
    ShopperDestinations destinations = new ShopperDestinations(runtime.core(), runtime.endpoints());
    String target = destinations.finalPage(request, payment);
    if (json) {
      ObjectNode body = JsonHttp.object();
      body.put("status", payment.status().name());
      body.put("paid", payment.status().paid());
      body.put("final", target != null);
      if (target != null) {
        body.put("next", target);
      }
      Responses.json(response, 200, body);
      return;
    }
    if (target != null) {
      response.setStatus(303);
      response.setHeader("Location", target);
      return;
    }
    if (givenUp) {
      Pages.page(response, 200, "We are still waiting for confirmation",
          "<p>Your payment has not been confirmed yet. You do not need to pay again: we will update your order as soon"
              + " as the payment provider confirms it.</p><p><a href=\""
              + Responses.html(destinations.failurePage(request, payment)) + "\">Back to the shop</a></p>", null);
      return;
    }
    int seconds = (int) Math.max(1, runtime.core().pollInterval().toSeconds());
    Pages.page(response, 200, "Confirming your payment…",
        "<p role=\"status\">We are waiting for the payment provider to confirm your payment for order <strong>"
            + Responses.html(payment.orderReference()) + "</strong>. This page refreshes by itself.</p>", seconds);
  }
}
