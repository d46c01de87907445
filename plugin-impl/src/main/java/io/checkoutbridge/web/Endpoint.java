package io.checkoutbridge.web;

import io.checkoutbridge.api.error.ErrorCode;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plugin's endpoints' common front: a method the endpoint does not serve gets 405 with an
 * {@code Allow} header (never the 501 {@link HttpServlet} answers for methods it does not know,
 * such as {@code PATCH} or {@code PROPFIND}), {@code OPTIONS} gets 204 with the same header, and a
 * query string that cannot be decoded gets 400 before any endpoint reads it.
 */
abstract class Endpoint extends HttpServlet {
  private final Set<String> allowed;
  private final String allowHeader;

  /** {@code methods}: those the endpoint serves; {@code HEAD} comes with {@code GET}, and {@code OPTIONS} always. */
  Endpoint(String... methods) {
    Set<String> all = new LinkedHashSet<>(List.of(methods));
    if (all.contains("GET")) {
      all.add("HEAD");
    }
    all.add("OPTIONS");
    this.allowed = Set.copyOf(all);
    this.allowHeader = String.join(", ", all);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String method = request.getMethod();
    if ("OPTIONS".equals(method)) {
      response.setHeader("Allow", allowHeader);
      response.setStatus(204);
      return;
    }
    if (!allowed.contains(method)) {
      response.setHeader("Allow", allowHeader);
      Responses.error(response, 405, ErrorCode.INVALID_REQUEST.code(),
          "method not allowed here; allowed: " + allowHeader, null);
      return;
    }
    try {
      Responses.query(request.getQueryString());
    } catch (IllegalArgumentException e) {
      Responses.error(response, 400, ErrorCode.INVALID_REQUEST.code(), e.getMessage(), null);
      return;
    }
    super.service(request, response);
  }
}
