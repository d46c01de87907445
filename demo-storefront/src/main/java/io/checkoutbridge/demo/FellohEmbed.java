package io.checkoutbridge.demo;

import static io.checkoutbridge.demo.Html.escape;

import io.checkoutbridge.api.ProviderInfo;
import io.checkoutbridge.api.NextStep;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;

/**
 * The shop's page that holds Felloh's iframe, as Felloh's payment SDK builds it (felloh-org/payment-sdk
 * {@code src/index.js}): an iframe of the embed URL, and a listener for the JSON messages it posts
 * ({@code stage} {@code rendered}, {@code processing}, {@code success}, {@code declined},
 * {@code transactionID}, {@code iframe_height}). On {@code success} or {@code declined} the page
 * posts to the plugin's return URL, which asks Felloh what happened; the message itself decides
 * nothing. The script is {@code /static/felloh-embed.js}; it accepts messages only from the iframe,
 * at the embed URL's origin.
 */
final class FellohEmbed {
  /** The element name the Felloh adapter answers with. */
  static final String ELEMENT = "felloh-iframe";

  private FellohEmbed() {}

  static void page(HttpServletRequest request, HttpServletResponse response, ProviderInfo provider, Order order,
      NextStep.Embed embed) throws IOException {
    String url = embed.parameters().get("url");
    String origin = embed.parameters().get("origin");
    String returnUrl = embed.parameters().get("returnUrl");
    URI frame = URI.create(url);
    if (origin == null || !origin.equals(frame.getScheme() + "://" + frame.getRawAuthority())) {
      throw new IllegalArgumentException("the Felloh iframe's origin does not match its URL");
    }
    String body = "<p>Order <strong>" + escape(order.reference()) + "</strong>: pay with "
        + escape(provider.displayName()) + " below. You stay on this shop's page.</p>"
        + "<div id=\"felloh-payment\" class=\"embedded-payment\" data-url=\"" + escape(url)
        + "\" data-origin=\"" + escape(origin) + "\" data-return-url=\"" + escape(returnUrl) + "\"></div>"
        + "<noscript><p>Paying here needs JavaScript. Please enable it, or choose another way to pay.</p></noscript>"
        + "<script src=\"" + escape(request.getContextPath()) + "/static/felloh-embed.js\"></script>";
    Html.page(request, response, 200, "Pay with " + provider.displayName(), body, null, java.util.List.of(frame));
  }
}
