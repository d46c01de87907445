package io.checkoutbridge.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Minimal, accessible HTML pages the plugin shows shoppers itself. */
final class Pages {
  private Pages() {}

  static void message(HttpServletResponse response, int status, String title, String text) throws IOException {
    page(response, status, title, "<p>" + Responses.html(text) + "</p>", null);
  }

  static void page(HttpServletResponse response, int status, String title, String bodyHtml, Integer refreshSeconds)
      throws IOException {
    response.setStatus(status);
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    String refresh = refreshSeconds == null ? "" : "<meta http-equiv=\"refresh\" content=\"" + refreshSeconds + "\">";
    response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" + refresh
        + "<title>" + Responses.html(title) + "</title>"
        + "<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;color:#1d2330}"
        + "h1{font-size:1.4rem}</style></head><body><main><h1>" + Responses.html(title) + "</h1>" + bodyHtml
        + "</main></body></html>");
  }
}
