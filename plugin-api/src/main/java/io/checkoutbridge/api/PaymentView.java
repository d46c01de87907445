package io.checkoutbridge.api;

import java.time.Instant;
import java.util.List;

/**
 * A read-only snapshot of one payment: its ledger, lines and history.
 *
 * @param paymentId the plugin's id for the payment (a UUID)
 * @param providerId which provider takes it
 * @param orderReference the storefront's order reference
 * @param status derived from {@code ledger}
 * @param ledger the money
 * @param total the amount the shopper was asked for
 * @param customerName the shopper's name as given at checkout
 * @param customerEmail the shopper's email as given at checkout
 * @param providerPaymentId the provider's main id for it (transaction, deferred payment), or
 *     {@code null} before the provider has one
 * @param lines the cart lines with captured and refunded parts
 * @param events the history, oldest first
 * @param createdAt when the payment was started
 * @param updatedAt when the payment last changed
 * @param version increases with every change
 */
public record PaymentView(
    String paymentId,
    String providerId,
    String orderReference,
    PaymentStatus status,
    Ledger ledger,
    Money total,
    String customerName,
    String customerEmail,
    String providerPaymentId,
    List<LineView> lines,
    List<PaymentEventView> events,
    Instant createdAt,
    Instant updatedAt,
    long version) {

  /**
   * Checks and normalises the components.
   *
   * @param paymentId the plugin's id for the payment (a UUID)
   * @param providerId which provider takes it
   * @param orderReference the storefront's order reference
   * @param status derived from {@code ledger}
   * @param ledger the money
   * @param total the amount the shopper was asked for
   * @param customerName the shopper's name as given at checkout
   * @param customerEmail the shopper's email as given at checkout
   * @param providerPaymentId the provider's main id for it (transaction, deferred payment), or {@code null} before the provider has one
   * @param lines the cart lines with captured and refunded parts
   * @param events the history, oldest first
   * @param createdAt when the payment was started
   * @param updatedAt when the payment last changed
   * @param version increases with every change
   */
  public PaymentView {
    lines = List.copyOf(lines);
    events = List.copyOf(events);
  }
}
