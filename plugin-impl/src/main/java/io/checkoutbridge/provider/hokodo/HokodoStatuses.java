package io.checkoutbridge.provider.hokodo;

import io.checkoutbridge.api.AuthorizationState;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hokodo's deferred-payment statuses in the SPI's words. Known words: the Magento plugin's
 * {@code Api/Data/DeferredPaymentInterface.php} constants ({@code accepted}, {@code pending_review},
 * {@code customer_action_required}, {@code rejected}, {@code captured}, {@code pending_payment}),
 * its Playwright enum {@code tests/playwright/support/types/Buyer.ts} ({@code voided},
 * {@code accepted_pending_payment}), {@code inikoo/aurora} ({@code fulfilled},
 * {@code part_fulfilled}), and {@code part_captured}. Thread-safe.
 */
final class HokodoStatuses {
  private static final System.Logger LOG = System.getLogger(HokodoStatuses.class.getName());
  private static final Set<String> UNKNOWN_STATUSES_LOGGED = ConcurrentHashMap.newKeySet();
  private static final Set<String> AUTHORIZED_STATUSES = Set.of(
      "accepted", "captured", "part_captured", "partially_captured", "voided", "fulfilled", "part_fulfilled");
  private static final Set<String> PENDING_STATUSES = Set.of(
      "pending_review", "customer_action_required", "pending_payment", "accepted_pending_payment");

  private HokodoStatuses() {}

  /**
   * The deferred payment's status in the SPI's words. Hokodo publishes no complete list of statuses
   * (the Magento plugin's {@code DeferredPaymentInterface} constants and its Playwright enum differ),
   * so a status this adapter does not know is undecided (PENDING), logged once per word: it never
   * fails the payment nor breaks later fetches, and a later known status still decides.
   */
  static AuthorizationState authorization(String status) {
    if (AUTHORIZED_STATUSES.contains(status)) {
      return AuthorizationState.AUTHORIZED;
    }
    if (PENDING_STATUSES.contains(status)) {
      return AuthorizationState.PENDING;
    }
    if ("rejected".equals(status)) {
      return AuthorizationState.DECLINED;
    }
    if (UNKNOWN_STATUSES_LOGGED.size() < 100 && UNKNOWN_STATUSES_LOGGED.add(status)) {
      LOG.log(System.Logger.Level.WARNING, "Hokodo reported the deferred payment status '" + status
          + "', which this adapter does not know; it is treated as undecided");
    }
    return AuthorizationState.PENDING;
  }
}
