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
  void onStatusChanged(PaymentStatusChanged change);
}
