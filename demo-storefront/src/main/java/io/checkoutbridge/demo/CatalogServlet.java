package io.checkoutbridge.demo;

import static io.checkoutbridge.demo.Html.escape;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** The shop's front page: every article with its price and an add-to-basket form. */
@WebServlet(urlPatterns = "")
public class CatalogServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String ctx = request.getContextPath();
    StringBuilder body = new StringBuilder();
    body.append("<p class=\"lead\">Homewares, books and things for children. Use the code <strong>")
        .append(Pricing.SPRING_CODE).append("</strong> for 10% off; standard delivery is free from ")
        .append(Html.money(Shipping.FREE_STANDARD_FROM)).append(".</p>")
        .append("<ul class=\"products\">");
    for (Product product : Catalog.products()) {
      String id = "qty-" + escape(product.sku());
      body.append("<li class=\"product\"><h2>").append(escape(product.name())).append("</h2>")
          .append("<p>").append(escape(product.description())).append("</p>")
          .append("<p class=\"price\">").append(Html.money(product.price()))
          .append(" <span class=\"vat\">incl. ").append(Html.percent(product.taxRate())).append(" VAT</span></p>")
          .append("<form method=\"post\" action=\"").append(escape(ctx)).append("/cart\">")
          .append(Html.csrfField(request))
          .append("<input type=\"hidden\" name=\"action\" value=\"add\">")
          .append("<input type=\"hidden\" name=\"sku\" value=\"").append(escape(product.sku())).append("\">")
          .append("<label for=\"").append(id).append("\">Quantity</label> ")
          .append("<input id=\"").append(id).append("\" name=\"quantity\" type=\"number\" min=\"1\" max=\"")
          .append(ShopCart.MAX_QUANTITY).append("\" value=\"1\" inputmode=\"numeric\"> ")
          .append("<button type=\"submit\" data-sku=\"").append(escape(product.sku())).append("\">Add to basket")
          .append("<span class=\"visually-hidden\">: ").append(escape(product.name())).append("</span></button>")
          .append("</form></li>");
    }
    body.append("</ul>");
    Html.page(request, response, 200, "Shop", body.toString(), null);
  }
}
