package io.checkoutbridge.admin;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * {@code /payments/admin} and {@code /payments/admin/}: the list page, whatever welcome files the
 * storefront configures. The pages themselves are static files in this jar's
 * {@code META-INF/resources/payments/admin/}.
 */
public class AdminHomeServlet extends HttpServlet {
  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    if (!request.getServletPath().endsWith("/")) {
      response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
      return;
    }
    request.getRequestDispatcher("/payments/admin/index.html").forward(request, response);
  }
}
