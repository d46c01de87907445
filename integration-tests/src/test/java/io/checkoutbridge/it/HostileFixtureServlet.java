package io.checkoutbridge.it;

import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.ScriptedProvider;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Test-only, for the hostile-request tests: starts payments and answers their sealed URLs, and
 * fingerprints the ledger so a test can show that nothing it sent changed it. Never part of the plugin.
 *
 * <ul>
 *   <li>{@code POST /hostile-fixture/payments?order=&state=authorized|started}: answers
 *       {@code id}, the return URL and the callback URL, one per line
 *   <li>{@code POST /hostile-fixture/seal?pid=}: the return and callback URLs the plugin seals for
 *       any payment id, one per line
 *   <li>{@code POST /hostile-fixture/inbox?available=false|true}: takes the callback inbox away
 *       (renames its table) or gives it back, for storage failures
 *   <li>{@code GET /hostile-fixture/fetches}: how often the scripted provider's state was fetched
 *   <li>{@code GET /hostile-fixture/ledger}: every payment's status and amounts and the number of
 *       history entries, as one text
 * </ul>
 */
@WebServlet("/hostile-fixture/*")
public class HostileFixtureServlet extends HttpServlet {
  @Inject
  Payments payments;

  @Inject
  ScriptedProvider provider;

  @Inject
  CheckoutBridgeRuntime runtime;

  @Resource(lookup = "java:jboss/datasources/ExampleDS")
  DataSource ledger;

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if ("/seal".equals(request.getPathInfo())) {
      String pid = request.getParameter("pid");
      text(response, runtime.endpoints().returnUrl(ScriptedProvider.ID, pid) + "\n"
          + runtime.endpoints().callbackUrl(ScriptedProvider.ID, pid));
      return;
    }
    if ("/inbox".equals(request.getPathInfo())) {
      boolean available = Boolean.parseBoolean(request.getParameter("available"));
      try (Connection c = ledger.getConnection(); Statement s = c.createStatement()) {
        s.execute(available ? "ALTER TABLE cb_callback_inbox_away RENAME TO cb_callback_inbox"
            : "ALTER TABLE cb_callback_inbox RENAME TO cb_callback_inbox_away");
      } catch (SQLException e) {
        response.sendError(500, e.toString());
        return;
      }
      text(response, "ok");
      return;
    }
    try {
      String id = payments.start(ScriptedProvider.ID,
          CheckoutRequest.of(request.getParameter("order"), Carts.standard(), customer(request))).paymentId();
      if ("authorized".equals(request.getParameter("state"))) {
        provider.authorize(id);
        payments.refresh(id);
      }
      text(response, id + "\n" + runtime.endpoints().returnUrl(ScriptedProvider.ID, id) + "\n"
          + runtime.endpoints().callbackUrl(ScriptedProvider.ID, id));
    } catch (PaymentException e) {
      response.sendError(500, e.toString());
    }
  }

  /** The standard customer, or one named {@code name} (any text a storefront might pass on). */
  private static Customer customer(HttpServletRequest request) {
    String name = request.getParameter("name");
    Customer standard = Carts.customer();
    return name == null ? standard : new Customer("c-" + request.getParameter("order"), name, name,
        standard.email(), null, null, standard.billingAddress(), null, null);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if ("/fetches".equals(request.getPathInfo())) {
      text(response, String.valueOf(provider.fetches()));
      return;
    }
    StringBuilder out = new StringBuilder();
    try (Connection c = ledger.getConnection(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT id, status, authorized_minor, captured_minor, refunded_minor,"
          + " voided_minor, pending_minor FROM cb_payment ORDER BY id")) {
        while (rs.next()) {
          for (int i = 1; i <= 7; i++) {
            out.append(rs.getString(i)).append(i == 7 ? "\n" : "|");
          }
        }
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM cb_payment_event")) {
        rs.next();
        out.append("events=").append(rs.getLong(1));
      }
    } catch (SQLException e) {
      response.sendError(500, e.toString());
      return;
    }
    text(response, out.toString());
  }

  private static void text(HttpServletResponse response, String body) throws IOException {
    response.setContentType("text/plain");
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(body);
  }
}
