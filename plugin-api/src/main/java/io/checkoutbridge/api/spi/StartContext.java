package io.checkoutbridge.api.spi;

import io.checkoutbridge.api.CheckoutRequest;
import java.net.URI;

/**
 * What a provider gets to start a payment.
 *
 * @param paymentId the plugin's id for this attempt; adapters send it as their idempotency key or
 *     external reference where the provider accepts one
 * @param request the order, cart and customer
 * @param returnUrl where the provider sends the shopper back (already sealed by the plugin)
 * @param callbackUrl where the provider sends server-to-server notifications (already sealed)
 * @param memory durable provider records
 */
public record StartContext(
    String paymentId, CheckoutRequest request, URI returnUrl, URI callbackUrl, ProviderMemory memory) {}
