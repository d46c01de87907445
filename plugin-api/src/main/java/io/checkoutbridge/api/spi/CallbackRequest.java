package io.checkoutbridge.api.spi;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A callback exactly as it arrived, for signature checks.
 *
 * @param method HTTP method
 * @param url the URL as the provider called it (scheme, host, path and raw query)
 * @param headers header names in lower case
 * @param query decoded query parameters in arrival order
 * @param body the raw body (size-limited by the endpoint)
 */
public record CallbackRequest(
    String method, URI url, Map<String, List<String>> headers, Map<String, List<String>> query, byte[] body) {

  /**
   * Checks and normalises the components.
   *
   * @param method HTTP method
   * @param url the URL as the provider called it (scheme, host, path and raw query)
   * @param headers header names in lower case
   * @param query decoded query parameters in arrival order
   * @param body the raw body (size-limited by the endpoint)
   */
  public CallbackRequest {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    headers = Map.copyOf(lower);
    query = Map.copyOf(query);
    body = body.clone();
  }

  /**
   * The first value of a header.
   *
   * @param name the header name, in any case
   * @return the value, or empty when the header is absent
   */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The first value of a query parameter.
   *
   * @param name the parameter name
   * @return the decoded value, or empty when the parameter is absent
   */
  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * The raw body.
   *
   * @return a copy of the bytes
   */
  @Override
  public byte[] body() {
    return body.clone();
  }
}
