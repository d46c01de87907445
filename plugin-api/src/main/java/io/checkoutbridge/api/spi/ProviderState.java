package io.checkoutbridge.api.spi;

import io.checkoutbridge.api.AuthorizationState;
import io.checkoutbridge.api.Money;
import java.util.Map;
import java.util.Objects;

/**
 * The provider's truth about a payment, fetched from the provider (never read from a callback
 * body). The engine applies it only if reference, amount and currency match the payment, and only
 * forward.
 *
 * @param authorization the provider's decision
 * @param providerStatus the provider's own status word, for the history ({@code AUTHORIZED},
 *     {@code accepted}, ...)
 * @param merchantReference the reference the provider holds for the payment
 * @param amount the amount the provider holds for the payment
 * @param captured captured so far according to the provider
 * @param refunded refunded so far according to the provider
 * @param voided released so far according to the provider
 * @param providerPaymentId the provider's main id for the payment, or {@code null}
 * @param providerRequestId the id of the request that fetched this state, or {@code null}
 * @param refs provider ids learned on the way, to remember
 * @param refusedOperations provider references ({@link OperationResult#providerReference()}) of
 *     operations the provider accepted and then refused (a refund declined at approval), so the
 *     engine releases what they reserved
 */
public record ProviderState(
    AuthorizationState authorization,
    String providerStatus,
    String merchantReference,
    Money amount,
    Money captured,
    Money refunded,
    Money voided,
    String providerPaymentId,
    String providerRequestId,
    Map<String, String> refs,
    java.util.Set<String> refusedOperations) {

  public ProviderState {
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(captured, "captured");
    Objects.requireNonNull(refunded, "refunded");
    Objects.requireNonNull(voided, "voided");
    refs = Map.copyOf(refs);
    refusedOperations = java.util.Set.copyOf(refusedOperations);
  }

  /** A state with no refused operations. */
  public ProviderState(AuthorizationState authorization, String providerStatus, String merchantReference,
      Money amount, Money captured, Money refunded, Money voided, String providerPaymentId,
      String providerRequestId, Map<String, String> refs) {
    this(authorization, providerStatus, merchantReference, amount, captured, refunded, voided, providerPaymentId,
        providerRequestId, refs, java.util.Set.of());
  }
}
