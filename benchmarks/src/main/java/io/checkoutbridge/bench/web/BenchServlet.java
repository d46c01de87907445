package io.checkoutbridge.bench.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.NextStep;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * What a storefront's checkout page does, reduced to one call for the load driver:
 * {@code POST /bench/start?provider=&order=&lines=} calls {@link Payments#start} and answers
 * {@code {paymentId, redirect | status}}. {@code /bench/noop} answers 200 and nothing else (the
 * baseline's callback target); {@code /bench/pid} the server's process id (for {@code jcmd}).
 */
@WebServlet(urlPatterns = {"/bench/start", "/bench/noop", "/bench/pid"})
public class BenchServlet extends HttpServlet {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject
  Payments payments;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    doPost(request, response);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    switch (request.getServletPath()) {
      case "/bench/noop" -> response.setStatus(200);
      case "/bench/pid" -> text(response, 200, Long.toString(ProcessHandle.current().pid()));
      default -> start(request, response);
    }
  }

  private void start(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String provider = request.getParameter("provider");
    String order = request.getParameter("order");
    int lines = Integer.parseInt(request.getParameter("lines") == null ? "2" : request.getParameter("lines"));
    try {
      CheckoutStart start = payments.start(provider, Carts.request(provider, order, lines));
      ObjectNode answer = JSON.createObjectNode();
      answer.put("paymentId", start.paymentId());
      if (start.next() instanceof NextStep.Redirect redirect) {
        answer.put("redirect", redirect.url().toString());
      } else if (start.next() instanceof NextStep.Done done) {
        answer.put("status", done.status().name());
      } else {
        answer.put("next", start.next().toString());
      }
      response.setContentType("application/json");
      response.getWriter().write(answer.toString());
    } catch (PaymentException | IllegalArgumentException e) {
      text(response, 500, e.toString());
    }
  }

  private static void text(HttpServletResponse response, int status, String body) throws IOException {
    response.setStatus(status);
    response.setContentType("text/plain");
    response.getWriter().write(body);
  }
}
