package io.checkoutbridge.api;

import java.time.Instant;

/**
 * Sent to the storefront after a change of a payment's status has been committed. Delivered as a
 * CDI event and to every {@link PaymentListener}. Delivery is at least once per change: listeners
 * compare {@link #current()} with what they already recorded.
 *
 * @param paymentId the payment
 * @param providerId its provider
 * @param orderReference the storefront's order
 * @param previous the status before
 * @param current the status now
 * @param ledger the money now
 * @param occurredAt when the change was committed
 */
public record PaymentStatusChanged(
    String paymentId,
    String providerId,
    String orderReference,
    PaymentStatus previous,
    PaymentStatus current,
    Ledger ledger,
    Instant occurredAt) {}
