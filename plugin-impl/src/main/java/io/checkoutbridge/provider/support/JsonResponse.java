package io.checkoutbridge.provider.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * A provider's answer: status, parsed body (a {@link MissingNode} when the body was empty or not
 * JSON), the raw text, and the provider's request id when it sent one.
 */
public record JsonResponse(int status, JsonNode body, String text, String requestId) {

  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /** The body with secrets and card data removed, for the history. */
  public String scrubbed() {
    return body.isMissingNode() ? Scrubber.scrubText(text) : Scrubber.scrubToString(body);
  }

  public static JsonNode missing() {
    return MissingNode.getInstance();
  }
}
