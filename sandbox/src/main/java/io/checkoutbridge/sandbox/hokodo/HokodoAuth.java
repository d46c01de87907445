package io.checkoutbridge.sandbox.hokodo;

import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SimulatorException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** DRF token authentication: {@code Authorization: Token <api key>}, with DRF's own messages. */
final class HokodoAuth {

  private final byte[] apiKey;

  HokodoAuth(String apiKey) {
    this.apiKey = apiKey.getBytes(StandardCharsets.UTF_8);
  }

  /** @throws SimulatorException 401 {@code {"detail": …}} when the key is missing or wrong */
  void check(SandboxRequest request) {
    String header = request.header("Authorization").orElse("").trim();
    String[] parts = header.split("\\s+");
    if (header.isEmpty() || !parts[0].equalsIgnoreCase("Token")) {
      throw SimulatorException.unauthorized("Authentication credentials were not provided.");
    }
    if (parts.length == 1) {
      throw SimulatorException.unauthorized("Invalid token header. No credentials provided.");
    }
    if (parts.length > 2) {
      throw SimulatorException.unauthorized("Invalid token header. Token string should not contain spaces.");
    }
    if (!MessageDigest.isEqual(apiKey, parts[1].getBytes(StandardCharsets.UTF_8))) {
      throw SimulatorException.unauthorized("Invalid token.");
    }
  }
}
