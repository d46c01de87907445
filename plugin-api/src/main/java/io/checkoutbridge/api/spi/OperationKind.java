package io.checkoutbridge.api.spi;

/** The money-moving operations an admin can ask of a provider. */
public enum OperationKind {
  /** Take money from an open authorization. */
  CAPTURE,
  /** Give back captured money. */
  REFUND,
  /** Release an open authorization without taking money. */
  VOID
}
