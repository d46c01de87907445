package io.checkoutbridge.provider.dintero;

import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import java.time.Clock;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Dintero's callbacks: the {@code Dintero-Signature} check when a secret is configured (else the
 * plugin's URL seal is the only proof), and the dedupe key. A callback is only a cue: the adapter
 * fetches the transaction again, whatever the callback says (as the WooCommerce plugin does:
 * "we don't trust the data from Dintero in the callback"). Callbacks asked for with
 * {@code report_event} carry {@code event} and {@code event_id}, so a back-office capture is a
 * callback of its own. Thread-safe.
 */
final class DinteroCallbackVerifier {

  /**
   * @param dedupeKey Dintero's {@code event-delivery} id when sent, else the transaction (or
   *     session), time, event, event id and error of the query; {@code null} when the callback
   *     carries none of these (the caller then keys it by its digest)
   * @param description one line for the ledger
   */
  record Verified(String dedupeKey, String description) {}

  private final DinteroSignature signature;
  private final Clock clock;

  /** @param signature the checker, or {@code null} without a secret */
  DinteroCallbackVerifier(DinteroSignature signature, Clock clock) {
    this.signature = signature;
    this.clock = clock;
  }

  Verified verify(CallbackRequest callback) throws SignatureException {
    if (signature != null) {
      try {
        signature.verify(callback.header(DinteroSignature.HEADER).orElse(null), callback.method(), callback.url(),
            clock.instant());
      } catch (IllegalArgumentException malformedQuery) {
        throw new SignatureException("Dintero callback with a malformed query");
      }
    }
    String transaction = callback.queryParam("transaction_id").orElse(null);
    String session = callback.queryParam("session_id").or(() -> callback.queryParam("sid")).orElse(null);
    String time = callback.queryParam("time").orElse("");
    String event = callback.queryParam("event").orElse("");
    String eventId = callback.queryParam("event_id").orElse("");
    String error = callback.queryParam("error").orElse("");
    StringJoiner description = new StringJoiner(" ", "Dintero callback", "");
    if (transaction != null) {
      description.add("for transaction " + transaction);
    } else if (session != null) {
      description.add("for session " + session);
    }
    if (!event.isEmpty()) {
      description.add("event " + event);
    }
    if (!error.isEmpty()) {
      description.add("error " + error);
    }
    if (signature != null) {
      description.add("(signed)");
    }
    Optional<String> delivery = callback.header("event-delivery").filter(d -> !d.isBlank());
    if (delivery.isPresent()) {
      return new Verified(DinteroProvider.ID + ":delivery:" + delivery.get(), description.toString());
    }
    if ((transaction == null && session == null) || time.isEmpty()) {
      return new Verified(null, description.toString());
    }
    String key = DinteroProvider.ID + ":" + (transaction != null ? transaction : "session:" + session) + ":" + time + ":" + event
        + ":" + eventId + ":" + error;
    return new Verified(key, description.toString());
  }
}
