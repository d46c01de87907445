package io.checkoutbridge.provider.support;

import java.time.Duration;

/**
 * Timeouts for every outbound provider call (read from {@code checkout-bridge.http.*} by the
 * core settings).
 *
 * @param connectTimeout to open a connection
 * @param readTimeout between bytes of a response
 * @param callTimeout for a whole call, retries of the connection included
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, Duration callTimeout) {

  /**
   * The most HTTP calls one capture, refund, void or start makes: an access token and the call
   * itself, each sent once more after a 401 with a fresh token, one follow-up record (Dintero
   * records each operation on its order), and one more for a request retried because it provably
   * never left on a stale pooled connection.
   */
  public static final int MAX_CALLS_PER_OPERATION = 6;

  public static HttpSettings defaults() {
    return new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(30));
  }

  /**
   * The longest one call can take: the call timeout, which OkHttp applies to the whole call, or
   * when that is off, connecting plus writing the request and reading the answer.
   */
  public Duration longestCall() {
    if (!callTimeout.isZero() && !callTimeout.isNegative()) {
      return callTimeout;
    }
    return connectTimeout.plus(readTimeout).plus(readTimeout);
  }

  /**
   * The longest an adapter can take for one operation ({@link #MAX_CALLS_PER_OPERATION} calls of
   * {@link #longestCall()}): an operation unanswered for longer has ended, one way or the other.
   */
  public Duration longestOperation() {
    return longestCall().multipliedBy(MAX_CALLS_PER_OPERATION);
  }
}
