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

  /**
   * Checks and normalises the components.
   *
   * @param authorization the provider's decision
   * @param providerStatus the provider's own status word, for the history ({@code AUTHORIZED}, {@code accepted}, ...)
   * @param merchantReference the reference the provider holds for the payment
   * @param amount the amount the provider holds for the payment
   * @param captured captured so far according to the provider
   * @param refunded refunded so far according to the provider
   * @param voided released so far according to the provider
   * @param providerPaymentId the provider's main id for the payment, or {@code null}
   * @param providerRequestId the id of the request that fetched this state, or {@code null}
   * @param refs provider ids learned on the way, to remember
   * @param refusedOperations provider references ({@link OperationResult#providerReference()}) of operations the provider accepted and then refused (a refund declined at approval), so the engine releases what they reserved
   */
  public ProviderState {
    Objects.requireNonNull(authorization, "authorization");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(captured, "captured");
    Objects.requireNonNull(refunded, "refunded");
    Objects.requireNonNull(voided, "voided");
    refs = Map.copyOf(refs);
    refusedOperations = java.util.Set.copyOf(refusedOperations);
  }

  /**
   * A state with no refused operations. Four amounts of one type follow each other here; adapters
   * use {@link #builder(AuthorizationState, Money)}, which names each of them.
   *
   * @param authorization the provider's decision
   * @param providerStatus the provider's own status word
   * @param merchantReference the reference the provider holds for the payment
   * @param amount the amount the provider holds for the payment
   * @param captured captured so far according to the provider
   * @param refunded refunded so far according to the provider
   * @param voided released so far according to the provider
   * @param providerPaymentId the provider's main id for the payment, or {@code null}
   * @param providerRequestId the id of the request that fetched this state, or {@code null}
   * @param refs provider ids learned on the way, to remember
   */
  public ProviderState(AuthorizationState authorization, String providerStatus, String merchantReference,
      Money amount, Money captured, Money refunded, Money voided, String providerPaymentId,
      String providerRequestId, Map<String, String> refs) {
    this(authorization, providerStatus, merchantReference, amount, captured, refunded, voided, providerPaymentId,
        providerRequestId, refs, java.util.Set.of());
  }

  /**
   * Starts a state whose amounts are each set by name, so a captured amount cannot land where the
   * refunded one belongs. Captured, refunded and voided start at zero in the amount's currency.
   *
   * @param authorization the provider's decision
   * @param amount the amount the provider holds for the payment
   * @return a builder
   */
  public static Builder builder(AuthorizationState authorization, Money amount) {
    return new Builder(authorization, amount);
  }

  /** Builds a {@link ProviderState} with every amount named. Not thread-safe; use it once. */
  public static final class Builder {
    private final AuthorizationState authorization;
    private final Money amount;
    private Money captured;
    private Money refunded;
    private Money voided;
    private String providerStatus;
    private String merchantReference;
    private String providerPaymentId;
    private String providerRequestId;
    private Map<String, String> refs = Map.of();
    private java.util.Set<String> refusedOperations = java.util.Set.of();

    private Builder(AuthorizationState authorization, Money amount) {
      this.authorization = Objects.requireNonNull(authorization, "authorization");
      this.amount = Objects.requireNonNull(amount, "amount");
      Money zero = Money.zero(amount.currency());
      this.captured = zero;
      this.refunded = zero;
      this.voided = zero;
    }

    /**
     * Sets the captured amount.
     *
     * @param value captured so far according to the provider
     * @return this builder
     */
    public Builder captured(Money value) {
      this.captured = Objects.requireNonNull(value, "captured");
      return this;
    }

    /**
     * Sets the refunded amount.
     *
     * @param value refunded so far according to the provider
     * @return this builder
     */
    public Builder refunded(Money value) {
      this.refunded = Objects.requireNonNull(value, "refunded");
      return this;
    }

    /**
     * Sets the voided amount.
     *
     * @param value released so far according to the provider
     * @return this builder
     */
    public Builder voided(Money value) {
      this.voided = Objects.requireNonNull(value, "voided");
      return this;
    }

    /**
     * Sets the provider's own status word.
     *
     * @param value such as {@code AUTHORIZED} or {@code accepted}
     * @return this builder
     */
    public Builder providerStatus(String value) {
      this.providerStatus = value;
      return this;
    }

    /**
     * Sets the reference the provider holds for the payment.
     *
     * @param value the merchant reference
     * @return this builder
     */
    public Builder merchantReference(String value) {
      this.merchantReference = value;
      return this;
    }

    /**
     * Sets the provider's main id for the payment.
     *
     * @param value the id, or {@code null}
     * @return this builder
     */
    public Builder providerPaymentId(String value) {
      this.providerPaymentId = value;
      return this;
    }

    /**
     * Sets the id of the request that fetched this state.
     *
     * @param value the id, or {@code null}
     * @return this builder
     */
    public Builder providerRequestId(String value) {
      this.providerRequestId = value;
      return this;
    }

    /**
     * Sets the provider ids learned on the way.
     *
     * @param value name to id
     * @return this builder
     */
    public Builder refs(Map<String, String> value) {
      this.refs = Objects.requireNonNull(value, "refs");
      return this;
    }

    /**
     * Sets the operations the provider accepted and then refused.
     *
     * @param value their provider references
     * @return this builder
     */
    public Builder refusedOperations(java.util.Set<String> value) {
      this.refusedOperations = Objects.requireNonNull(value, "refusedOperations");
      return this;
    }

    /**
     * The state.
     *
     * @return a new {@link ProviderState}
     */
    public ProviderState build() {
      return new ProviderState(authorization, providerStatus, merchantReference, amount, captured, refunded,
          voided, providerPaymentId, providerRequestId, refs, refusedOperations);
    }
  }
}
