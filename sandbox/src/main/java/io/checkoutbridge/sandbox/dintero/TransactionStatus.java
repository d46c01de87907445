package io.checkoutbridge.sandbox.dintero;

/** Dintero's transaction statuses (spec {@code Transaction.status}). */
enum TransactionStatus {
  INITIATED,
  AUTHORIZED,
  AUTHORIZATION_VOIDED,
  CAPTURED,
  PARTIALLY_CAPTURED,
  PARTIALLY_CAPTURED_REFUNDED,
  REFUNDED,
  PARTIALLY_REFUNDED,
  DECLINED,
  FAILED,
  UNKNOWN,
  ON_HOLD;

  boolean canCapture() {
    return this == AUTHORIZED || this == PARTIALLY_CAPTURED;
  }

  boolean canRefund() {
    return this == CAPTURED || this == PARTIALLY_REFUNDED || this == PARTIALLY_CAPTURED
        || this == PARTIALLY_CAPTURED_REFUNDED;
  }
}
