package io.checkoutbridge.sandbox;

import java.math.BigDecimal;
import java.util.Currency;

/** Plain HTML for hosted payment pages: escaping, a page frame and money formatting. */
public final class Html {

  private Html() {}

  /** Escapes text for use in element content and quoted attribute values. Null becomes "". */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
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

  /**
   * A complete page. {@code title} is escaped here; {@code bodyHtml} must already be safe (escape
   * everything that came from a request before putting it in).
   */
  public static String page(String title, String bodyHtml) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>" + escape(title) + "</title>\n"
        + "<style>body{font-family:sans-serif;max-width:40em;margin:2em auto;padding:0 1em}"
        + "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;"
        + "padding:.4em;text-align:left}td.num,th.num{text-align:right}"
        + "button{font-size:1em;margin:.3em .3em 0 0;padding:.5em 1em}"
        + ".sandbox{background:#fff3cd;padding:.5em;border:1px solid #e0c060}</style>\n"
        + "</head>\n<body>\n"
        + "<p class=\"sandbox\">Sandbox: no real money moves here.</p>\n"
        + "<h1>" + escape(title) + "</h1>\n"
        + bodyHtml
        + "\n</body>\n</html>\n";
  }

  /**
   * Formats minor units with the currency's ISO 4217 decimals, e.g. {@code 39800 NOK} as
   * {@code "398.00 NOK"}, {@code 500 JPY} as {@code "500 JPY"}. Unknown codes are shown with two
   * decimals.
   */
  public static String money(long minorUnits, String currencyCode) {
    int digits = 2;
    try {
      digits = Math.max(0, Currency.getInstance(currencyCode).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException e) {
      // keep two decimals for codes java.util.Currency does not know (e.g. Felloh's GBX)
    }
    return BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + escape(currencyCode);
  }
}
