/**
 * A small real shop that takes payments through Checkout Bridge's API ({@code io.checkoutbridge.api})
 * only: a catalog, a cart with a discount code and shipping, a checkout offering every enabled
 * provider, and an order page that follows the payment's status.
 *
 * <p>Pages are rendered on the server as plain HTML (every value escaped by {@link
 * io.checkoutbridge.demo.Html}); forms carry a per-session token against cross-site requests; card
 * details collected for server-side providers go straight into the payment request and are never
 * stored, logged or shown again. Orders live in memory ({@link io.checkoutbridge.demo.Orders}) and
 * follow the plugin's status events.
 */
package io.checkoutbridge.demo;
