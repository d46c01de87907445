package io.checkoutbridge.provider.dintero;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.ProviderMemory;
import io.checkoutbridge.provider.support.JsonResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends checkout sessions nobody should pay any more, with Dintero's {@code POST
 * /sessions/{id}/cancel} (Dintero.Node.SDK {@code src/generated/payments.d.ts},
 * {@code checkout_session_cancel_post}): the session of an earlier attempt when the shopper starts a
 * new one for the same order, and a session past its {@code expires_at} that no transaction came
 * from. Cancelling voids the session's transaction if it is initiated or authorized, so a stale
 * session can never still be paid; Dintero refuses it for anything further on, which is then left
 * alone. Failures are logged, never thrown: a checkout is never stopped for an old session.
 *
 * <p>Attempts are remembered in the provider memory as {@code session:<order reference>:<n>}
 * (1, 2, …), each holding its session id. Thread-safe.
 */
final class DinteroSessions {
  /** At most this many earlier attempts are looked at (and cancelled) for one order. */
  static final int MAX_ATTEMPTS = 50;

  private static final System.Logger LOG = System.getLogger(DinteroSessions.class.getName());

  private final DinteroClient client;
  private final Clock clock;

  DinteroSessions(DinteroClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /**
   * Remembers {@code sessionId} as the newest attempt for {@code orderReference} and cancels the
   * sessions of the earlier attempts.
   *
   * @return the earlier sessions that were cancelled
   */
  List<String> supersede(String orderReference, String sessionId, ProviderMemory memory) {
    List<String> earlier = new ArrayList<>();
    if (orderReference == null || orderReference.isBlank() || memory == null) {
      return earlier;
    }
    for (int n = 1; n <= MAX_ATTEMPTS; n++) {
      String stored = memory.putIfAbsent("session:" + orderReference + ":" + n, sessionId);
      if (stored.equals(sessionId)) {
        break;
      }
      earlier.add(stored);
    }
    List<String> cancelled = new ArrayList<>();
    for (String old : earlier) {
      if (cancel(old, "a new attempt started for order " + orderReference)) {
        cancelled.add(old);
      }
    }
    return cancelled;
  }

  /**
   * For a payment without a transaction: cancels its session if Dintero says it expired, so nothing
   * can pay it later.
   *
   * @return {@code SESSION_EXPIRED} or {@code SESSION_CANCELLED} when the session is over, else
   *     {@code null} (still open, or unreadable)
   */
  String endIfExpired(String sessionId) {
    JsonNode session;
    try {
      session = client.session(sessionId).body();
    } catch (PaymentException unreadable) {
      return null;
    }
    if (!session.path("cancelled_at").asText("").isBlank()) {
      return "SESSION_CANCELLED";
    }
    Instant expires = instant(session.path("expires_at").asText(""));
    if (expires == null || clock.instant().isBefore(expires)) {
      return null;
    }
    cancel(sessionId, "it expired at " + expires);
    return "SESSION_EXPIRED";
  }

  private boolean cancel(String sessionId, String why) {
    try {
      JsonResponse answer = client.cancelSession(sessionId);
      if (answer.successful()) {
        return true;
      }
      // 400: the transaction is past initiated/authorized (paid, failed) or the session is gone.
      LOG.log(System.Logger.Level.INFO, "Dintero did not cancel session " + sessionId + " (" + why + "): HTTP "
          + answer.status() + " " + DinteroClient.errorMessage(answer));
    } catch (PaymentException e) {
      LOG.log(System.Logger.Level.WARNING, "cancelling Dintero session " + sessionId + " (" + why + ") failed: " + e);
    }
    return false;
  }

  private static Instant instant(String text) {
    try {
      return text.isBlank() ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
