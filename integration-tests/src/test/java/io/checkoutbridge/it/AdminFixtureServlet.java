package io.checkoutbridge.it;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test-only: lets client-side tests prepare payments in the storefront under test and read the
 * scripted provider's call counts. Never part of the plugin.
 *
 * <ul>
 *   <li>{@code POST /test-fixture/payments?order=&first=&last=&email=&state=authorized|started}:
 *       starts a payment for the standard cart (53.95 GBP) and answers its id
 *   <li>{@code GET /test-fixture/calls?kind=CAPTURE}: how often the provider was asked to capture
 * </ul>
 */
@WebServlet("/test-fixture/*")
public class AdminFixtureServlet extends HttpServlet {
  @Inject
  Payments payments;

  @Inject
  ScriptedProvider provider;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"/payments".equals(request.getPathInfo())) {
      response.sendError(404);
      return;
    }
    Address address = Carts.customer().billingAddress();
    Customer customer = new Customer("it-" + request.getParameter("order"), request.getParameter("first"),
        request.getParameter("last"), request.getParameter("email"), null, null, address, null, null);
    try {
      String id = payments.start(ScriptedProvider.ID,
          CheckoutRequest.of(request.getParameter("order"), Carts.standard(), customer)).paymentId();
      if (!"started".equals(request.getParameter("state"))) {
        provider.authorize(id);
        payments.refresh(id);
      }
      text(response, id);
    } catch (PaymentException e) {
      response.sendError(500, e.toString());
    }
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"/calls".equals(request.getPathInfo())) {
      response.sendError(404);
      return;
    }
    text(response, String.valueOf(provider.calls(OperationKind.valueOf(request.getParameter("kind")))));
  }

  private static void text(HttpServletResponse response, String body) throws IOException {
    response.setContentType("text/plain");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(body);
  }
}
