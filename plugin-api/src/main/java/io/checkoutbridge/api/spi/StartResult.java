package io.checkoutbridge.api.spi;

import io.checkoutbridge.api.NextStep;
import java.util.Map;
import java.util.Objects;

/**
 * A provider's answer to {@link PaymentProvider#start}.
 *
 * @param next the shopper's next step
 * @param merchantReference the reference the provider will report back in its state (for the
 *     match check before any state is applied)
 * @param refs provider ids to remember for this payment (order id, session id, ...)
 * @param state the provider's decision when it decided at once (server-side authorization), else
 *     {@code null}
 */
public record StartResult(NextStep next, String merchantReference, Map<String, String> refs, ProviderState state) {

  /**
   * Checks and normalises the components.
   *
   * @param next the shopper's next step
   * @param merchantReference the reference the provider will report back in its state (for the match check before any state is applied)
   * @param refs provider ids to remember for this payment (order id, session id, ...)
   * @param state the provider's decision when it decided at once (server-side authorization), else {@code null}
   */
  public StartResult {
    Objects.requireNonNull(next, "next");
    Objects.requireNonNull(merchantReference, "merchantReference");
    refs = Map.copyOf(refs);
  }
}
