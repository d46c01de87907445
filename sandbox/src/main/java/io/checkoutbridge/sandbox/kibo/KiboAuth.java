package io.checkoutbridge.sandbox.kibo;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The OAuth2 client-credentials token endpoint and the two headers every API call needs: {@code
 * Authorization: Bearer <token>} and {@code API-Key: <api key>}.
 */
final class KiboAuth {

  private final KiboState state;
  private final Clock clock;
  private final long ttlSeconds;

  KiboAuth(KiboState state, Clock clock, long ttlSeconds) {
    this.state = state;
    this.clock = clock;
    this.ttlSeconds = ttlSeconds;
  }

  /**
   * {@code POST /oauthserver/oauth2/token}: HTTP Basic {@code apiKey:secretKey}, form body {@code
   * grant_type=client_credentials}. Errors in OAuth2's own shape ({@code error}, {@code
   * error_description}), as token servers answer.
   */
  SandboxResponse token(SandboxRequest request, Map<String, String> params) {
    String[] credentials = basicCredentials(request);
    if (credentials == null
        || !constantTimeEquals(credentials[0], KiboSimulator.API_KEY)
        || !constantTimeEquals(credentials[1], KiboSimulator.SECRET_KEY)) {
      return oauthError(401, "invalid_client", "Bad client credentials");
    }
    if (!request.isForm()) {
      return oauthError(400, "invalid_request", "The body must be application/x-www-form-urlencoded");
    }
    List<String> grant = request.form().getOrDefault("grant_type", List.of());
    if (grant.size() != 1 || !"client_credentials".equals(grant.get(0))) {
      return oauthError(400, "unsupported_grant_type", "grant_type must be client_credentials");
    }
    Instant now = clock.instant();
    String token = Ids.base62(40);
    synchronized (state) {
      state.tokens.values().removeIf(g -> !g.expiresAt().isAfter(now));
      state.tokens.put(token, new KiboState.Grant(credentials[0], now.plusSeconds(ttlSeconds)));
    }
    ObjectNode out = Json.object();
    out.put("access_token", token);
    out.put("expires_in", ttlSeconds);
    out.put("token_type", "bearer");
    return SandboxResponse.json(200, out).withHeader("X-Request-ID", Ids.uuid());
  }

  /** Both headers present and valid; 401 for the bearer token, 403 for the API key. */
  void requireBearerAndApiKey(SandboxRequest request) {
    String header = request.header("Authorization").orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new SimulatorException(401, "NOT_AUTHORIZED", "Authorization: Bearer <access token> is required");
    }
    KiboState.Grant grant;
    synchronized (state) {
      grant = state.tokens.get(header.substring(7).trim());
    }
    if (grant == null) {
      throw new SimulatorException(401, "NOT_AUTHORIZED", "The access token is not known");
    }
    if (!grant.expiresAt().isAfter(clock.instant())) {
      throw new SimulatorException(401, "NOT_AUTHORIZED", "The access token has expired");
    }
    String apiKey = request.header("API-Key").orElse(null);
    if (apiKey == null || apiKey.isBlank()) {
      throw new SimulatorException(403, "NOT_AUTHORIZED", "The API-Key header is required");
    }
    if (!constantTimeEquals(apiKey.trim(), grant.apiKey())) {
      throw new SimulatorException(403, "NOT_AUTHORIZED", "The API-Key does not match the access token");
    }
  }

  private static SandboxResponse oauthError(int status, String error, String description) {
    ObjectNode body = Json.object();
    body.put("error", error);
    body.put("error_description", description);
    return SandboxResponse.json(status, body).withHeader("X-Request-ID", Ids.uuid());
  }

  private static String[] basicCredentials(SandboxRequest request) {
    String header = request.header("Authorization").orElse("");
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
