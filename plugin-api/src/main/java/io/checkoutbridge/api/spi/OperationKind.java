package io.checkoutbridge.api.spi;

/** The money-moving operations an admin can ask of a provider. */
public enum OperationKind {
  CAPTURE,
  REFUND,
  VOID
}
