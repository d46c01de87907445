package io.checkoutbridge.sandbox.dintero;

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
import java.util.Map;
import java.util.regex.Pattern;

/** Client-credentials tokens and the bearer / API-key checks of every other call. */
final class DinteroAuth {

  static final Pattern ACCOUNT_ID = Pattern.compile("^[PT]\\d{8}$");

  private final DinteroState state;
  private final Clock clock;
  private final long ttlSeconds;

  DinteroAuth(DinteroState state, Clock clock, long ttlSeconds) {
    this.state = state;
    this.clock = clock;
    this.ttlSeconds = ttlSeconds;
  }

  /** {@code POST .../accounts/{aid}/auth/token}, under either host. */
  SandboxResponse token(SandboxRequest request, Map<String, String> params) {
    String aid = params.get("aid");
    requireAccountId(aid);
    String[] credentials = basicCredentials(request);
    if (credentials == null
        || !aid.equals(DinteroSimulator.ACCOUNT_ID)
        || !constantTimeEquals(credentials[0], DinteroSimulator.CLIENT_ID)
        || !constantTimeEquals(credentials[1], DinteroSimulator.CLIENT_SECRET)) {
      throw new SimulatorException(401, "unauthorized",
          "Invalid client credentials for account " + aid);
    }
    ObjectNode body = Json.parseObject(request.body());
    if (!"client_credentials".equals(Json.text(body, "grant_type"))) {
      throw new SimulatorException(400, "unsupported_grant_type",
          "grant_type must be client_credentials", java.util.List.of(
              new SimulatorException.FieldError("grant_type", "must be client_credentials")));
    }
    String audience = Json.text(body, "audience");
    if (audience == null || !audience.endsWith("/accounts/" + aid)) {
      throw new SimulatorException(400, "invalid_audience",
          "audience must be https://api.dintero.com/v1/accounts/" + aid, java.util.List.of(
              new SimulatorException.FieldError("audience", "must end with /accounts/" + aid)));
    }
    Instant now = clock.instant();
    String token = fakeJwt(aid, now);
    synchronized (state) {
      state.tokens.values().removeIf(g -> !g.expiresAt().isAfter(now)); // keep the map small
      state.tokens.put(token, new DinteroState.Grant(aid, credentials[0],
          now.plusSeconds(ttlSeconds)));
    }
    ObjectNode out = Json.object();
    out.put("access_token", token);
    out.put("token_type", "Bearer");
    out.put("expires_in", ttlSeconds);
    return SandboxResponse.json(200, out);
  }

  /** The grant behind a valid, unexpired bearer token; 401 otherwise. */
  DinteroState.Grant requireBearer(SandboxRequest request) {
    String header = request.header("Authorization").orElse("");
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw SimulatorException.unauthorized("Missing bearer token");
    }
    String token = header.substring(7).trim();
    DinteroState.Grant grant;
    synchronized (state) {
      grant = state.tokens.get(token);
    }
    if (grant == null) {
      throw SimulatorException.unauthorized("Unknown access token");
    }
    if (!grant.expiresAt().isAfter(clock.instant())) {
      throw SimulatorException.unauthorized("Access token expired");
    }
    return grant;
  }

  /** A bearer grant for the account in the path; 403 when the token is for another account. */
  DinteroState.Grant requireBearerFor(SandboxRequest request, String aid) {
    requireAccountId(aid);
    DinteroState.Grant grant = requireBearer(request);
    if (!grant.accountId().equals(aid)) {
      throw SimulatorException.forbidden("Token is not valid for account " + aid);
    }
    return grant;
  }

  /** Admin endpoints accept a bearer token or {@code x-api-key}. */
  void requireBearerOrApiKey(SandboxRequest request) {
    String apiKey = request.header("x-api-key").orElse(null);
    if (apiKey != null) {
      if (!constantTimeEquals(apiKey, DinteroSimulator.API_KEY)) {
        throw SimulatorException.unauthorized("Invalid API key");
      }
      return;
    }
    requireBearer(request);
  }

  static void requireAccountId(String aid) {
    if (aid == null || !ACCOUNT_ID.matcher(aid).matches()) {
      throw new SimulatorException(400, "invalid_account_id",
          "Account id must match ^[PT]\\d{8}$: " + aid);
    }
  }

  private static String[] basicCredentials(SandboxRequest request) {
    String header = request.header("Authorization").orElse("");
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()),
          StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? null
          : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8),
        b.getBytes(StandardCharsets.UTF_8));
  }

  /** Token text shaped like Dintero's JWTs; clients must treat it as opaque. */
  private String fakeJwt(String aid, Instant now) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"
        .getBytes(StandardCharsets.UTF_8));
    String claims = b64.encodeToString(("{\"aud\":\"https://api.dintero.com/v1/accounts/" + aid
        + "\",\"iat\":" + now.getEpochSecond() + ",\"exp\":" + (now.getEpochSecond() + ttlSeconds)
        + ",\"jti\":\"" + Ids.uuid() + "\"}").getBytes(StandardCharsets.UTF_8));
    return header + "." + claims + "." + Ids.base62(43);
  }
}
