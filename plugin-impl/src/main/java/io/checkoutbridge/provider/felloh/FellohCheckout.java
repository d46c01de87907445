package io.checkoutbridge.provider.felloh;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.NextStep;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.api.spi.StartContext;
import io.checkoutbridge.api.spi.StartResult;
import io.checkoutbridge.provider.felloh.FellohSettings.CheckoutMode;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.provider.support.JsonResponse;
import io.checkoutbridge.provider.support.Scrubber;
import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * Starts a checkout in one of the two forms Felloh offers. Thread-safe.
 *
 * <ul>
 *   <li>Payment link ({@code checkout-mode=payment-link}): {@code PUT /agent/payment-links} with
 *       {@code success_url}, {@code failure_url} and {@code cancel_url} (node-sdk
 *       {@code CreatePaymentLinkParams}) all set to the plugin's sealed return URL, then a
 *       full-page redirect to the link's hosted page {@code {link-url}/{id}}.
 *   <li>Embedded ({@code checkout-mode=embedded}): {@code PUT /agent/ecommerce} (node-sdk
 *       {@code CreateEcommerceParams}: no return URL of any kind), then Felloh's iframe
 *       {@code {pay-url}/{id}} in the shop's page, exactly as payment-sdk {@code renderIframe} builds
 *       it (no query). The shop's page learns the outcome from the iframe's {@code postMessage}
 *       ({@code {"stage":"success"|"declined", "transactionID"}}) and posts to the return URL;
 *       the plugin then asks Felloh.
 * </ul>
 */
final class FellohCheckout {
  /** node-sdk {@code tests/integration/payment-links.test.ts} creates links with this type. */
  static final String LINK_TYPE = "CARD";

  private final FellohSettings settings;
  private final FellohClient client;
  private final FellohEnums enums;
  private final Clock clock;

  FellohCheckout(FellohSettings settings, FellohClient client, FellohEnums enums, Clock clock) {
    this.settings = settings;
    this.client = client;
    this.enums = enums;
    this.clock = clock;
  }

  void validate(CheckoutRequest request) throws InvalidRequestException {
    FellohMapper.check(request.cart());
    if (customerName(request.customer()) == null) {
      throw new InvalidRequestException(
          "customer name: Felloh requires the customer's name (first and last name, or the billing address name)");
    }
    String booking = request.bookingId();
    if (booking != null && !booking.matches("[A-Za-z0-9._:-]{1,100}")) {
      throw new InvalidRequestException(
          "bookingId: a Felloh booking id is 1 to 100 letters, digits or . _ : - (a uuid)");
    }
  }

  StartResult start(StartContext context) throws PaymentException {
    CheckoutRequest request = context.request();
    validate(request);
    FellohEnums.Code code = enums.codeFor(request.cart().currency()).orElseThrow(() -> new InvalidRequestException(
        "cart currency: Felloh lists no currency code for " + request.cart().currency().getCurrencyCode()
            + " (GET /enums); only GBP (GBX) is documented"));
    FellohMapper.Mapping mapping = FellohMapper.map(request.cart(), code);
    boolean link = settings.checkoutMode() == CheckoutMode.PAYMENT_LINK;
    ObjectNode body = link ? linkBody(request, mapping, context.returnUrl()) : ecommerceBody(request, mapping);
    String resource = link ? "payment-links" : "ecommerce";
    JsonResponse created = client.create(resource, body);
    if (!created.successful()) {
      throw refusal(resource, created, authorisationOnly(request));
    }
    String id = FellohJson.text(created.body().path("data").path("id"));
    if (id == null) {
      throw PaymentException.of(ErrorCode.PROVIDER_ERROR,
          "Felloh answered PUT /agent/" + resource + " without data.id", created.requestId(), null);
    }
    if (link) {
      return new StartResult(new NextStep.Redirect(linkPage(id)), id, Map.of(FellohProvider.REF_PAYMENT_LINK, id),
          null);
    }
    return new StartResult(embed(id, context.returnUrl()), id, Map.of(FellohProvider.REF_ECOMMERCE, id), null);
  }

  /**
   * Felloh refused the creation. With {@code authorisation_only} sent and a refusal that is about
   * it (or a 403), that is a configuration error: pre-authorisation is enabled per account by
   * Felloh's account manager (developers.felloh.com pre-authorisation guide).
   */
  private PaymentException refusal(String resource, JsonResponse response, boolean authorisationOnly) {
    PaymentException failure = client.failure("PUT", client.url("agent", resource), response, true);
    int status = response.status();
    if (!authorisationOnly || status < 400 || status >= 500 || status == 401 || status == 404 || status == 429) {
      return failure;
    }
    String detail = FellohClient.errorMessage(response);
    String text = detail == null ? "" : detail.toLowerCase(Locale.ROOT);
    if (status == 403 || text.contains("authoris") || text.contains("authoriz") || text.contains("pre-auth")
        || text.contains("feature")) {
      return PaymentException.of(ErrorCode.CONFIGURATION, "Felloh refused authorisation_only (pre-authorisation)"
          + " for organisation " + settings.organisation() + ": Felloh's account manager must enable it for the"
          + " account, or set " + FellohSettings.PREFIX + "authorisation-only=false"
          + (detail == null ? "" : " (Felloh: " + Scrubber.scrubText(detail) + ")"), response.requestId(), null);
    }
    return failure;
  }

  Preview preview(CheckoutRequest request) throws InvalidRequestException {
    validate(request);
    FellohEnums.Code code = FellohEnums.GBX.currency().equals(request.cart().currency())
        ? FellohEnums.GBX
        : new FellohEnums.Code("(from GET /enums)", request.cart().currency(),
            (long) Math.pow(10, Math.max(0, request.cart().currency().getDefaultFractionDigits())));
    FellohMapper.Mapping mapping = FellohMapper.map(request.cart(), code);
    boolean link = settings.checkoutMode() == CheckoutMode.PAYMENT_LINK;
    URI returnUrl = URI.create("https://shop.example/payments/return/felloh?pid=…&seal=…");
    ObjectNode token = JsonHttp.object().put("public_key", "***").put("private_key", "***");
    List<Preview.Request> requests = new ArrayList<>();
    requests.add(new Preview.Request("POST", "/token", JsonHttp.compact(token)));
    if (!FellohEnums.GBX.currency().equals(request.cart().currency())) {
      requests.add(new Preview.Request("GET", "/enums", ""));
    }
    requests.add(link
        ? new Preview.Request("PUT", "/agent/payment-links", JsonHttp.compact(linkBody(request, mapping, returnUrl)))
        : new Preview.Request("PUT", "/agent/ecommerce", JsonHttp.compact(ecommerceBody(request, mapping))));
    List<String> rules = new ArrayList<>(mapping.rules());
    rules.add("POST /token is sent only when no valid token is cached (tokens are renewed 60 s before"
        + " they expire); the keys are not shown");
    if (!FellohEnums.GBX.currency().equals(request.cart().currency())) {
      rules.add("only GBX is documented: the code for " + request.cart().currency().getCurrencyCode()
          + " is taken from GET /enums (read once, kept " + FellohEnums.TTL.toHours() + " h), or the cart is refused");
    }
    rules.add(authorisationOnly(request)
        ? "authorisation_only is true: the payment is only authorised at checkout and completed"
            + " (captured) or reversed (voided) later by an admin; Felloh must have enabled pre-authorisation"
        : "authorisation_only is false: Felloh takes the money at checkout"
            + (request.captureLater() ? " (" + FellohSettings.PREFIX + "authorisation-only is false)" : ""));
    rules.add("surcharging_enabled is false, so Felloh charges exactly the cart total");
    rules.add("expires_at is " + expiresAt() + " (" + FellohSettings.PREFIX + "session-expiry "
        + days(settings.sessionExpiry()) + " from today, UTC)");
    if (request.bookingId() != null) {
      rules.add("the " + (link ? "payment link" : "session") + " is assigned to booking " + request.bookingId());
    }
    rules.add(link
        ? "the shopper is redirected to " + settings.linkUrl() + "/{payment link id}; Felloh sends them back to"
            + " the plugin's return URL (success_url, failure_url and cancel_url), where the plugin asks Felloh"
        : "the shop's page shows Felloh's iframe " + settings.payUrl() + "/{ecommerce id} (no query); when the"
            + " iframe posts stage success or declined, the page posts to the plugin's return URL, where the"
            + " plugin asks Felloh");
    return new Preview(FellohProvider.ID, requests, rules);
  }

  /** {@code P30D} rather than Duration's {@code PT720H}, as the shop owner wrote it. */
  private static String days(java.time.Duration duration) {
    return duration.toSeconds() % 86_400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
  }

  /** The fields ecommerce sessions and payment links share (node-sdk types). */
  private ObjectNode common(CheckoutRequest request, FellohMapper.Mapping mapping) {
    ObjectNode body = JsonHttp.object();
    body.put("customer_name", customerName(request.customer()));
    body.put("email", request.customer().email());
    body.put("organisation", settings.organisation());
    body.put("amount", mapping.amount());
    body.put("currency", mapping.currencyCode());
    if (request.bookingId() != null) {
      body.put("booking_id", request.bookingId());
    }
    body.put("open_banking_enabled", settings.openBanking());
    body.put("card_enabled", settings.card());
    if (!settings.excludedCardTypes().isEmpty()) {
      ArrayNode types = body.putArray("excluded_card_types");
      settings.excludedCardTypes().forEach(types::add);
    }
    if (!settings.excludedCardRegions().isEmpty()) {
      ArrayNode regions = body.putArray("excluded_card_regions");
      settings.excludedCardRegions().forEach(regions::add);
    }
    body.put("authorisation_only", authorisationOnly(request));
    // A surcharge would make Felloh's amount differ from the order total the ledger holds.
    body.put("surcharging_enabled", false);
    body.put("expires_at", expiresAt().toString());
    return body;
  }

  ObjectNode ecommerceBody(CheckoutRequest request, FellohMapper.Mapping mapping) {
    return common(request, mapping);
  }

  ObjectNode linkBody(CheckoutRequest request, FellohMapper.Mapping mapping, URI returnUrl) {
    ObjectNode body = common(request, mapping);
    body.put("type", LINK_TYPE);
    body.put("description", "Order " + request.orderReference());
    // One sealed URL for all three: the plugin asks Felloh what happened rather than trust which one.
    body.put("success_url", returnUrl.toString());
    body.put("failure_url", returnUrl.toString());
    body.put("cancel_url", returnUrl.toString());
    return body;
  }

  boolean authorisationOnly(CheckoutRequest request) {
    return settings.authorisationOnly() && request.captureLater();
  }

  private LocalDate expiresAt() {
    return LocalDate.ofInstant(clock.instant().plus(settings.sessionExpiry()), ZoneOffset.UTC);
  }

  /** {@code {link-url}/{id}}: the payment link's hosted page. */
  URI linkPage(String linkId) {
    return HttpUrl.get(settings.linkUrl().toString()).newBuilder().addPathSegment(linkId).build().uri();
  }

  /** {@code {pay-url}/{id}}: the iframe source, as payment-sdk builds it; never a return URL. */
  URI embedUrl(String ecommerceId) {
    return HttpUrl.get(settings.payUrl().toString()).newBuilder().addPathSegment(ecommerceId).build().uri();
  }

  private NextStep embed(String ecommerceId, URI returnUrl) {
    URI frame = embedUrl(ecommerceId);
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("ecommerceId", ecommerceId);
    parameters.put("url", frame.toString());
    // The page accepts messages from this origin only (the SDK itself checks none).
    parameters.put("origin", frame.getScheme() + "://" + frame.getRawAuthority());
    parameters.put("returnUrl", returnUrl.toString());
    // Felloh has no hosted page for an ecommerce session outside its iframe: no fallback.
    return new NextStep.Embed(FellohProvider.ELEMENT, parameters, null);
  }

  private static String customerName(Customer customer) {
    String name = customer.fullName();
    if (name.isBlank() && customer.billingAddress().name() != null) {
      name = customer.billingAddress().name().trim();
    }
    return name.isBlank() ? null : name;
  }
}
