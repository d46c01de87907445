package io.checkoutbridge.demo;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/** A random token per session that every form posts back; requests without it change nothing. */
final class Csrf {
  static final String FIELD = "_csrf";
  private static final String ATTRIBUTE = Csrf.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Csrf() {}

  static String token(HttpSession session) {
    String token = (String) session.getAttribute(ATTRIBUTE);
    if (token == null) {
      byte[] bytes = new byte[24];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(ATTRIBUTE, token);
    }
    return token;
  }

  /** Whether the request carries this session's token (compared in constant time). */
  static boolean valid(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    String sent = request.getParameter(FIELD);
    if (session == null || sent == null) {
      return false;
    }
    String expected = (String) session.getAttribute(ATTRIBUTE);
    return expected != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        sent.getBytes(StandardCharsets.UTF_8));
  }
}
