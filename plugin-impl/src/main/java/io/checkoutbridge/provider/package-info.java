/**
 * The provider adapters, one package each ({@code dintero}, {@code hokodo}, {@code felloh},
 * {@code kibo}), and {@code support}: the HTTP, JSON, token and scrubbing pieces they share.
 *
 * <p>Each adapter package has the same shape: {@code *Settings} (its configuration keys), a pure
 * {@code *Mapper} from the cart to the provider's items (no I/O; used by the dry-run preview), a
 * package-private {@code *Client} for the HTTP calls, the public {@code *Provider} implementing
 * {@link io.checkoutbridge.api.spi.PaymentProvider}, and a {@code *ProviderFactory}.
 */
package io.checkoutbridge.provider;
