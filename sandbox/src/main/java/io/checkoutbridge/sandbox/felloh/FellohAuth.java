package io.checkoutbridge.sandbox.felloh;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.SimulatorException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/** {@code POST /token} with the API key pair, and the bearer check of every other call. */
final class FellohAuth {
  private final FellohState state;
  private final Clock clock;
  private final long ttlSeconds;

  FellohAuth(FellohState state, Clock clock, long ttlSeconds) {
    this.state = state;
    this.clock = clock;
    this.ttlSeconds = ttlSeconds;
  }

  SandboxResponse token(SandboxRequest request, Map<String, String> params) {
    Fields fields = new Fields(Json.parseObject(request.body()));
    String publicKey = fields.requiredText("public_key");
    String privateKey = fields.requiredText("private_key");
    fields.validate();
    if (!equal(publicKey, FellohSimulator.PUBLIC_KEY) || !equal(privateKey, FellohSimulator.PRIVATE_KEY)) {
      throw new SimulatorException(401, "auth.invalid_credentials", "The public and private key pair is not valid");
    }
    Instant now = clock.instant();
    String token = Ids.base62(48);
    Instant expiry = now.plusSeconds(ttlSeconds);
    synchronized (state) {
      state.tokens.values().removeIf(at -> !at.isAfter(now));
      state.tokens.put(token, expiry);
    }
    ObjectNode data = Json.object();
    data.put("expiry_time", expiry.getEpochSecond());
    data.put("type", "BEARER");
    data.put("token", token);
    return Envelope.ok(data);
  }

  /** 401 unless the request carries a known, unexpired bearer token. */
  void requireBearer(SandboxRequest request) {
    String header = request.header("Authorization").orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new SimulatorException(401, "auth.missing_token", "A bearer token is required");
    }
    Instant expiry;
    synchronized (state) {
      expiry = state.tokens.get(header.substring(7).trim());
    }
    if (expiry == null || !expiry.isAfter(clock.instant())) {
      throw new SimulatorException(401, "auth.invalid_token", "The token provided is invalid or has expired");
    }
  }

  /** The organisation named in a body: 422 when missing, 403 when it is not the known one. */
  static void requireOrganisation(String organisation) {
    if (organisation != null && !organisation.equals(FellohSimulator.ORGANISATION)) {
      throw new SimulatorException(403, "organisation.forbidden",
          "You do not have access to organisation " + organisation);
    }
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
