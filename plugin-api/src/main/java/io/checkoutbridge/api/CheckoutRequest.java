package io.checkoutbridge.api;

import java.util.Locale;
import java.util.Objects;

/**
 * Everything a provider needs to start taking a payment for one order.
 *
 * @param orderReference the storefront's order reference; several attempts may share one
 * @param cart the lines to pay for
 * @param customer the shopper
 * @param locale the shopper's language, for hosted pages
 * @param captureLater {@code true} to authorize now and capture later (on shipment); {@code false}
 *     asks the provider to capture at once where it can
 * @param paymentMethod details collected by the storefront for server-side providers, or
 *     {@code null}
 * @param bookingId the storefront's booking id (Felloh's travel bookings), or {@code null}
 * @param customerIp the shopper's public IP address as the storefront saw it (see {@link
 *     ClientAddress}), or {@code null}; providers that screen orders for fraud (Kibo's
 *     {@code customerIP}) need it
 */
public record CheckoutRequest(
    String orderReference,
    Cart cart,
    Customer customer,
    Locale locale,
    boolean captureLater,
    PaymentMethodDetails paymentMethod,
    String bookingId,
    String customerIp) {

  /**
   * Checks the order reference (1 to 64 of {@code A-Z a-z 0-9 . _ : -}) and the IP address.
   *
   * @param orderReference the storefront's order reference; several attempts may share one
   * @param cart the lines to pay for
   * @param customer the shopper
   * @param locale the shopper's language, for hosted pages
   * @param captureLater {@code true} to authorize now and capture later (on shipment); {@code false} asks the provider to capture at once where it can
   * @param paymentMethod details collected by the storefront for server-side providers, or {@code null}
   * @param bookingId the storefront's booking id (Felloh's travel bookings), or {@code null}
   * @param customerIp the shopper's public IP address as the storefront saw it (see {@link ClientAddress}), or {@code null}; providers that screen orders for fraud (Kibo's {@code customerIP}) need it
   */
  public CheckoutRequest {
    Objects.requireNonNull(cart, "cart");
    Objects.requireNonNull(customer, "customer");
    locale = locale == null ? Locale.UK : locale;
    if (orderReference == null || !orderReference.matches("[A-Za-z0-9._:-]{1,64}")) {
      throw new IllegalArgumentException(
          "order reference must be 1 to 64 letters, digits or . _ : -");
    }
    if (customerIp != null && !ClientAddress.isIpLiteral(customerIp)) {
      throw new IllegalArgumentException("customer IP must be an IPv4 or IPv6 address");
    }
  }

  /**
   * A request without the shopper's IP address.
   *
   * @param orderReference the storefront's order reference
   * @param cart the lines to pay for
   * @param customer the shopper
   * @param locale the shopper's language, or {@code null} for {@link Locale#UK}
   * @param captureLater {@code true} to authorize now and capture later
   * @param paymentMethod details for server-side providers, or {@code null}
   * @param bookingId the storefront's booking id, or {@code null}
   */
  public CheckoutRequest(String orderReference, Cart cart, Customer customer, Locale locale, boolean captureLater,
      PaymentMethodDetails paymentMethod, String bookingId) {
    this(orderReference, cart, customer, locale, captureLater, paymentMethod, bookingId, null);
  }

  /**
   * A request in {@link Locale#UK} that captures later, without payment details or booking id.
   *
   * @param orderReference the storefront's order reference
   * @param cart the lines to pay for
   * @param customer the shopper
   * @return the request
   */
  public static CheckoutRequest of(String orderReference, Cart cart, Customer customer) {
    return new CheckoutRequest(orderReference, cart, customer, Locale.UK, true, null, null);
  }

  /**
   * The same request carrying payment details for a server-side provider.
   *
   * @param details the details the storefront collected, or {@code null}
   * @return a copy of this request
   */
  public CheckoutRequest withPaymentMethod(PaymentMethodDetails details) {
    return new CheckoutRequest(orderReference, cart, customer, locale, captureLater, details, bookingId, customerIp);
  }

  /**
   * The same request with another capture choice.
   *
   * @param later {@code true} to authorize now and capture later
   * @return a copy of this request
   */
  public CheckoutRequest withCaptureLater(boolean later) {
    return new CheckoutRequest(orderReference, cart, customer, locale, later, paymentMethod, bookingId, customerIp);
  }

  /**
   * The same request carrying a booking id.
   *
   * @param id the storefront's booking id, or {@code null}
   * @return a copy of this request
   */
  public CheckoutRequest withBookingId(String id) {
    return new CheckoutRequest(orderReference, cart, customer, locale, captureLater, paymentMethod, id, customerIp);
  }

  /**
   * The same request carrying the shopper's IP address.
   *
   * @param ip an IPv4 or IPv6 literal, or {@code null} for none
   * @return a copy of this request
   */
  public CheckoutRequest withCustomerIp(String ip) {
    return new CheckoutRequest(orderReference, cart, customer, locale, captureLater, paymentMethod, bookingId, ip);
  }
}
