package io.checkoutbridge.demo;

import static io.checkoutbridge.demo.Html.escape;

import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.CheckoutStart;
import io.checkoutbridge.api.ClientAddress;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.Payments;
import io.checkoutbridge.api.ProviderInfo;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.Capability;
import io.checkoutbridge.api.NextStep;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * {@code /checkout}: the shopper's details and the choice of provider, then the start of the
 * payment. Every enabled provider is offered with what it needs; the shopper is then sent to the
 * provider's page, or straight to the order page when the provider decided server to server.
 */
@WebServlet(urlPatterns = "/checkout")
public class CheckoutServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = Logger.getLogger(CheckoutServlet.class.getName());
  static final String OPEN_ORDER = CheckoutServlet.class.getName() + ".openOrder";
  static final String MY_ORDERS = CheckoutServlet.class.getName() + ".orders";

  @Inject
  transient Payments payments;

  @Inject
  transient Orders orders;

  /**
   * Whether the shop runs behind a reverse proxy that sets {@code X-Forwarded-For}: the context
   * parameter {@value #TRUST_FORWARDED_FOR} ({@code false} unless set). Without a proxy the header
   * is whatever the client wrote, so the connection's address is used.
   */
  private boolean trustForwardedFor() {
    return Boolean.parseBoolean(getServletContext().getInitParameter(TRUST_FORWARDED_FOR));
  }

  /** Context parameter: {@code true} when a proxy the shop controls sets X-Forwarded-For. */
  static final String TRUST_FORWARDED_FOR = "shop.trust-forwarded-for";

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    PricedCart priced = Pricing.price(ShopCart.of(request.getSession()));
    if (priced.isEmpty()) {
      Html.page(request, response, 200, "Checkout", "<p>Your basket is empty. <a href=\""
          + escape(request.getContextPath()) + "/\">Continue shopping</a></p>", null);
      return;
    }
    CheckoutForm form = CheckoutForm.prefilled();
    List<ProviderInfo> providers = payments.providers();
    if (!providers.isEmpty()) {
      form.values().put("provider", providers.get(0).id());
    }
    String failed = request.getParameter("failed");
    String notice = failed == null ? null : failureNotice(failed);
    render(request, response, 200, priced, form, providers, notice, null);
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpSession session = request.getSession();
    if (!Csrf.valid(request)) {
      Html.page(request, response, 403, "Please try again", "<p>Your session has changed since this page was shown. "
          + "<a href=\"" + escape(request.getContextPath()) + "/checkout\">Back to the checkout</a></p>", null);
      return;
    }
    FormTokens.Outcome outcome = FormTokens.of(session).submit(request.getParameter(FormTokens.FIELD),
        () -> checkout(request, response, session));
    if (outcome.equals(FormTokens.Outcome.STALE)) {
      // A form drawn long ago, or by something else than this shop: draw it again.
      response.setStatus(303);
      response.setHeader("Location", request.getContextPath() + "/checkout");
    } else if (!outcome.ran()) {
      // The same form sent again while or after its first send started the payment: go where that went.
      response.setStatus(303);
      response.setHeader("Location", outcome.location());
    }
  }

  /**
   * Validates the form and starts the payment, answering the shopper.
   *
   * @return where the started payment sends the shopper (the provider's page, or the order page
   *     when the payment is embedded or already decided), or {@code null} when none was started
   */
  private String checkout(HttpServletRequest request, HttpServletResponse response, HttpSession session)
      throws IOException {
    PricedCart priced = Pricing.price(ShopCart.of(session));
    if (priced.isEmpty()) {
      response.setStatus(303);
      response.setHeader("Location", request.getContextPath() + "/cart");
      return null;
    }
    List<ProviderInfo> providers = payments.providers();
    Optional<ProviderInfo> provider = providers.stream()
        .filter(p -> p.id().equals(request.getParameter("provider"))).findFirst();
    boolean needsCard = provider.map(p -> p.capabilities().contains(Capability.SERVER_SIDE_AUTHORIZATION)).orElse(false);
    CheckoutForm form = CheckoutForm.read(request, needsCard);
    if (provider.isEmpty()) {
      form.error("provider", "Choose how you would like to pay.");
    }
    if (!form.valid()) {
      render(request, response, 422, priced, form, providers, null, null);
      return null;
    }

    Order order = openOrder(session, priced, form);
    session.setAttribute(OPEN_ORDER, order.reference()); // a declined attempt is tried again on the same order
    remember(session, order.reference());
    try {
      CheckoutRequest checkout = new CheckoutRequest(order.reference(), priced.toCart(), form.customer(), Locale.UK,
          true, form.card(), null)
          .withCustomerIp(ClientAddress.resolve(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"),
              trustForwardedFor()));
      CheckoutStart start = payments.start(provider.get().id(), checkout);
      orders.attemptStarted(order, start.paymentId(), provider.get().id());
      String ctx = request.getContextPath();
      NextStep next = start.next();
      String orderPage = ctx + "/orders/" + order.reference();
      if (next instanceof NextStep.Redirect redirect) {
        response.setStatus(303);
        response.setHeader("Location", redirect.url().toString());
        return redirect.url().toString();
      } else if (next instanceof NextStep.Embed embed) {
        embedded(request, response, provider.get(), order, embed);
        return orderPage;
      } else {
        response.setStatus(303);
        response.setHeader("Location", orderPage);
        return orderPage;
      }
    } catch (PaymentException e) {
      LOG.info(() -> "payment for order " + order.reference() + " with " + provider.get().id() + " not started: "
          + e.code().code());
      render(request, response, e.retryable() ? 503 : 422, priced, form, providers, null,
          "The payment could not be started: " + sentence(e.getMessage())
              + (e.retryable() ? " Please try again in a moment." : " Please check your details or choose another way to pay."));
    } catch (IllegalArgumentException e) {
      render(request, response, 422, priced, form, providers, null,
          "The payment could not be started: " + sentence(e.getMessage()));
    }
    return null;
  }

  private static String sentence(String message) {
    String text = message == null ? "" : message.strip();
    return text.isEmpty() || text.endsWith(".") ? text : text + ".";
  }

  /** The session's unpaid order for the same basket and shopper (a new attempt), or a new order. */
  private Order openOrder(HttpSession session, PricedCart priced, CheckoutForm form) {
    Optional<Order> open = orders.find((String) session.getAttribute(OPEN_ORDER))
        .filter(o -> o.state() == Order.State.AWAITING_PAYMENT || o.state() == Order.State.PAYMENT_FAILED)
        .filter(o -> o.cart().lines().equals(priced.lines()))
        .filter(o -> o.customerEmail().equalsIgnoreCase(form.value("email")));
    return open.orElseGet(() -> orders.create(priced, form.value("firstName") + " " + form.value("lastName"),
        form.value("email"), form.customer().deliveryAddress()));
  }

  @SuppressWarnings("unchecked")
  static void remember(HttpSession session, String reference) {
    Set<String> mine = (Set<String>) session.getAttribute(MY_ORDERS);
    Set<String> updated = mine == null ? new LinkedHashSet<>() : new LinkedHashSet<>(mine);
    updated.add(reference);
    session.setAttribute(MY_ORDERS, updated);
  }

  private String failureNotice(String reference) {
    Optional<PaymentStatus> status = reference.matches("[A-Za-z0-9._:-]{1,64}")
        ? payments.orderStatus(reference) : Optional.empty();
    if (status.isEmpty()) {
      return null;
    }
    String what = switch (status.get()) {
      case DECLINED -> "was declined";
      case VOIDED -> "was cancelled";
      default -> "was not completed";
    };
    return "The payment for order " + reference + " " + what + ". Nothing has been charged. "
        + "You can try again or choose another way to pay.";
  }

  private void embedded(HttpServletRequest request, HttpServletResponse response, ProviderInfo provider, Order order,
      NextStep.Embed embed) throws IOException {
    if (FellohEmbed.ELEMENT.equals(embed.element())) {
      FellohEmbed.page(request, response, provider, order, embed);
      return;
    }
    StringBuilder body = new StringBuilder("<p>Order <strong>").append(escape(order.reference()))
        .append("</strong> is ready to pay with ").append(escape(provider.displayName())).append(".</p>");
    List<java.net.URI> scripts = List.of();
    if ("hokodo-checkout".equals(embed.element()) && embed.parameters().containsKey("paymentOffer")) {
      // Hokodo's checkout element, mounted as Hokodo's own plugin mounts it (static/hokodo-checkout.js).
      java.net.URI sdk = java.net.URI.create(embed.parameters().get("sdkUrl"));
      scripts = List.of(sdk, java.net.URI.create(request.getContextPath() + "/static/hokodo-checkout.js"));
      body.append("<p>Choose a payment plan for your business:</p>")
          .append("<div id=\"hokodoCheckout\" class=\"provider-element\" aria-live=\"polite\" data-sdk-key=\"")
          .append(escape(embed.parameters().getOrDefault("sdkKey", ""))).append("\" data-offer=\"")
          .append(escape(embed.parameters().get("paymentOffer"))).append("\"></div>")
          .append("<p class=\"notice warning\" role=\"alert\" id=\"hokodo-problem\" hidden>Hokodo's checkout could not be"
              + " shown here. Continue on Hokodo's page instead.</p>");
    }
    if (embed.fallbackUrl() != null) {
      body.append("<p class=\"actions\"><a class=\"button\" id=\"continue-to-provider\" href=\"")
          .append(escape(embed.fallbackUrl().toString())).append("\">Continue to ")
          .append(escape(provider.displayName())).append("</a></p>");
    }
    Html.page(request, response, 200, "Pay with " + provider.displayName(), body.toString(), null, scripts);
  }

  private static void render(HttpServletRequest request, HttpServletResponse response, int status, PricedCart priced,
      CheckoutForm form, List<ProviderInfo> providers, String notice, String problem) throws IOException {
    String ctx = request.getContextPath();
    Map<String, String> errors = form.errors();
    StringBuilder body = new StringBuilder();
    if (notice != null) {
      body.append("<p class=\"notice warning\" role=\"status\" id=\"checkout-notice\">").append(escape(notice)).append("</p>");
    }
    if (problem != null) {
      body.append("<div class=\"error-summary\" role=\"alert\" id=\"checkout-problem\"><h2>There is a problem</h2><p>")
          .append(escape(problem)).append("</p></div>");
    }
    if (!errors.isEmpty()) {
      body.append("<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>There is a problem</h2><ul>");
      errors.forEach((field, message) -> body.append("<li><a href=\"#").append(escape(field)).append("\">")
          .append(escape(message)).append("</a></li>"));
      body.append("</ul></div>");
    }
    body.append("<div class=\"checkout\"><section aria-labelledby=\"summary-title\" class=\"summary\">")
        .append("<h2 id=\"summary-title\">Your order</h2>")
        .append(CartServlet.Tables.lines(priced, false)).append(CartServlet.Tables.totals(priced))
        .append("<p><a href=\"").append(escape(ctx)).append("/cart\">Change basket</a></p></section>");

    body.append("<form method=\"post\" action=\"").append(escape(ctx)).append("/checkout\" class=\"details\" novalidate>")
        .append(Html.csrfField(request))
        .append("<input type=\"hidden\" name=\"").append(FormTokens.FIELD).append("\" value=\"")
        .append(escape(FormTokens.of(request.getSession()).issue())).append("\">")
        .append("<fieldset><legend>Your details</legend>")
        .append(input(form, "firstName", "First name", "text", "given-name"))
        .append(input(form, "lastName", "Last name", "text", "family-name"))
        .append(input(form, "email", "Email", "email", "email"))
        .append(input(form, "phone", "Phone (optional)", "tel", "tel"))
        .append("</fieldset><fieldset><legend>Delivery address</legend>")
        .append(input(form, "line1", "Address line 1", "text", "address-line1"))
        .append(input(form, "line2", "Address line 2 (optional)", "text", "address-line2"))
        .append(input(form, "city", "Town or city", "text", "address-level2"))
        .append(input(form, "postcode", "Postcode", "text", "postal-code"))
        .append(select(form, "country", "Country", "country"))
        .append("</fieldset>");

    body.append("<fieldset class=\"providers\"").append(errors.containsKey("provider") ? " aria-invalid=\"true\"" : "")
        .append("><legend>Payment</legend>");
    if (providers.isEmpty()) {
      body.append("<p>No payment method is enabled in this shop's configuration.</p>");
    }
    if (errors.containsKey("provider")) {
      body.append("<p class=\"error\" id=\"provider\">").append(escape(errors.get("provider"))).append("</p>");
    }
    for (ProviderInfo provider : providers) {
      String id = "provider-" + escape(provider.id());
      body.append("<div class=\"provider\"><div class=\"choice\"><input type=\"radio\" name=\"provider\" id=\"").append(id)
          .append("\" value=\"").append(escape(provider.id())).append("\"")
          .append(provider.id().equals(form.value("provider")) ? " checked" : "")
          .append(" aria-describedby=\"").append(id).append("-hint\"> <label for=\"").append(id).append("\">")
          .append(escape(provider.displayName())).append("</label></div>")
          .append("<p class=\"hint\" id=\"").append(id).append("-hint\">").append(escape(hint(provider))).append("</p>");
      if (CheckoutForm.HOKODO.equals(provider.id())) {
        body.append("<fieldset class=\"extra\" id=\"extra-").append(escape(provider.id()))
            .append("\"><legend>Company buying</legend>")
            .append(input(form, "companyName", "Registered company name", "text", "organization"))
            .append(input(form, "companyNumber", "Company registration number", "text", "off"))
            .append(select(form, "companyCountry", "Country of registration", "off"))
            .append("</fieldset>");
      }
      if (provider.capabilities().contains(Capability.SERVER_SIDE_AUTHORIZATION)) {
        body.append("<fieldset class=\"extra card\" id=\"extra-").append(escape(provider.id()))
            .append("\"><legend>Card details</legend>")
            .append("<p class=\"hint\">Sent to ").append(escape(provider.displayName()))
            .append(" to authorise the payment; this shop does not keep them.</p>")
            .append(cardInput(errors, "cardNumber", "Card number", "cc-number", "numeric", 23))
            .append("<div class=\"inline\">")
            .append(cardInput(errors, "cardExpiryMonth", "Expiry month (MM)", "cc-exp-month", "numeric", 2))
            .append(cardInput(errors, "cardExpiryYear", "Expiry year (YYYY)", "cc-exp-year", "numeric", 4))
            .append(cardInput(errors, "cardCvc", "Security code", "cc-csc", "numeric", 4))
            .append("</div>")
            .append(cardInput(errors, "cardName", "Name on card (optional)", "cc-name", "text", 70))
            .append("</fieldset>");
      }
      body.append("</div>");
    }
    body.append("</fieldset><p class=\"actions\"><button type=\"submit\" id=\"place-order\">Place order and pay ")
        .append(Html.money(priced.total())).append("</button></p></form></div>");
    Html.page(request, response, status, "Checkout", body.toString(), null);
  }

  private static String hint(ProviderInfo provider) {
    if (CheckoutForm.HOKODO.equals(provider.id())) {
      return "Pay later by invoice, for businesses. You agree a payment plan with Hokodo.";
    }
    if (provider.capabilities().contains(Capability.SERVER_SIDE_AUTHORIZATION)) {
      return "Pay by card; the card is authorised when you place the order.";
    }
    return "You pay on " + provider.displayName() + "'s secure page and come back here.";
  }

  private static String input(CheckoutForm form, String name, String label, String type, String autocomplete) {
    String error = form.errors().get(name);
    StringBuilder html = new StringBuilder("<div class=\"field\"><label for=\"").append(name).append("\">")
        .append(escape(label)).append("</label>");
    if (error != null) {
      html.append("<p class=\"error\" id=\"").append(name).append("-error\">").append(escape(error)).append("</p>");
    }
    html.append("<input id=\"").append(name).append("\" name=\"").append(name).append("\" type=\"").append(type)
        .append("\" autocomplete=\"").append(autocomplete).append("\" value=\"").append(escape(form.value(name)))
        .append("\"");
    if (error != null) {
      html.append(" aria-invalid=\"true\" aria-describedby=\"").append(name).append("-error\"");
    }
    return html.append("></div>").toString();
  }

  /** Card inputs are always empty when shown: card data is never written back into a page. */
  private static String cardInput(Map<String, String> errors, String name, String label, String autocomplete,
      String inputmode, int maxLength) {
    String error = errors.get(name);
    StringBuilder html = new StringBuilder("<div class=\"field\"><label for=\"").append(name).append("\">")
        .append(escape(label)).append("</label>");
    if (error != null) {
      html.append("<p class=\"error\" id=\"").append(name).append("-error\">").append(escape(error)).append("</p>");
    }
    html.append("<input id=\"").append(name).append("\" name=\"").append(name).append("\" type=\"text\" inputmode=\"")
        .append(inputmode).append("\" autocomplete=\"").append(autocomplete).append("\" maxlength=\"").append(maxLength)
        .append("\" value=\"\"");
    if (error != null) {
      html.append(" aria-invalid=\"true\" aria-describedby=\"").append(name).append("-error\"");
    }
    return html.append("></div>").toString();
  }

  private static String select(CheckoutForm form, String name, String label, String autocomplete) {
    String error = form.errors().get(name);
    StringBuilder html = new StringBuilder("<div class=\"field\"><label for=\"").append(name).append("\">")
        .append(escape(label)).append("</label>");
    if (error != null) {
      html.append("<p class=\"error\" id=\"").append(name).append("-error\">").append(escape(error)).append("</p>");
    }
    html.append("<select id=\"").append(name).append("\" name=\"").append(name).append("\" autocomplete=\"")
        .append(autocomplete).append("\">");
    for (String country : CheckoutForm.COUNTRIES) {
      html.append("<option value=\"").append(country).append("\"").append(country.equals(form.value(name)) ? " selected" : "")
          .append(">").append(escape(new Locale("", country).getDisplayCountry(Locale.UK))).append("</option>");
    }
    return html.append("</select></div>").toString();
  }
}
