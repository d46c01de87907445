package io.checkoutbridge.demo;

import static io.checkoutbridge.demo.Html.escape;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.ProviderInfo;
import io.checkoutbridge.api.error.PaymentException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /orders/{reference}}: an order with its payment status as the plugin reports it (the
 * page refreshes itself while the provider has not decided), every payment attempt, and the shop's
 * own record; {@code /orders}: the orders placed in this browser session.
 */
@WebServlet(urlPatterns = {"/orders", "/orders/*"})
public class OrderServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.UK)
      .withZone(ZoneId.of("Europe/London"));

  @Inject
  transient Payments payments;

  @Inject
  transient Orders orders;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String path = request.getPathInfo();
    if (path == null || path.equals("/")) {
      list(request, response);
      return;
    }
    String reference = path.substring(1);
    Optional<Order> order = orders.find(reference);
    if (order.isEmpty()) {
      Html.page(request, response, 404, "Order not found", "<p>There is no order " + escape(reference)
          + " in this shop. <a href=\"" + escape(request.getContextPath()) + "/orders\">Your orders</a></p>", null);
      return;
    }
    show(request, response, order.get());
  }

  private void show(HttpServletRequest request, HttpServletResponse response, Order order) throws IOException {
    String ctx = request.getContextPath();
    // While a provider has an attempt under review, ask it again on each visit (the page refreshes
    // itself), so the order never depends on a callback arriving.
    for (PaymentView attempt : payments.paymentsForOrder(order.reference())) {
      if (attempt.status() == PaymentStatus.PENDING) {
        try {
          payments.refresh(attempt.paymentId());
        } catch (PaymentException unreachable) {
          // show what is known; the next visit asks again
        }
      }
    }
    Optional<PaymentStatus> status = payments.orderStatus(order.reference());
    List<PaymentView> attempts = payments.paymentsForOrder(order.reference());
    Map<String, String> names = payments.providers().stream()
        .collect(Collectors.toMap(ProviderInfo::id, ProviderInfo::displayName));
    boolean waiting = status.map(PaymentStatus::awaitingDecision).orElse(true);
    if (status.map(PaymentStatus::paid).orElse(false)) {
      finishBasket(request.getSession(), order.reference());
    }

    StringBuilder body = new StringBuilder();
    String kind = status.map(OrderServlet::kind).orElse("pending");
    body.append("<section class=\"status status-").append(kind).append("\" aria-labelledby=\"status-title\">")
        .append("<h2 id=\"status-title\">Payment</h2>")
        .append("<p class=\"badge\" id=\"payment-status\" role=\"status\" data-status=\"")
        .append(status.map(Enum::name).orElse("NONE")).append("\">")
        .append(escape(status.map(OrderServlet::label).orElse("Awaiting payment"))).append("</p>")
        .append("<p>").append(escape(explanation(status.orElse(null)))).append("</p>");
    if (waiting) {
      body.append("<p class=\"hint\">This page checks again every few seconds.</p>");
    }
    body.append("<p class=\"hint\">Shop's record (from the plugin's status events): <strong id=\"shop-state\" data-state=\"")
        .append(order.state().name()).append("\">").append(escape(order.state().label())).append("</strong></p>");
    if (status.isPresent() && !status.get().paid() && status.get().closed()) {
      body.append("<p><a class=\"button\" href=\"").append(escape(ctx)).append("/checkout\">Try another way to pay</a></p>");
    }
    body.append("</section>");

    body.append("<section aria-labelledby=\"items-title\"><h2 id=\"items-title\">Items</h2>")
        .append(CartServlet.Tables.lines(order.cart(), false)).append(CartServlet.Tables.totals(order.cart()))
        .append("</section>");

    Address address = order.deliveryAddress();
    body.append("<section aria-labelledby=\"delivery-title\"><h2 id=\"delivery-title\">Delivery</h2><address>")
        .append(escape(address.name())).append("<br>").append(escape(address.line1())).append("<br>");
    if (address.line2() != null) {
      body.append(escape(address.line2())).append("<br>");
    }
    body.append(escape(address.city())).append(" ").append(escape(address.postcode())).append("<br>")
        .append(escape(new Locale("", address.country()).getDisplayCountry(Locale.UK))).append("</address>")
        .append("<p>Confirmation to ").append(escape(order.customerEmail())).append("</p></section>");

    body.append("<section aria-labelledby=\"attempts-title\"><h2 id=\"attempts-title\">Payment attempts</h2>");
    if (attempts.isEmpty()) {
      body.append("<p>No payment has been started for this order.</p>");
    } else {
      body.append("<table class=\"attempts\"><thead><tr><th scope=\"col\">Started</th><th scope=\"col\">Provider</th>"
          + "<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\" class=\"num\">Captured</th>"
          + "<th scope=\"col\" class=\"num\">Refunded</th><th scope=\"col\">Payment (admin)</th></tr></thead><tbody>");
      for (PaymentView attempt : attempts) {
        body.append("<tr data-payment-id=\"").append(escape(attempt.paymentId())).append("\"><td>")
            .append(escape(TIME.format(attempt.createdAt()))).append("</td><td>")
            .append(escape(names.getOrDefault(attempt.providerId(), attempt.providerId()))).append("</td><td>")
            .append(escape(label(attempt.status()))).append("</td><td class=\"num\">")
            .append(Html.money(attempt.total())).append("</td><td class=\"num\">")
            .append(Html.money(attempt.ledger().captured())).append("</td><td class=\"num\">")
            .append(Html.money(attempt.ledger().refunded())).append("</td><td><a class=\"admin-payment\" href=\"")
            .append(escape(ctx)).append("/payments/admin/payment.html?id=").append(escape(attempt.paymentId()))
            .append("\"><code>").append(escape(attempt.paymentId())).append("</code>")
            .append("<span class=\"visually-hidden\"> in the payments admin</span></a></td></tr>");
      }
      body.append("</tbody></table>");
    }
    body.append("<p>Staff capture, refund and cancel payments in the <a id=\"admin-link\" href=\"").append(escape(ctx))
        .append("/payments/admin/\">payments admin</a> (demo user <code>demo-admin</code>).</p></section>");
    Html.page(request, response, 200, "Order " + order.reference(), body.toString(), waiting ? 3 : null);
  }

  @SuppressWarnings("unchecked")
  private void list(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpSession session = request.getSession();
    Set<String> mine = (Set<String>) session.getAttribute(CheckoutServlet.MY_ORDERS);
    List<Order> found = mine == null ? List.of() : orders.findAll(mine);
    String ctx = request.getContextPath();
    StringBuilder body = new StringBuilder();
    if (found.isEmpty()) {
      body.append("<p>You have not placed an order yet. <a href=\"").append(escape(ctx)).append("/\">Start shopping</a></p>");
    } else {
      body.append("<table><thead><tr><th scope=\"col\">Order</th><th scope=\"col\">Placed</th>"
          + "<th scope=\"col\">Payment</th><th scope=\"col\" class=\"num\">Total</th></tr></thead><tbody>");
      for (Order order : found) {
        String status = payments.orderStatus(order.reference()).map(OrderServlet::label).orElse("Awaiting payment");
        body.append("<tr><th scope=\"row\"><a href=\"").append(escape(ctx)).append("/orders/")
            .append(escape(order.reference())).append("\">").append(escape(order.reference())).append("</a></th><td>")
            .append(escape(TIME.format(order.createdAt()))).append("</td><td>").append(escape(status))
            .append("</td><td class=\"num\">").append(Html.money(order.cart().total())).append("</td></tr>");
      }
      body.append("</tbody></table>");
    }
    Html.page(request, response, 200, "Your orders", body.toString(), null);
  }

  /** Once the session's open order is paid, its basket has been bought: empty it. */
  private static void finishBasket(HttpSession session, String reference) {
    if (reference.equals(session.getAttribute(CheckoutServlet.OPEN_ORDER))) {
      ShopCart.of(session).clear();
      session.removeAttribute(CheckoutServlet.OPEN_ORDER);
    }
  }

  /** The shopper's word for a status. */
  static String label(PaymentStatus status) {
    return switch (status) {
      case STARTED -> "Awaiting payment";
      case PENDING -> "Pending";
      case AUTHORIZED, PARTIALLY_CAPTURED, CAPTURED -> "Paid";
      case PARTIALLY_REFUNDED -> "Paid, partly refunded";
      case REFUNDED -> "Refunded";
      case VOIDED -> "Cancelled";
      case DECLINED -> "Declined";
      case FAILED -> "Payment failed";
    };
  }

  private static String kind(PaymentStatus status) {
    if (status.awaitingDecision()) {
      return "pending";
    }
    if (status == PaymentStatus.REFUNDED || status == PaymentStatus.PARTIALLY_REFUNDED) {
      return "refunded";
    }
    return status.paid() ? "paid" : "failed";
  }

  private static String explanation(PaymentStatus status) {
    if (status == null) {
      return "We have not received a payment for this order yet.";
    }
    return switch (status) {
      case STARTED -> "We are waiting for the payment to be confirmed.";
      case PENDING -> "The payment provider has not decided yet; this usually takes a moment.";
      case AUTHORIZED -> "Your payment is authorised. The money is taken when your order is dispatched.";
      case PARTIALLY_CAPTURED -> "Your payment is confirmed and part of your order has been dispatched.";
      case CAPTURED -> "Your payment is confirmed and your order has been dispatched.";
      case PARTIALLY_REFUNDED -> "Part of your payment has been refunded.";
      case REFUNDED -> "Your payment has been refunded in full.";
      case VOIDED -> "The payment was released before anything was charged.";
      case DECLINED -> "The payment was declined. Nothing has been charged.";
      case FAILED -> "The payment was not completed. Nothing has been charged.";
    };
  }
}
