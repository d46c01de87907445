package io.checkoutbridge.api;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a payment's append-only history.
 *
 * @param sequence position in the payment's history, from 1
 * @param kind what happened, such as {@code CAPTURE_REQUESTED} or {@code CAPTURED}
 * @param amount the money concerned, or {@code null} for events without an amount
 * @param lines the amount per line, empty when the event concerns no line
 * @param actor who caused it: {@code shopper}, {@code provider}, an admin's user name, {@code system}
 * @param reason the reason given, or {@code null}
 * @param providerRequestId the provider's id for the request, or {@code null}
 * @param createdAt when it was recorded
 */
public record PaymentEventView(
    int sequence,
    String kind,
    Money amount,
    List<LineAmount> lines,
    String actor,
    String reason,
    String providerRequestId,
    Instant createdAt) {

  /**
   * Checks and normalises the components.
   *
   * @param sequence position in the payment's history, from 1
   * @param kind what happened, such as {@code CAPTURE_REQUESTED} or {@code CAPTURED}
   * @param amount the money concerned, or {@code null} for events without an amount
   * @param lines the amount per line, empty when the event concerns no line
   * @param actor who caused it: {@code shopper}, {@code provider}, an admin's user name, {@code system}
   * @param reason the reason given, or {@code null}
   * @param providerRequestId the provider's id for the request, or {@code null}
   * @param createdAt when it was recorded
   */
  public PaymentEventView {
    lines = List.copyOf(lines);
  }
}
