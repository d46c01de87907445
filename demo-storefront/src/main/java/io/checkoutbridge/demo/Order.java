package io.checkoutbridge.demo;

import io.checkoutbridge.api.Address;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentStatusChanged;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An order as the shop keeps it: what was bought, for whom, and what the shop has learnt about its
 * payment from the plugin's status events. The payment's own truth stays in the plugin's ledger.
 */
public final class Order {
  /** What the shop does with the order next. */
  public enum State {
    AWAITING_PAYMENT("Awaiting payment"),
    PAID("Paid, ready to ship"),
    PAYMENT_FAILED("Payment not completed"),
    CANCELLED("Cancelled"),
    REFUNDED("Refunded");

    private final String label;

    State(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  private final String reference;
  private final PricedCart cart;
  private final String customerName;
  private final String customerEmail;
  private final Address deliveryAddress;
  private final Instant createdAt;
  private final Map<String, PaymentStatus> attempts = new LinkedHashMap<>();
  private String providerId;
  private Instant updatedAt;

  Order(String reference, PricedCart cart, String customerName, String customerEmail, Address deliveryAddress,
      Instant createdAt) {
    this.reference = Objects.requireNonNull(reference, "reference");
    this.cart = Objects.requireNonNull(cart, "cart");
    this.customerName = customerName;
    this.customerEmail = customerEmail;
    this.deliveryAddress = deliveryAddress;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  public String reference() {
    return reference;
  }

  public PricedCart cart() {
    return cart;
  }

  public String customerName() {
    return customerName;
  }

  public String customerEmail() {
    return customerEmail;
  }

  public Address deliveryAddress() {
    return deliveryAddress;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public synchronized Instant updatedAt() {
    return updatedAt;
  }

  public synchronized String providerId() {
    return providerId;
  }

  synchronized void attempt(String paymentId, String provider, Instant at) {
    attempts.putIfAbsent(paymentId, PaymentStatus.STARTED);
    providerId = provider;
    updatedAt = at;
  }

  /**
   * Records a status change of one of the order's payments. Events may come more than once and out
   * of order across attempts; the state is derived from every attempt's latest status, so a late
   * decline of one attempt never undoes another attempt's payment.
   */
  synchronized void apply(PaymentStatusChanged change) {
    attempts.put(change.paymentId(), change.current());
    updatedAt = change.occurredAt();
  }

  public synchronized State state() {
    boolean anyPaid = false;
    boolean allPaidRefunded = true;
    boolean anyVoided = false;
    PaymentStatus newest = null;
    for (PaymentStatus status : attempts.values()) {
      newest = status;
      if (status.paid()) {
        anyPaid = true;
        allPaidRefunded &= status == PaymentStatus.REFUNDED;
      }
      anyVoided |= status == PaymentStatus.VOIDED;
    }
    if (anyPaid) {
      return allPaidRefunded ? State.REFUNDED : State.PAID;
    }
    if (anyVoided) {
      return State.CANCELLED;
    }
    if (newest == PaymentStatus.DECLINED || newest == PaymentStatus.FAILED) {
      return State.PAYMENT_FAILED;
    }
    return State.AWAITING_PAYMENT;
  }
}
