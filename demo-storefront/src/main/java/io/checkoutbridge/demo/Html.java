package io.checkoutbridge.demo;

import io.checkoutbridge.api.Money;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

/**
 * The shop's page frame and HTML escaping. Every value that did not come from this source file goes
 * through {@link #escape}.
 */
public final class Html {
  static final String SHOP_NAME = "Hearth & Field";

  private Html() {}

  /** Escapes text for HTML element content and double-quoted attribute values. */
  public static String escape(Object value) {
    if (value == null) {
      return "";
    }
    String text = value.toString();
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /** {@code £1,234.50}; negative amounts as {@code −£5.00}. */
  public static String money(Money money) {
    NumberFormat format = NumberFormat.getCurrencyInstance(Locale.UK);
    format.setCurrency(money.currency());
    String text = format.format(money.amount().abs());
    return money.isNegative() ? "\u2212" + text : text;
  }

  /** {@code 20%}, {@code 5%}, {@code 0%}. */
  public static String percent(BigDecimal rate) {
    return rate.stripTrailingZeros().toPlainString() + "%";
  }

  /** Writes a complete page: header with navigation, {@code main} with {@code body}, footer. */
  static void page(HttpServletRequest request, HttpServletResponse response, int status, String title, String body,
      Integer refreshSeconds) throws IOException {
    page(request, response, status, title, body, refreshSeconds, null);
  }

  /**
   * A page that may run this shop's own scripts and frame one provider page.
   *
   * @param frameOrigin the origin ({@code https://pay.example}) this page may show in an iframe and
   *     run {@code /static/} scripts with, or {@code null} for a page without scripts or frames
   */
  static void page(HttpServletRequest request, HttpServletResponse response, int status, String title, String body,
      Integer refreshSeconds, String frameOrigin) throws IOException {
    String ctx = request.getContextPath();
    int items = ShopCart.of(request.getSession()).itemCount();
    response.setStatus(status);
    response.setContentType("text/html");
    response.setCharacterEncoding("UTF-8");
    response.setHeader("Cache-Control", "no-store");
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Referrer-Policy", "same-origin");
    response.setHeader("Content-Security-Policy", frameOrigin == null
        ? "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'none'; frame-ancestors 'none'; base-uri 'none'"
        : "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-src " + frameOrigin
            + "; frame-ancestors 'none'; base-uri 'none'");
    StringBuilder html = new StringBuilder(4096);
    html.append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
    if (refreshSeconds != null) {
      html.append("<meta http-equiv=\"refresh\" content=\"").append(refreshSeconds).append("\">");
    }
    html.append("<title>").append(escape(title)).append(" · ").append(escape(SHOP_NAME)).append("</title>")
        .append("<link rel=\"stylesheet\" href=\"").append(escape(ctx)).append("/static/shop.css\">")
        .append("</head><body>")
        .append("<a class=\"skip\" href=\"#main\">Skip to content</a>")
        .append("<header class=\"site\"><div class=\"wrap\">")
        .append("<a class=\"brand\" href=\"").append(escape(ctx)).append("/\">").append(escape(SHOP_NAME)).append("</a>")
        .append("<nav aria-label=\"Main\"><ul>")
        .append("<li><a href=\"").append(escape(ctx)).append("/\">Shop</a></li>")
        .append("<li><a href=\"").append(escape(ctx)).append("/cart\">Basket <span class=\"count\">")
        .append(items).append("<span class=\"visually-hidden\"> items</span></span></a></li>")
        .append("<li><a href=\"").append(escape(ctx)).append("/orders\">Orders</a></li>")
        .append("<li><a href=\"").append(escape(ctx)).append("/payments/admin/\">Payments admin</a></li>")
        .append("</ul></nav></div></header>")
        .append("<main id=\"main\" class=\"wrap\"><h1>").append(escape(title)).append("</h1>")
        .append(body)
        .append("</main><footer class=\"site\"><div class=\"wrap\"><p>A demonstration shop. Payments go to the "
            + "providers' sandboxes in this server; no real money moves. <a href=\"")
        .append(escape(ctx)).append("/sandbox/\">Sandbox</a></p></div></footer></body></html>");
    response.getWriter().write(html.toString());
  }

  /** A hidden input carrying the session's form token. */
  static String csrfField(HttpServletRequest request) {
    return "<input type=\"hidden\" name=\"" + Csrf.FIELD + "\" value=\"" + escape(Csrf.token(request.getSession())) + "\">";
  }
}
