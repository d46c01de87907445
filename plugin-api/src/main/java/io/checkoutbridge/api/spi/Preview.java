package io.checkoutbridge.api.spi;

import java.util.List;

/**
 * What an adapter would send for a checkout, without sending it.
 *
 * @param providerId the provider
 * @param requests the requests in order, with secrets left out
 * @param rules every adjustment the mapping made (a split line, a rounding line), in plain words
 */
public record Preview(String providerId, List<Request> requests, List<String> rules) {

  /**
   * Checks and normalises the components.
   *
   * @param providerId the provider
   * @param requests the requests in order, with secrets left out
   * @param rules every adjustment the mapping made (a split line, a rounding line), in plain words
   */
  public Preview {
    requests = List.copyOf(requests);
    rules = List.copyOf(rules);
  }

  /**
   * One request.
   *
   * @param method HTTP method
   * @param path path below the provider's base URL
   * @param body JSON body exactly as it would be sent (compact), or an empty string
   */
  public record Request(String method, String path, String body) {}
}
