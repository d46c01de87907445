package io.checkoutbridge.ledger;

import io.checkoutbridge.api.spi.OperationKind;

/**
 * Everything that can happen to a payment. The ledger is the replay of these, in order.
 * Operations are two-phase: a {@code *_REQUESTED} event reserves the amount (a pending twin) before
 * the provider is called; exactly one completion ({@code CAPTURED}, {@code CAPTURE_FAILED}, ...)
 * refers to it later by its sequence number.
 */
public enum EventKind {
  CREATED,
  /** The start failed for certain (refused request, bad credentials): no provider payment exists. */
  START_FAILED,
  /**
   * The start's answer was lost (timeout, 5xx, an unreadable answer): the provider may have acted.
   * Changes nothing in the ledger; the payment stays open until the provider's state settles it.
   */
  START_UNCONFIRMED,
  AUTHORIZATION_PENDING,
  AUTHORIZED,
  DECLINED,
  FAILED,
  CAPTURE_REQUESTED,
  CAPTURED,
  CAPTURE_FAILED,
  REFUND_REQUESTED,
  REFUNDED,
  REFUND_FAILED,
  VOID_REQUESTED,
  VOIDED,
  VOID_FAILED,
  /** The provider accepted an operation and will decide later (asynchronous capture, refund approval). */
  OPERATION_ACCEPTED,
  /** The provider's state did not match the payment (reference, amount or currency); nothing applied. */
  STATE_MISMATCH;

  public static EventKind requested(OperationKind kind) {
    return switch (kind) {
      case CAPTURE -> CAPTURE_REQUESTED;
      case REFUND -> REFUND_REQUESTED;
      case VOID -> VOID_REQUESTED;
    };
  }

  public static EventKind succeeded(OperationKind kind) {
    return switch (kind) {
      case CAPTURE -> CAPTURED;
      case REFUND -> REFUNDED;
      case VOID -> VOIDED;
    };
  }

  public static EventKind failed(OperationKind kind) {
    return switch (kind) {
      case CAPTURE -> CAPTURE_FAILED;
      case REFUND -> REFUND_FAILED;
      case VOID -> VOID_FAILED;
    };
  }

  /** The operation a {@code *_REQUESTED} event starts, or {@code null}. */
  public OperationKind requestedOperation() {
    return switch (this) {
      case CAPTURE_REQUESTED -> OperationKind.CAPTURE;
      case REFUND_REQUESTED -> OperationKind.REFUND;
      case VOID_REQUESTED -> OperationKind.VOID;
      default -> null;
    };
  }
}
