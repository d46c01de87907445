package io.checkoutbridge.sandbox;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A callback (webhook) a simulator wants delivered.
 *
 * @param provider simulator id, for the journal and for {@code callback} faults
 * @param method {@code GET} or {@code POST}
 * @param uri target URL, query included
 * @param headers fixed headers, the same on every attempt (e.g. a delivery id)
 * @param body body bytes; empty for none
 * @param contentType body type, or null
 * @param delay wait before the first attempt (e.g. Dintero's {@code delay_callback})
 * @param signer adds per-attempt headers such as a timestamped signature; may be null
 */
public record OutboundCallback(String provider, String method, URI uri, Map<String, String> headers,
    byte[] body, String contentType, Duration delay, Signer signer) {

  /** Computes headers at send time, so a retried or late delivery gets a fresh timestamp. */
  @FunctionalInterface
  public interface Signer {
    /** Headers to add to this attempt; empty when there is nothing to sign with. */
    Map<String, String> sign(OutboundCallback callback, Instant now);
  }

  public OutboundCallback {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(uri, "uri");
    headers = Map.copyOf(headers == null ? Map.of() : new LinkedHashMap<>(headers));
    body = body == null ? new byte[0] : body.clone();
    delay = delay == null ? Duration.ZERO : delay;
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public static OutboundCallback get(String provider, URI uri, Map<String, String> headers) {
    return new OutboundCallback(provider, "GET", uri, headers, null, null, Duration.ZERO, null);
  }

  public static OutboundCallback postJson(String provider, URI uri, Map<String, String> headers,
      byte[] json) {
    return new OutboundCallback(provider, "POST", uri, headers, json, "application/json",
        Duration.ZERO, null);
  }

  public OutboundCallback withDelay(Duration newDelay) {
    return new OutboundCallback(provider, method, uri, headers, body, contentType, newDelay, signer);
  }

  public OutboundCallback withSigner(Signer newSigner) {
    return new OutboundCallback(provider, method, uri, headers, body, contentType, delay, newSigner);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OutboundCallback c && provider.equals(c.provider)
        && method.equals(c.method) && uri.equals(c.uri) && headers.equals(c.headers)
        && java.util.Arrays.equals(body, c.body) && Objects.equals(contentType, c.contentType)
        && delay.equals(c.delay) && Objects.equals(signer, c.signer);
  }

  @Override
  public int hashCode() {
    return Objects.hash(provider, method, uri, headers, java.util.Arrays.hashCode(body),
        contentType, delay, signer);
  }

  @Override
  public String toString() {
    return provider + " " + method + " " + uri;
  }
}
