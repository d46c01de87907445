package io.checkoutbridge.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP response from a simulator. Immutable; {@link #withHeader} returns a copy.
 *
 * @param status HTTP status
 * @param headers response headers other than {@code Content-Type}; case-insensitive names
 * @param body body bytes (empty when none); defensive copies in and out
 * @param contentType full {@code Content-Type} value, or null when there is no body
 */
public record SandboxResponse(
    int status, Map<String, List<String>> headers, byte[] body, String contentType) {

  public static final String JSON = "application/json";
  public static final String HTML = "text/html; charset=utf-8";
  public static final String TEXT = "text/plain; charset=utf-8";

  public SandboxResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("HTTP status out of range: " + status);
    }
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (headers != null) {
      headers.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    }
    headers = Collections.unmodifiableMap(copy);
    body = body == null ? new byte[0] : body.clone();
  }

  /** {@code value} serialised with {@link Json} (a String is sent as is). */
  public static SandboxResponse json(int status, Object value) {
    byte[] bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : Json.bytes(value);
    return new SandboxResponse(status, Map.of(), bytes, JSON);
  }

  public static SandboxResponse html(int status, String html) {
    return new SandboxResponse(status, Map.of(), html.getBytes(StandardCharsets.UTF_8), HTML);
  }

  public static SandboxResponse text(int status, String text) {
    return new SandboxResponse(status, Map.of(), text.getBytes(StandardCharsets.UTF_8), TEXT);
  }

  /** A redirect (use 302 or 303) with a {@code Location} header and no body. */
  public static SandboxResponse redirect(int status, String location) {
    if (status < 300 || status > 399) {
      throw new IllegalArgumentException("not a redirect status: " + status);
    }
    return new SandboxResponse(status, Map.of("Location", List.of(location)), null, null);
  }

  public static SandboxResponse empty(int status) {
    return new SandboxResponse(status, Map.of(), null, null);
  }

  public SandboxResponse withHeader(String name, String value) {
    Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(headers);
    List<String> values = new ArrayList<>(copy.getOrDefault(name, List.of()));
    values.add(value);
    copy.put(name, values);
    return new SandboxResponse(status, copy, body, contentType);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body parsed as JSON (handy in tests); throws {@link SimulatorException} if it is not. */
  public JsonNode bodyJson() {
    return Json.parse(body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SandboxResponse r
        && status == r.status
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body)
        && Objects.equals(contentType, r.contentType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body), contentType);
  }

  @Override
  public String toString() {
    return status + " " + (contentType == null ? "" : contentType) + " (" + body.length + " bytes)";
  }
}
