package io.checkoutbridge.api;

import java.time.Instant;
import java.util.Objects;

/**
 * The shopper.
 *
 * @param customerId the storefront's stable id for the shopper (used to remember provider-side
 *     records such as Hokodo's user), or {@code null} for a guest
 * @param firstName given name
 * @param lastName family name
 * @param email email address
 * @param phone phone number, or {@code null}
 * @param company the business bought for, or {@code null} for a consumer
 * @param billingAddress invoice address
 * @param shippingAddress delivery address, or {@code null} when it equals the billing address
 * @param registeredAt when the shopper registered with the storefront, or {@code null}
 */
public record Customer(
    String customerId,
    String firstName,
    String lastName,
    String email,
    String phone,
    Company company,
    Address billingAddress,
    Address shippingAddress,
    Instant registeredAt) {

  /**
   * Checks and normalises the components.
   *
   * @param customerId the storefront's stable id for the shopper (used to remember provider-side records such as Hokodo's user), or {@code null} for a guest
   * @param firstName given name
   * @param lastName family name
   * @param email email address
   * @param phone phone number, or {@code null}
   * @param company the business bought for, or {@code null} for a consumer
   * @param billingAddress invoice address
   * @param shippingAddress delivery address, or {@code null} when it equals the billing address
   * @param registeredAt when the shopper registered with the storefront, or {@code null}
   */
  public Customer {
    Objects.requireNonNull(billingAddress, "billingAddress");
    if (email == null || !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("customer email is not an email address");
    }
  }

  /**
   * First and last name, as far as known.
   *
   * @return the name, possibly empty
   */
  public String fullName() {
    return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
  }

  /**
   * The delivery address, falling back to the billing address.
   *
   * @return the shipping address, else the billing address
   */
  public Address deliveryAddress() {
    return shippingAddress != null ? shippingAddress : billingAddress;
  }
}
