package io.checkoutbridge.demo;

import static io.checkoutbridge.demo.Html.escape;

import io.checkoutbridge.api.CartLine;
import io.checkoutbridge.api.LineKind;
import io.checkoutbridge.api.Money;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;

/** {@code /cart}: the basket with quantities, the discount code and the delivery option. */
@WebServlet(urlPatterns = "/cart")
public class CartServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final String NOTICE = CartServlet.class.getName() + ".notice";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpSession session = request.getSession();
    ShopCart basket = ShopCart.of(session);
    PricedCart priced = Pricing.price(basket);
    String notice = (String) session.getAttribute(NOTICE);
    session.removeAttribute(NOTICE);
    String ctx = request.getContextPath();

    StringBuilder body = new StringBuilder();
    if (notice != null) {
      body.append("<p class=\"notice\" role=\"status\">").append(escape(notice)).append("</p>");
    }
    if (priced.isEmpty()) {
      body.append("<p>Your basket is empty. <a href=\"").append(escape(ctx)).append("/\">Continue shopping</a></p>");
      Html.page(request, response, 200, "Basket", body.toString(), null);
      return;
    }
    body.append("<form method=\"post\" action=\"").append(escape(ctx)).append("/cart\">")
        .append(Html.csrfField(request))
        .append("<input type=\"hidden\" name=\"action\" value=\"update\">");
    body.append(Tables.lines(priced, true));
    body.append("<p><button type=\"submit\" class=\"secondary\">Update basket</button></p></form>");

    body.append("<div class=\"columns\"><form method=\"post\" action=\"").append(escape(ctx)).append("/cart\">")
        .append(Html.csrfField(request))
        .append("<input type=\"hidden\" name=\"action\" value=\"discount\">")
        .append("<label for=\"code\">Discount code</label>");
    if (priced.codeProblem() != null) {
      body.append("<p id=\"code-error\" class=\"error\">").append(escape(priced.codeProblem())).append("</p>");
    }
    body.append("<input id=\"code\" name=\"code\" autocomplete=\"off\" value=\"")
        .append(escape(basket.discountCode() == null ? "" : basket.discountCode())).append("\"")
        .append(priced.codeProblem() != null ? " aria-invalid=\"true\" aria-describedby=\"code-error\"" : "")
        .append("> <button type=\"submit\" class=\"secondary\">Apply</button></form>");

    body.append("<form method=\"post\" action=\"").append(escape(ctx)).append("/cart\">")
        .append(Html.csrfField(request))
        .append("<input type=\"hidden\" name=\"action\" value=\"shipping\">")
        .append("<fieldset><legend>Delivery</legend>");
    Money goods = priced.goods().plus(priced.discount());
    for (Shipping option : Shipping.values()) {
      String id = "shipping-" + option.name().toLowerCase(java.util.Locale.ROOT);
      Money price = option.price(goods);
      body.append("<div class=\"choice\"><input type=\"radio\" name=\"shipping\" id=\"").append(id)
          .append("\" value=\"").append(option.name()).append("\"")
          .append(option == basket.shipping() ? " checked" : "").append("> <label for=\"").append(id).append("\">")
          .append(escape(option.label())).append(", ").append(price.isZero() ? "free" : Html.money(price))
          .append("</label></div>");
    }
    body.append("<button type=\"submit\" class=\"secondary\">Change delivery</button></fieldset></form></div>");
    body.append(Tables.totals(priced));
    body.append("<p class=\"actions\"><a class=\"button\" href=\"").append(escape(ctx))
        .append("/checkout\">Go to checkout</a></p>");
    Html.page(request, response, 200, "Basket", body.toString(), null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!Csrf.valid(request)) {
      Html.page(request, response, 403, "Please try again",
          "<p>Your session has changed since this page was shown. <a href=\"" + escape(request.getContextPath())
              + "/cart\">Back to your basket</a></p>", null);
      return;
    }
    HttpSession session = request.getSession();
    ShopCart basket = ShopCart.of(session);
    String action = String.valueOf(request.getParameter("action"));
    switch (action) {
      case "add" -> {
        String sku = request.getParameter("sku");
        int quantity = quantity(request.getParameter("quantity"), 1);
        basket.add(sku, quantity);
        Catalog.find(sku).ifPresent(p -> session.setAttribute(NOTICE, "Added " + p.name() + " to your basket."));
      }
      case "update" -> {
        for (Map.Entry<String, Integer> line : basket.quantities().entrySet()) {
          String sku = line.getKey();
          if (request.getParameter("remove-" + sku) != null) {
            basket.set(sku, 0);
          } else {
            basket.set(sku, quantity(request.getParameter("qty-" + sku), line.getValue()));
          }
        }
        session.setAttribute(NOTICE, "Basket updated.");
      }
      case "discount" -> {
        basket.discountCode(request.getParameter("code"));
        if (Pricing.SPRING_CODE.equals(basket.discountCode())) {
          session.setAttribute(NOTICE, "Discount code " + Pricing.SPRING_CODE + " applied.");
        }
      }
      case "shipping" -> basket.shipping(Shipping.parse(request.getParameter("shipping")));
      default -> { }
    }
    response.setStatus(303);
    response.setHeader("Location", request.getContextPath() + "/cart");
  }

  private static int quantity(String value, int fallback) {
    try {
      return Math.max(0, Math.min(ShopCart.MAX_QUANTITY, Integer.parseInt(value.strip())));
    } catch (RuntimeException e) {
      return fallback;
    }
  }

  /** Tables shared by the basket, checkout and order pages. */
  static final class Tables {
    private Tables() {}

    static String lines(PricedCart priced, boolean editable) {
      StringBuilder html = new StringBuilder("<table class=\"lines\"><caption class=\"visually-hidden\">Items</caption>"
          + "<thead><tr><th scope=\"col\">Item</th><th scope=\"col\" class=\"num\">Price</th>"
          + "<th scope=\"col\" class=\"num\">Quantity</th><th scope=\"col\" class=\"num\">VAT</th>"
          + "<th scope=\"col\" class=\"num\">Total</th>" + (editable ? "<th scope=\"col\">Remove</th>" : "")
          + "</tr></thead><tbody>");
      for (CartLine line : priced.lines()) {
        html.append("<tr class=\"line-").append(line.kind().name().toLowerCase(java.util.Locale.ROOT)).append("\">")
            .append("<th scope=\"row\">").append(escape(line.name())).append("</th>")
            .append("<td class=\"num\">").append(Html.money(line.unitPrice())).append("</td><td class=\"num\">");
        if (editable && line.kind() == LineKind.PRODUCT) {
          String id = "qty-" + escape(line.sku());
          html.append("<label class=\"visually-hidden\" for=\"").append(id).append("\">Quantity of ")
              .append(escape(line.name())).append("</label><input class=\"qty\" type=\"number\" min=\"0\" max=\"")
              .append(ShopCart.MAX_QUANTITY).append("\" id=\"").append(id).append("\" name=\"").append(id)
              .append("\" value=\"").append(line.quantity().toPlainString()).append("\">");
        } else {
          html.append(escape(line.quantity().stripTrailingZeros().toPlainString()));
        }
        html.append("</td><td class=\"num\">").append(Html.percent(line.taxRate())).append("</td>")
            .append("<td class=\"num\">").append(Html.money(line.total())).append("</td>");
        if (editable) {
          html.append("<td>");
          if (line.kind() == LineKind.PRODUCT) {
            String id = "remove-" + escape(line.sku());
            html.append("<input type=\"checkbox\" id=\"").append(id).append("\" name=\"").append(id)
                .append("\"> <label for=\"").append(id).append("\"><span class=\"visually-hidden\">Remove ")
                .append(escape(line.name())).append("</span><span aria-hidden=\"true\">Remove</span></label>");
          }
          html.append("</td>");
        }
        html.append("</tr>");
      }
      return html.append("</tbody></table>").toString();
    }

    static String totals(PricedCart priced) {
      StringBuilder html = new StringBuilder("<dl class=\"totals\">");
      row(html, "Goods", Html.money(priced.goods()));
      if (!priced.discount().isZero()) {
        row(html, "Discount (" + escape(priced.appliedCode()) + ")", Html.money(priced.discount()));
      }
      row(html, escape(priced.shipping().label()),
          priced.shippingCost().isZero() ? "Free" : Html.money(priced.shippingCost()));
      for (Map.Entry<BigDecimal, Money> vat : priced.vatByRate().entrySet()) {
        row(html, "Includes VAT at " + Html.percent(vat.getKey()), Html.money(vat.getValue()));
      }
      html.append("<div class=\"grand\"><dt>Total to pay</dt><dd>").append(Html.money(priced.total()))
          .append("</dd></div></dl>");
      return html.toString();
    }

    private static void row(StringBuilder html, String label, String value) {
      html.append("<div><dt>").append(label).append("</dt><dd>").append(value).append("</dd></div>");
    }
  }
}
