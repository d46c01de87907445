package io.checkoutbridge.admin;

import io.checkoutbridge.cdi.CheckoutBridgeRuntime;
import io.checkoutbridge.web.Responses;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.logging.Logger;

/**
 * In front of everything under {@code /payments/admin/}: security headers on every answer (a
 * strict Content-Security-Policy: scripts, styles and requests only from this origin, no inline
 * code, no framing), the {@value #ROLE} role checked again after the container's own check, and
 * for every state-changing request the same-origin check and the admin's CSRF token (stateless, see
 * {@link CsrfTokens}: any node checks it). A refused request gets 403 with a JSON error and reaches
 * no servlet.
 */
public class AdminFilter extends HttpFilter {
  static final String ROLE = "payments-admin";
  static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
      + " img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  private static final Logger LOG = Logger.getLogger(AdminFilter.class.getName());
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  /** Every method served under the admin; others get 405 (not the 501 servlets give unknown methods). */
  static final String ALLOW = "GET, HEAD, POST, OPTIONS";
  private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "OPTIONS");

  @Inject
  CheckoutBridgeRuntime runtime;

  private volatile CsrfTokens tokens;

  /** The tokens, made from the seal secret on first use (the runtime starts with the application). */
  private CsrfTokens tokens() {
    CsrfTokens made = tokens;
    if (made == null) {
      made = new CsrfTokens(runtime.core().sealSecret(), Clock.systemUTC());
      tokens = made;
    }
    return made;
  }

  @Override
  protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("X-Frame-Options", "DENY");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    response.setHeader("Cache-Control", "no-store");

    if (!request.isUserInRole(ROLE)) {
      Responses.error(response, 403, AdminApi.FORBIDDEN, "the payments admin needs the role " + ROLE, null);
      return;
    }
    if (!METHODS.contains(request.getMethod())) {
      response.setHeader("Allow", ALLOW);
      Responses.error(response, 405, "invalid_request", "method not allowed; allowed: " + ALLOW, null);
      return;
    }
    if ("OPTIONS".equals(request.getMethod())) {
      response.setHeader("Allow", ALLOW);
      response.setStatus(204);
      return;
    }
    try {
      Responses.query(request.getQueryString());
    } catch (IllegalArgumentException e) {
      Responses.error(response, 400, "invalid_request", e.getMessage(), null);
      return;
    }
    if (!SAFE_METHODS.contains(request.getMethod())) {
      if (!SameOrigin.allowed(request)) {
        LOG.warning(() -> "refused a cross-site " + request.getMethod() + " to " + request.getRequestURI()
            + " by " + request.getRemoteUser());
        Responses.error(response, 403, AdminApi.CROSS_ORIGIN, "requests from another site are refused", null);
        return;
      }
      if (!tokens().verify(request.getRemoteUser(), request.getHeader(CsrfTokens.HEADER))) {
        LOG.warning(() -> "refused a " + request.getMethod() + " to " + request.getRequestURI() + " by "
            + request.getRemoteUser() + " without a valid CSRF token");
        Responses.error(response, 403, AdminApi.CSRF,
            "the request lacks a valid CSRF token; reload the page and try again", null);
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
