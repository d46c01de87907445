package io.checkoutbridge.sandbox;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One recorded exchange, already masked. Incoming requests have {@code direction = "in"}; callbacks
 * the sandbox sent have {@code direction = "out"}, one entry per delivery attempt.
 *
 * @param seq increasing number, unique per sandbox
 * @param time ISO 8601 time of recording
 * @param provider simulator id, e.g. {@code dintero}
 * @param direction {@code in} or {@code out}
 * @param method HTTP method
 * @param path for {@code in}: the path below {@code /sandbox/{provider}}; for {@code out}: the
 *     target URL's path
 * @param query raw query string (secret parameters masked), or null
 * @param url for {@code out}: the full target URL
 * @param headers lower-case names, secrets masked
 * @param body parsed JSON when the body is JSON, else its text; null when empty
 * @param status response status; null when an outgoing attempt got no response
 * @param attempt for {@code out}: 1 for the first attempt
 * @param fault the scripted fault mode applied, if any
 * @param error for {@code out}: why the attempt failed without a status (timeout, refused...)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(
    long seq,
    String time,
    String provider,
    String direction,
    String method,
    String path,
    String query,
    String url,
    Map<String, String> headers,
    JsonNode body,
    Integer status,
    Integer attempt,
    String fault,
    String error) {

  public static final String IN = "in";
  public static final String OUT = "out";

  public JournalEntry {
    headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(headers));
  }

  /** The body as a defensive copy (JSON nodes are mutable). */
  @Override
  public JsonNode body() {
    return body == null ? null : body.deepCopy();
  }
}
