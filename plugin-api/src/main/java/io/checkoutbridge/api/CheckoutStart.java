package io.checkoutbridge.api;


/**
 * The storefront's next move after starting a checkout.
 *
 * @param paymentId the payment created for this attempt
 * @param next redirect the shopper, show an embedded element, or show the outcome
 */
public record CheckoutStart(String paymentId, NextStep next) {}
