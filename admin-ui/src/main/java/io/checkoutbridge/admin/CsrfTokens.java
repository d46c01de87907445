package io.checkoutbridge.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin's CSRF token: one random value per HTTP session, given to the page by
 * {@code GET api/session} (which another site cannot read) and sent back in the
 * {@value #HEADER} header of every state-changing request, where it is compared in constant time.
 * Thread-safe.
 */
final class CsrfTokens {
  static final String HEADER = "X-CSRF-Token";
  private static final String ATTRIBUTE = CsrfTokens.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  private CsrfTokens() {}

  /** The session's token, creating the session and the token when there is none yet. */
  static String issue(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    synchronized (CsrfTokens.class) {
      Object token = session.getAttribute(ATTRIBUTE);
      if (token instanceof String existing) {
        return existing;
      }
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(ATTRIBUTE, fresh);
      return fresh;
    }
  }

  /** Whether the request carries its session's token. No session or no header: {@code false}. */
  static boolean verify(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    String sent = request.getHeader(HEADER);
    if (session == null || sent == null) {
      return false;
    }
    Object expected = session.getAttribute(ATTRIBUTE);
    return expected instanceof String token && matches(token, sent);
  }

  /** Constant-time comparison (in the length of the expected token). */
  static boolean matches(String expected, String sent) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
