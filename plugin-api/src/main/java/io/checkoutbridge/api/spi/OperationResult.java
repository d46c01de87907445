package io.checkoutbridge.api.spi;

import java.util.Map;
import java.util.Objects;

/**
 * A provider's answer to a capture, refund or void.
 *
 * @param outcome done, accepted but not done yet, or refused
 * @param providerRequestId the provider's id for the request, or {@code null}
 * @param providerReference the provider's id for the operation (capture id, refund id), or
 *     {@code null}
 * @param message the provider's words when refused, else {@code null}
 * @param rawResponse the response body with secrets and card data removed, for the history
 * @param refs provider ids to remember
 */
public record OperationResult(
    Outcome outcome,
    String providerRequestId,
    String providerReference,
    String message,
    String rawResponse,
    Map<String, String> refs) {

  /** What the provider did with the operation. */
  public enum Outcome {
    /** Done: the money moved. */
    SUCCEEDED,
    /** Accepted, decided later (asynchronous capture, refund waiting for approval). */
    PENDING,
    /** Refused; nothing moved. */
    DECLINED
  }
  /**
   * Checks and normalises the components.
   *
   * @param outcome done, accepted but not done yet, or refused
   * @param providerRequestId the provider's id for the request, or {@code null}
   * @param providerReference the provider's id for the operation (capture id, refund id), or {@code null}
   * @param message the provider's words when refused, else {@code null}
   * @param rawResponse the response body with secrets and card data removed, for the history
   * @param refs provider ids to remember
   */
  public OperationResult {
    Objects.requireNonNull(outcome, "outcome");
    refs = Map.copyOf(refs);
  }

  /**
   * The operation is done.
   *
   * @param requestId the provider's id for the request, or {@code null}
   * @param reference the provider's id for the operation, or {@code null}
   * @param raw the response body with secrets and card data removed
   * @return the result
   */
  public static OperationResult succeeded(String requestId, String reference, String raw) {
    return new OperationResult(Outcome.SUCCEEDED, requestId, reference, null, raw, Map.of());
  }

  /**
   * The operation was accepted and is decided later.
   *
   * @param requestId the provider's id for the request, or {@code null}
   * @param reference the provider's id for the operation, or {@code null}
   * @param raw the response body with secrets and card data removed
   * @return the result
   */
  public static OperationResult pending(String requestId, String reference, String raw) {
    return new OperationResult(Outcome.PENDING, requestId, reference, null, raw, Map.of());
  }

  /**
   * The provider refused the operation.
   *
   * @param requestId the provider's id for the request, or {@code null}
   * @param message the provider's words
   * @param raw the response body with secrets and card data removed
   * @return the result
   */
  public static OperationResult declined(String requestId, String message, String raw) {
    return new OperationResult(Outcome.DECLINED, requestId, null, message, raw, Map.of());
  }
}
