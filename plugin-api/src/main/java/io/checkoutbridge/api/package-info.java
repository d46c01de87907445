/**
 * The storefront's API: what a shop codes against to take payments.
 *
 * <p>Start with {@link io.checkoutbridge.api.Payments} (inject it): build a
 * {@link io.checkoutbridge.api.CheckoutRequest} from {@link io.checkoutbridge.api.Cart},
 * {@link io.checkoutbridge.api.CartLine} and {@link io.checkoutbridge.api.Customer}, start it, and
 * follow the returned {@link io.checkoutbridge.api.NextStep}. Status changes arrive as CDI events
 * ({@link io.checkoutbridge.api.PaymentStatusChanged}) or through a
 * {@link io.checkoutbridge.api.PaymentListener}. Errors are the subclasses of
 * {@link io.checkoutbridge.api.error.PaymentException}.
 *
 * <p>A storefront needs nothing from {@code io.checkoutbridge.api.spi}: that package is for people
 * who write a payment provider.
 *
 * <p>Discovery. The only {@link java.util.ServiceLoader} interface a storefront may implement is
 * {@link io.checkoutbridge.api.PaymentListener}
 * ({@code META-INF/services/io.checkoutbridge.api.PaymentListener}); it is also found as a CDI
 * bean. Every type here is immutable and thread-safe unless its documentation says otherwise.
 */
package io.checkoutbridge.api;
