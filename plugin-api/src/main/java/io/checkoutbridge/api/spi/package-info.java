/**
 * The provider SPI, for authors of a payment provider only; storefronts never need it.
 *
 * <p>A provider implements {@link io.checkoutbridge.api.spi.PaymentProvider} and is deployed as a
 * CDI bean; there is no {@link java.util.ServiceLoader} entry for it. (The built-in providers are
 * created by the implementation through its own factory interface, which is not part of this API.)
 * The engine calls the provider with {@link io.checkoutbridge.api.spi.StartContext},
 * {@link io.checkoutbridge.api.spi.ProviderPayment} and
 * {@link io.checkoutbridge.api.spi.ProviderOperation}, and applies what the provider reports as a
 * {@link io.checkoutbridge.api.spi.ProviderState} or {@link io.checkoutbridge.api.spi.OperationResult}.
 *
 * <p>This package may gain methods with default implementations in a minor release; anything else
 * that would break an existing provider waits for a major release (see the changelog).
 */
package io.checkoutbridge.api.spi;
