package io.checkoutbridge.provider.hokodo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.LineAmount;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.spi.ProviderOperation;
import io.checkoutbridge.provider.support.JsonHttp;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * The JSON bodies Hokodo receives, built without I/O so that {@code start} and the dry-run preview
 * send and show the same thing.
 */
final class HokodoRequests {
  private HokodoRequests() {}

  /** {@code POST companies/search} by registration number. */
  static ObjectNode companySearchByNumber(String country, String registrationNumber) {
    ObjectNode body = JsonHttp.object();
    body.put("country", country);
    body.put("reg_number", registrationNumber);
    return body;
  }

  /** {@code POST companies/search} by name. */
  static ObjectNode companySearchByName(String country, String name) {
    ObjectNode body = JsonHttp.object();
    body.put("country", country);
    body.put("name", name);
    return body;
  }

  /** {@code POST organisations}: the buyer's business, created once per company. */
  static ObjectNode organisation(String companyId, String uniqueId, Instant registered) {
    ObjectNode body = JsonHttp.object();
    body.put("unique_id", uniqueId);
    body.put("registered", registered.truncatedTo(ChronoUnit.SECONDS).toString());
    body.put("company", companyId);
    return body;
  }

  /** {@code POST users}: the person buying, a member of the organisation, created once. */
  static ObjectNode user(Customer customer, String organisationId, Instant registered) {
    ObjectNode body = JsonHttp.object();
    String name = customer.fullName();
    body.put("name", name.isEmpty() ? customer.email() : name);
    body.put("email", customer.email());
    if (customer.phone() != null && !customer.phone().isBlank()) {
      body.put("phone", customer.phone());
    }
    body.put("registered", registered.truncatedTo(ChronoUnit.SECONDS).toString());
    ObjectNode membership = body.putArray("organisations").addObject();
    membership.put("id", organisationId);
    membership.put("role", "member");
    return body;
  }

  /** {@code POST payment/orders}: a draft order with the mapped items. */
  static ObjectNode order(CheckoutRequest request, HokodoMapper.Mapping mapping, String organisationId,
      String userId, String paymentId, LocalDate orderDate) {
    Customer customer = request.customer();
    String companyName = customer.company() == null ? null : customer.company().name();
    ObjectNode body = JsonHttp.object();
    body.put("unique_id", request.orderReference());
    ObjectNode buyer = body.putObject("customer");
    buyer.put("type", "registered");
    buyer.put("organisation", organisationId);
    buyer.put("user", userId);
    buyer.set("delivery_address", address(customer.deliveryAddress(), companyName));
    buyer.set("invoice_address", address(customer.billingAddress(), companyName));
    body.put("status", "draft");
    body.put("currency", request.cart().currency().getCurrencyCode());
    body.set("total_amount", HokodoMapper.number(mapping.totalAmount()));
    body.set("tax_amount", HokodoMapper.number(mapping.taxAmount()));
    body.put("order_date", orderDate.toString());
    body.set("items", HokodoMapper.itemsJson(mapping));
    ObjectNode metadata = body.putObject("metadata");
    metadata.put("payment_id", paymentId);
    metadata.put("order_reference", request.orderReference());
    return body;
  }

  /** {@code POST payment/offers}: asks for the payment plans of an order. */
  static ObjectNode offer(String orderId, URI returnUrl, URI callbackUrl, URI merchantTermsUrl, Locale locale,
      String paymentId) {
    ObjectNode body = JsonHttp.object();
    body.put("order", orderId);
    ObjectNode urls = body.putObject("urls");
    urls.put("success", withOutcome(returnUrl, "success"));
    urls.put("failure", withOutcome(returnUrl, "failure"));
    urls.put("cancel", withOutcome(returnUrl, "cancel"));
    urls.put("notification", callbackUrl.toString());
    if (merchantTermsUrl != null) {
      urls.put("merchant_terms", merchantTermsUrl.toString());
    }
    body.put("locale", locale(locale));
    body.putObject("metadata").put("payment_id", paymentId);
    return body;
  }

  /** Body of a post-sale action; {@code amount} is left out for {@code void_remaining}. */
  static ObjectNode postSale(ProviderOperation operation, String paymentId, boolean withAmount) {
    ObjectNode body = JsonHttp.object();
    if (withAmount) {
      body.put("amount", operation.amount().toMinor());
    }
    ObjectNode metadata = body.putObject("metadata");
    metadata.put("payment_id", paymentId);
    if (operation.reason() != null) {
      metadata.put("reason", operation.reason());
    }
    if (!operation.lines().isEmpty()) {
      ObjectNode lines = metadata.putObject("lines");
      for (LineAmount line : operation.lines()) {
        lines.put(line.lineId(), line.amount().amount().toPlainString());
      }
    }
    return body;
  }

  /** {@code PATCH payment/orders/{id}} with the shop's order number. */
  static ObjectNode uniqueId(String uniqueId) {
    ObjectNode body = JsonHttp.object();
    body.put("unique_id", uniqueId);
    return body;
  }

  static ObjectNode address(Address address, String companyName) {
    ObjectNode json = JsonHttp.object();
    put(json, "name", address.name());
    put(json, "company_name", companyName);
    put(json, "address_line1", address.line1());
    put(json, "address_line2", address.line2());
    put(json, "city", address.city());
    put(json, "region", address.region());
    put(json, "postcode", address.postcode());
    json.put("country", address.country());
    put(json, "phone", address.phone());
    return json;
  }

  /** Our sealed return URL with {@code outcome} appended; its {@code pid} and {@code seal} stay. */
  static String withOutcome(URI url, String outcome) {
    String text = url.toString();
    String fragment = "";
    int hash = text.indexOf('#');
    if (hash >= 0) {
      fragment = text.substring(hash);
      text = text.substring(0, hash);
    }
    return text + (url.getRawQuery() == null ? "?" : "&") + "outcome=" + outcome + fragment;
  }

  /** {@code en-gb}, the form of Hokodo's guide. */
  static String locale(Locale locale) {
    String language = locale.getLanguage().isEmpty() ? "en" : locale.getLanguage();
    String country = locale.getCountry();
    return (country.isEmpty() ? language : language + "-" + country).toLowerCase(Locale.ROOT);
  }

  static String description(ProviderOperation operation, Money amount) {
    String what = switch (operation.kind()) {
      case CAPTURE -> "Invoice";
      case REFUND -> "Credit note";
      case VOID -> "Void";
    };
    String reason = operation.reason() == null || operation.reason().isBlank() ? "" : ": " + operation.reason();
    return what + " for " + amount + reason;
  }

  private static void put(ObjectNode json, String field, String value) {
    if (value != null && !value.isBlank()) {
      json.put(field, value);
    }
  }
}
