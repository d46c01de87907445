package io.checkoutbridge.it;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.Cart;
import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * Test-only, in the two-node test's storefront: starts a Hokodo payment as a shop's checkout would
 * and answers what the test needs to play the shopper and the provider. Never part of the plugin.
 *
 * <ul>
 *   <li>{@code POST /nodes-fixture/hokodo?order=}: three lines, the payment id, the Hokodo plan page
 *       the shopper is sent to, and the payment's sealed callback URL (as Hokodo is given it)
 *   <li>{@code GET /nodes-fixture/node}: the name of the node that answered
 * </ul>
 */
@WebServlet("/nodes-fixture/*")
public class NodesFixtureServlet extends HttpServlet {
  @Inject
  Payments payments;

  @Inject
  CheckoutBridgeRuntime runtime;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"/hokodo".equals(request.getPathInfo())) {
      response.sendError(404);
      return;
    }
    try {
      CheckoutStart start = payments.start("hokodo", checkout(request.getParameter("order")));
      if (!(start.next() instanceof NextStep.Redirect redirect)) {
        response.sendError(500, "no plan page: " + start.next());
        return;
      }
      text(response, start.paymentId() + "\n" + redirect.url() + "\n"
          + runtime.endpoints().callbackUrl("hokodo", start.paymentId()));
    } catch (PaymentException e) {
      response.sendError(500, e.toString());
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"/node".equals(request.getPathInfo())) {
      response.sendError(404);
      return;
    }
    text(response, System.getProperty("jboss.node.name", "?"));
  }

  /** The cart and buyer of the Hokodo flow test (a company the simulator approves). */
  private static CheckoutRequest checkout(String order) {
    Cart cart = new Cart(Currency.getInstance("GBP"), List.of(
        new CartLine("p1", LineKind.PRODUCT, "PEN-3", "Pens", new BigDecimal("3"), Money.of("3.33", "GBP"),
            new BigDecimal("20"), Money.of("10.00", "GBP"), null, null),
        CartLine.of("c1", LineKind.PRODUCT, "CHAIR-1", "Ergonomic chair", "2", Money.of("12.00", "GBP"), "20"),
        CartLine.of("s1", LineKind.SHIPPING, "", "Standard delivery", "1", Money.of("4.95", "GBP"), "20")));
    Address address = new Address("Ada Lovelace", "12 St James's Square", null, "London", null, "SW1Y 4JH", "GB",
        "+442079460000");
    Customer customer = new Customer("it-11215527", "Ada", "Lovelace", "ada@example.com", null,
        new Company("Acme Tools Ltd", "11215527", "GB", null), address, null, null);
    return CheckoutRequest.of(order, cart, customer);
  }

  private static void text(HttpServletResponse response, String body) throws IOException {
    response.setContentType("text/plain");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(body);
  }
}
