package io.checkoutbridge.web;

import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.store.FetchClaims;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the shopper-facing endpoints share: which payment a sealed URL proves for its purpose
 * (legacy seals only for payments young enough, see {@link Seal}), and the provider fetches they
 * make, throttled per payment through {@link FetchClaims}.
 */
final class ShopperRequests {
  private final PluginRuntime runtime;

  ShopperRequests(PluginRuntime runtime) {
    this.runtime = runtime;
  }

  /** The payment the query's seal proves for {@code purpose}, or {@code null}. */
  String sealedPayment(Seal.Purpose purpose, Map<String, List<String>> query) {
    SealedEndpoints endpoints = runtime.endpoints();
    Seal.Sealed sealed = runtime.seal().verify(purpose, query, endpoints.clock().instant());
    if (sealed == null) {
      return null;
    }
    if (!sealed.legacy()) {
      return sealed.paymentId();
    }
    Optional<PaymentView> payment = runtime.paymentEngine().payment(sealed.paymentId());
    return payment.isPresent() && endpoints.legacyAccepted(payment.get().createdAt()) ? sealed.paymentId() : null;
  }

  FetchClaims claims() {
    return new FetchClaims(runtime.database(), runtime.endpoints().clock());
  }

  /**
   * The payment after asking its provider, when no fetch for it is in flight and none started
   * within the poll interval; else the payment as stored.
   *
   * @throws PaymentException the provider or the ledger could not be reached
   */
  PaymentView refreshThrottled(String paymentId) throws PaymentException {
    FetchClaims claims = claims();
    FetchClaims.Claim claim = claims.claim(paymentId, runtime.core().http().callTimeout());
    if (claim == null) {
      return runtime.paymentEngine().payment(paymentId).orElseThrow(
          () -> PaymentException.of(io.checkoutbridge.api.error.ErrorCode.NOT_FOUND, "no such payment", null, null));
    }
    try {
      return runtime.paymentEngine().refresh(paymentId);
    } finally {
      claims.release(claim, runtime.core().pollInterval());
    }
  }
}
