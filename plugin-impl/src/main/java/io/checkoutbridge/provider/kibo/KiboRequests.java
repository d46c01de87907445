package io.checkoutbridge.provider.kibo;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.PaymentMethodDetails;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.provider.support.JsonHttp;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a checkout against Kibo's rules and builds the two request bodies. Pure: no I/O.
 *
 * <p>Masked bodies (for the preview) show at most a card's last four digits and no security code,
 * PIN or token.
 */
final class KiboRequests {

  static final String AUTHORIZE_PATH = "/createOrder/authorize";
  static final String CREATE_ORDER_PATH = "/createOrder/";
  /** Kibo's order search ({@code GET /order/?...}) and order read ({@code GET /order/{orderID}}). */
  static final String ORDER_PATH = "/order/";
  /** Stands in the preview for the authorisation token that only the authorize answer carries. */
  static final String AUTHORIZATION_PLACEHOLDER = "<authToken of the authorize answer>";

  /** paymentType of a card: seed 004's example. */
  static final String TYPE_CARD = "CC";
  /** paymentType of a stored payment method: Kibo's documentation names the token type TK. */
  static final String TYPE_STORED_TOKEN = "TK";
  /**
   * paymentType of PayPal: not published by any source read (seed 004 names only the fields
   * {@code payPalToken} and {@code payPalPayerID}); used only when {@code paypal-enabled=true}.
   */
  static final String TYPE_PAYPAL = "PP";

  /** Stands in the preview for the payment details a request does not carry yet. */
  static final String PAYMENT_TYPE_PLACEHOLDER = "<CC or TK, from the details the storefront collects>";

  private static final String MASK = "***";

  /**
   * What the authorize answer gave create-order.
   *
   * @param orderId Kibo's order id from the authorize answer, or {@code null}
   * @param authToken the authorisation token, sent as {@code orderPayments[0].authorizationID}
   * @param paymentMethodToken the payment method token, sent instead of the card details, or null
   * @param transactionId the answer's {@code transactionID} when it has one, else the {@code
   *     externalCartID} of the authorisation
   * @param amount the authorised amount, major units ({@code authAmount})
   */
  record Authorized(String orderId, String authToken, String paymentMethodToken, String transactionId,
      BigDecimal amount) {}

  private KiboRequests() {}

  /**
   * Refuses what Kibo would refuse, naming the field as it appears in Kibo's body.
   *
   * @param clock for the card expiry check
   */
  static void validate(KiboSettings settings, CheckoutRequest request, Clock clock) throws InvalidRequestException {
    validateExceptPaymentMethod(request);
    if (request.customerIp() == null) {
      throw new InvalidRequestException("customerIP is required: pass the shopper's public IP address in the"
          + " checkout request (CheckoutRequest.withCustomerIp); Kibo screens orders with it");
    }
    paymentMethod(settings, request.paymentMethod(), clock);
  }

  /** Every rule but the payment method's and the IP's, for a preview of a cart without them. */
  static void validateExceptPaymentMethod(CheckoutRequest request) throws InvalidRequestException {
    Customer customer = request.customer();
    text("customer.firstName", customer.firstName(), 300);
    text("customer.lastName", customer.lastName(), 300);
    text("customer.email", customer.email(), 250);
    text("customer.phone1", phone1(customer), 20);
    String currency = request.cart().currency().getCurrencyCode();
    if (!KiboMapper.CURRENCIES.contains(currency)) {
      throw new InvalidRequestException("currency " + currency + " is not accepted by Kibo (accepted: "
          + String.join(", ", KiboMapper.CURRENCIES.stream().sorted().toList()) + ")");
    }
    checkLocale(request);
    address("paymentMethod.billingAddress", customer.billingAddress());
    address("shippingAddress", customer.deliveryAddress());
    Set<String> shipFroms = KiboMapper.shipFroms(request.cart());
    if (shipFroms.size() > 1) {
      throw new InvalidRequestException("orderItems: the cart ships from " + shipFroms.size()
          + " suppliers (" + String.join(", ", shipFroms) + ") and would need one order each; Kibo ties one"
          + " authorization to one order and does not support split orders: check out each supplier's lines"
          + " separately");
    }
    try {
      KiboMapper.map(request.cart());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  /** The authorize body (seed 004 shape); {@code masked} for the preview. */
  static ObjectNode authorize(KiboSettings settings, String externalCartId, CheckoutRequest request,
      KiboMapper.Mapping mapping, boolean masked) {
    ObjectNode body = JsonHttp.object();
    body.put("externalCartID", externalCartId);
    body.put("manufacturerID", settings.manufacturerId());
    body.put("catalogID", settings.catalogId());
    body.put("currency", mapping.currency().getCurrencyCode());
    body.put("locale", locale(request));
    body.set("customer", customer(request.customer()));
    body.set("paymentMethod", paymentMethod(request, masked));
    body.put("amount", mapping.amount());
    body.put("testOrder", settings.testOrders());
    body.set("shippingAddress", shippingAddress(request.customer()));
    return body;
  }

  /**
   * The create-order body as Kibo documents it and the public create-order body sends it: the
   * payment in {@code orderPayments}, items as {@code product} plus {@code itemSpecifics}, {@code
   * shippingMethod} as an object, the shopper's {@code customerIP} and {@code isTestOrder}.
   */
  static ObjectNode createOrder(KiboSettings settings, CheckoutRequest request, KiboMapper.Mapping mapping,
      Authorized authorized) {
    ObjectNode body = JsonHttp.object();
    body.put("externalOrderID", request.orderReference());
    body.put("manufacturerID", settings.manufacturerId());
    body.put("catalogID", settings.catalogId());
    body.put("locale", locale(request));
    body.put("currency", mapping.currency().getCurrencyCode());
    body.put("customerIP", request.customerIp() == null ? "<the shopper's IP address>" : request.customerIp());
    body.set("customer", customer(request.customer()));
    ArrayNode items = body.putArray("orderItems");
    for (KiboMapper.OrderItem item : mapping.items()) {
      ObjectNode node = items.addObject();
      ObjectNode product = node.putObject("product");
      product.put("productID", item.productID());
      product.put("partNumber", item.partNumber());
      product.put("name", item.name());
      product.put("retailPrice", item.retailPrice());
      product.put("offerPrice", item.actualPrice());
      ObjectNode specifics = node.putObject("itemSpecifics");
      specifics.put("externalItemID", item.externalItemID());
      specifics.put("quantity", item.quantity());
      specifics.put("actualPrice", item.actualPrice());
      specifics.put("shipping", item.shipping());
      specifics.put("shippingTax", item.shippingTax());
      specifics.put("itemTaxOverride", item.itemTax());
    }
    body.put("forceItemTaxOverride", true);
    ArrayNode payments = body.putArray("orderPayments");
    ObjectNode payment = payments.addObject();
    payment.set("paymentMethod", orderPaymentMethod(request, authorized));
    payment.put("transactionID", authorized.transactionId());
    payment.put("authorizationID", authorized.authToken());
    payment.put("authAmount", authorized.amount());
    ObjectNode shipping = body.putObject("shippingMethod");
    shipping.put("shipType", settings.shipType());
    shipping.put("deliveryMethod", settings.deliveryMethod());
    body.set("shippingAddress", shippingAddress(request.customer()));
    body.put("allowSplit", false);
    body.put("isTestOrder", settings.testOrders());
    return body;
  }

  /** The paymentType code of a payment method. */
  static String paymentType(PaymentMethodDetails details) {
    if (details instanceof PaymentMethodDetails.Card) {
      return TYPE_CARD;
    } else if (details instanceof PaymentMethodDetails.PayPal) {
      return TYPE_PAYPAL;
    } else if (details instanceof PaymentMethodDetails.StoredToken) {
      return TYPE_STORED_TOKEN;
    }
    throw new IllegalArgumentException("no Kibo paymentType for " + details);
  }

  /** A card number with all but the last four digits replaced by {@code *}. */
  static String maskNumber(String number) {
    if (number == null || number.length() <= 4) {
      return MASK;
    }
    return "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
  }

  /** The IETF language-region tag: the request's locale, its region falling back to the billing country. */
  static String locale(CheckoutRequest request) {
    Locale locale = request.locale();
    String language = locale.getLanguage();
    String region = locale.getCountry().isEmpty() ? request.customer().billingAddress().country() : locale.getCountry();
    return language + "-" + region;
  }

  private static void checkLocale(CheckoutRequest request) throws InvalidRequestException {
    String tag = locale(request);
    if (!tag.matches("[a-z]{2,3}-[A-Z]{2}")) {
      throw new InvalidRequestException("locale " + request.locale().toLanguageTag()
          + " cannot be sent to Kibo: expected a language and region such as en-US");
    }
  }

  private static String phone1(Customer customer) {
    if (customer.phone() != null && !customer.phone().isBlank()) {
      return customer.phone();
    }
    return customer.billingAddress().phone();
  }

  private static void text(String field, String value, int max) throws InvalidRequestException {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field + " is required");
    }
    if (value.trim().length() > max) {
      throw new InvalidRequestException(field + " is too long: at most " + max + " characters");
    }
  }

  private static void address(String field, Address address) throws InvalidRequestException {
    if (address.line1() == null || address.line1().isBlank()) {
      throw new InvalidRequestException(field + ".addressLine1 is required");
    }
    if (address.city() == null || address.city().isBlank()) {
      throw new InvalidRequestException(field + ".city is required");
    }
  }

  private static void paymentMethod(KiboSettings settings, PaymentMethodDetails details, Clock clock)
      throws InvalidRequestException {
    if (details == null) {
      throw new InvalidRequestException("paymentMethod is required: Kibo authorises server to server with"
          + " card or stored-token details collected by the storefront");
    }
    if (details instanceof PaymentMethodDetails.GiftCard) {
      throw new InvalidRequestException("paymentMethod: gift cards are not offered through Kibo here (no source"
          + " names their paymentType or fields); pay by card");
    }
    if (details instanceof PaymentMethodDetails.PayPal && !settings.payPal()) {
      throw new InvalidRequestException("paymentMethod: PayPal through Kibo is off (" + KiboSettings.PREFIX
          + "paypal-enabled): Kibo does not publish its paymentType code; pay by card");
    }
    if (details instanceof PaymentMethodDetails.Card card) {
      if (!CardIssuer.luhn(card.number())) {
        throw new InvalidRequestException("paymentMethod.cardNumber is not a valid card number (check digit)");
      }
      if (CardIssuer.of(card.number()).isEmpty()) {
        throw new InvalidRequestException("paymentMethod.cardIssuer: the card brand is not accepted (accepted:"
            + " Visa, Mastercard, American Express, Discover, JCB, Diners Club)");
      }
      YearMonth expiry = YearMonth.of(Integer.parseInt(card.expiryYear()), Integer.parseInt(card.expiryMonth()));
      if (expiry.isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
        throw new InvalidRequestException("paymentMethod.cardExpiration: the card expired at the end of "
            + card.expiryMonth() + "-" + card.expiryYear());
      }
    } else if (details instanceof PaymentMethodDetails.PayPal payPal) {
      text("paymentMethod.payPalToken", payPal.token(), 255);
      text("paymentMethod.payPalPayerID", payPal.payerId(), 255);
    } else if (details instanceof PaymentMethodDetails.StoredToken token) {
      text("paymentMethod.paymentMethodToken", token.token(), 255);
    }
  }

  private static ObjectNode customer(Customer customer) {
    ObjectNode node = JsonHttp.object();
    node.put("firstName", customer.firstName().trim());
    node.put("lastName", customer.lastName().trim());
    node.put("email", customer.email().trim());
    node.put("phone1", phone1(customer).trim());
    if (customer.customerId() != null && !customer.customerId().isBlank()) {
      node.put("customerID", customer.customerId());
    }
    return node;
  }

  /**
   * What the authorize body and the order's payment share: the billing address and the payment
   * type (a placeholder in a preview without payment details; start refuses such a request).
   */
  private static ObjectNode paymentMethodHead(CheckoutRequest request) {
    Customer customer = request.customer();
    ObjectNode node = JsonHttp.object();
    node.set("billingAddress", address(customer.billingAddress(), customer.firstName(), customer.lastName(),
        phone1(customer), customer));
    PaymentMethodDetails details = request.paymentMethod();
    node.put("paymentType", details == null ? PAYMENT_TYPE_PLACEHOLDER : paymentType(details));
    return node;
  }

  private static ObjectNode paymentMethod(CheckoutRequest request, boolean masked) {
    PaymentMethodDetails details = request.paymentMethod();
    ObjectNode node = paymentMethodHead(request);
    if (details instanceof PaymentMethodDetails.Card card) {
      node.put("cardIssuer", CardIssuer.of(card.number()).map(Enum::name).orElse(null));
      node.put("cardNumber", masked ? maskNumber(card.number()) : card.number());
      node.put("cardExpiration", card.expiryMonth() + "-" + card.expiryYear());
      if (card.securityCode() != null) {
        node.put("cardSecurityCode", masked ? MASK : card.securityCode());
      }
    } else if (details instanceof PaymentMethodDetails.PayPal payPal) {
      node.put("payPalToken", masked ? MASK : payPal.token());
      node.put("payPalPayerID", payPal.payerId());
    } else if (details instanceof PaymentMethodDetails.StoredToken token) {
      node.put("paymentMethodToken", masked ? MASK : token.token());
    }
    return node;
  }

  /**
   * {@code orderPayments[0].paymentMethod}: the authorised method without its secrets. The card
   * number and security code went to authorize and are not sent again: the authorize answer's
   * payment method token stands for them (seed 004: the answer carries a "Payment Method Token"),
   * with {@code cardIssuer}, {@code ccLastFour} and {@code cardExpiration} for Kibo's order view.
   */
  private static ObjectNode orderPaymentMethod(CheckoutRequest request, Authorized authorized) {
    PaymentMethodDetails details = request.paymentMethod();
    ObjectNode node = paymentMethodHead(request);
    if (details == null) {
      return node;
    }
    if (details instanceof PaymentMethodDetails.Card card) {
      node.put("cardIssuer", CardIssuer.of(card.number()).map(Enum::name).orElse(null));
      node.put("ccLastFour", card.lastFour());
      node.put("cardExpiration", card.expiryMonth() + "-" + card.expiryYear());
    } else if (details instanceof PaymentMethodDetails.PayPal payPal) {
      node.put("payPalPayerID", payPal.payerId());
    }
    String token = authorized.paymentMethodToken();
    if (token == null && details instanceof PaymentMethodDetails.StoredToken stored) {
      token = stored.token();
    }
    if (token != null) {
      node.put("paymentMethodToken", token);
    }
    return node;
  }

  private static ObjectNode shippingAddress(Customer customer) {
    Address address = customer.deliveryAddress();
    String first = customer.firstName().trim();
    String last = customer.lastName().trim();
    String name = address.name() == null ? "" : address.name().trim();
    int space = name.lastIndexOf(' ');
    if (space > 0) {
      first = name.substring(0, space).trim();
      last = name.substring(space + 1);
    }
    return address(address, first, last, address.phone() != null ? address.phone() : phone1(customer), customer);
  }

  private static ObjectNode address(Address address, String firstName, String lastName, String phone,
      Customer customer) {
    ObjectNode node = JsonHttp.object();
    node.put("firstName", firstName.trim());
    node.put("lastName", lastName.trim());
    node.put("addressLine1", address.line1());
    if (address.line2() != null && !address.line2().isBlank()) {
      node.put("addressLine2", address.line2());
    }
    if (phone != null && !phone.isBlank()) {
      node.put("phone", phone.trim());
    }
    node.put("city", address.city());
    if (address.region() != null && !address.region().isBlank()) {
      node.put("state", address.region());
    }
    if (address.postcode() != null && !address.postcode().isBlank()) {
      node.put("postalCode", address.postcode());
    }
    node.put("countryCode", address.country());
    if (customer.company() != null) {
      node.put("company", customer.company().name());
    }
    return node;
  }
}
