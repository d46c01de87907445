package io.checkoutbridge.ledger;

import io.checkoutbridge.api.LineAmount;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One row of a payment's append-only history, as stored.
 *
 * @param seq position in the payment's history, from 1
 * @param kind what happened
 * @param amountMinor money in minor units, or {@code null}
 * @param lines the amount per line (for operations), may be empty
 * @param operationKey the idempotency key of a requested operation, else {@code null}
 * @param parentSeq for a completion, the {@code seq} of the request it completes
 * @param actor who caused it
 * @param reason why, or the provider's words
 * @param providerRequestId the provider's request id
 * @param providerReference the provider's id for the operation
 * @param rawResponse scrubbed provider response
 * @param createdAt when recorded
 */
public record LedgerEvent(
    int seq,
    EventKind kind,
    Long amountMinor,
    List<LineAmount> lines,
    String operationKey,
    Integer parentSeq,
    String actor,
    String reason,
    String providerRequestId,
    String providerReference,
    String rawResponse,
    Instant createdAt) {

  public LedgerEvent {
    Objects.requireNonNull(kind, "kind");
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  public long amount() {
    return amountMinor == null ? 0 : amountMinor;
  }
}
