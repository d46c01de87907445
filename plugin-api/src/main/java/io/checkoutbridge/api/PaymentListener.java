package io.checkoutbridge.api;

/**
 * Receives status changes, for storefronts that do not observe CDI events. Register one through
 * {@code META-INF/services/io.checkoutbridge.api.PaymentListener} or as a CDI bean.
 *
 * <p>Called after the change is committed, on the thread that made it; an exception thrown here is
 * logged and does not undo the change.
 */
@FunctionalInterface
public interface PaymentListener {
  /**
   * Called after a payment's status changed and the change was stored.
   *
   * @param change the payment, the status before and after, and the money now
   */
  void onStatusChanged(PaymentStatusChanged change);
}
