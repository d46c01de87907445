package io.checkoutbridge.web;

import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.engine.PaymentEngine;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code /payments/return/{provider}}: the shopper's browser coming back from the provider.
 *
 * <p>The provider's state is fetched (the query the provider appended is not trusted), applied,
 * and the shopper is sent with 303 to the storefront's success or failure page, or to the pending
 * page when the provider has not decided. The fetch is throttled per payment ({@link ShopperRequests}):
 * while another is in flight or one started within the poll interval, the payment is shown as
 * stored. Only a URL sealed for the return is accepted. A payment already known as paid (its callback came
 * first) is not fetched again: nothing the provider could say would change the destination. If
 * the provider cannot be reached the shopper sees the pending page, which keeps asking: a paid
 * order never stays stuck.
 */
public class ReturnServlet extends Endpoint {
  private static final Logger LOG = Logger.getLogger(ReturnServlet.class.getName());

  @Inject
  PluginRuntime runtime;

  public ReturnServlet() {
    super("GET", "POST");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    handle(request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    handle(request, response);
  }

  private void handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Map<String, List<String>> query = Responses.query(request.getQueryString());
    ShopperRequests shopper = new ShopperRequests(runtime);
    String paymentId = shopper.sealedPayment(Seal.Purpose.RETURN, query);
    String providerId = CallbackServlet.providerId(request);
    if (paymentId == null || providerId == null) {
      Pages.message(response, 400, "This payment link is not valid",
          "The link you followed is incomplete or has been altered. Please return to the shop.");
      return;
    }
    PaymentEngine engine = runtime.paymentEngine();
    Optional<PaymentEngine.StoredPayment> stored;
    try {
      stored = engine.stored(paymentId);
    } catch (PaymentException e) {
      LOG.warning(() -> "could not read payment " + paymentId + " on return: " + e);
      Pages.message(response, 503, "Please try again in a moment",
          "We could not check your payment just now. Nothing is lost: reload this page in a moment.");
      return;
    }
    if (stored.isEmpty() || !stored.get().providerId().equals(providerId)) {
      Pages.message(response, 404, "Payment not found", "We could not find this payment. Please return to the shop.");
      return;
    }
    ShopperDestinations destinations = new ShopperDestinations(runtime.core(), runtime.endpoints());
    PaymentEngine.StoredPayment known = stored.get();
    if (known.status().paid()) {
      // The provider's callback got here first and its state was fetched and applied: the shopper
      // has paid, and asking the provider again could not change where they go.
      redirect(response, destinations.finalPage(request, known.status(), known.orderReference(), paymentId));
      return;
    }
    PaymentView payment;
    try {
      payment = shopper.refreshThrottled(paymentId);
    } catch (PaymentException e) {
      LOG.warning(() -> "could not refresh payment " + paymentId + " on return; showing the pending page: " + e);
      payment = engine.payment(paymentId).orElseThrow();
    }
    String target = destinations.finalPage(request, payment);
    redirect(response, target != null ? target : destinations.pendingPage(request, payment));
  }

  private static void redirect(HttpServletResponse response, String target) {
    response.setHeader("Cache-Control", "no-store");
    response.setStatus(303);
    response.setHeader("Location", target);
  }
}
