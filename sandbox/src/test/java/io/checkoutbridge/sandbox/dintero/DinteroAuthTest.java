package io.checkoutbridge.sandbox.dintero;

import static io.checkoutbridge.sandbox.dintero.DinteroFixture.ACCOUNT;
import static io.checkoutbridge.sandbox.dintero.DinteroFixture.API;
import static io.checkoutbridge.sandbox.dintero.DinteroFixture.CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Sources: HTTP Basic client credentials, {@code grant_type} and {@code audience}
 * {@code …/accounts/{aid}} at {@code /accounts/{aid}/auth/token}: seed 002 (curl example); answer
 * {@code access_token} (a JWT, example {@code eyJhbGci…}), {@code token_type: "Bearer"},
 * {@code expires_in} (example 86400): Dintero.Node.SDK {@code src/generated/payments.d.ts},
 * {@code AccessToken}; error body {@code error.code/message/errors}: payments.d.ts {@code Error}.
 * {@code POST /admin/signature} with {@code x-api-key}: docs.dintero.com
 * {@code /checkout-api/secrets/admin_signature_post}. Unverified, assumed by the sandbox: the
 * {@code request-id} header, the error codes ({@code unauthorized}, {@code invalid_account_id}),
 * 403 for another account's token, the 64-character secret, and the account pattern beyond
 * payments.d.ts's "aid prefixed with T" for test mode.
 */
class DinteroAuthTest {

  private final DinteroFixture f = new DinteroFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private SandboxResponse token(String base, String account, String clientId, String secret,
      Object body) {
    return f.call(SandboxRequest.builder("POST", base + "/accounts/" + account + "/auth/token")
        .basicAuth(clientId, secret).json(body));
  }

  @Test
  void knownCredentialsGetABearerTokenUnderBothHosts() {
    for (String base : new String[] {API, CHECKOUT}) {
      SandboxResponse r = token(base, ACCOUNT, DinteroSimulator.CLIENT_ID,
          DinteroSimulator.CLIENT_SECRET, DinteroFixture.tokenBody(ACCOUNT));
      assertThat(r.status()).isEqualTo(200);
      JsonNode body = r.bodyJson();
      assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
      assertThat(body.get("expires_in").asLong()).isEqualTo(86_400);
      assertThat(body.get("access_token").asText()).startsWith("eyJ");
    }
  }

  @Test
  void wrongSecretIsRefusedWith401InDinteroErrorShape() {
    SandboxResponse r = token(API, ACCOUNT, DinteroSimulator.CLIENT_ID, "wrong",
        DinteroFixture.tokenBody(ACCOUNT));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("unauthorized");
    assertThat(r.bodyJson().at("/error/message").asText()).isNotEmpty();
    assertThat(r.header("request-id")).isPresent();
  }

  @Test
  void knownClientForAnotherAccountIsRefused() {
    SandboxResponse r = token(API, "P87654321", DinteroSimulator.CLIENT_ID,
        DinteroSimulator.CLIENT_SECRET, DinteroFixture.tokenBody("P87654321"));
    assertThat(r.status()).isEqualTo(401);
  }

  @Test
  void malformedAccountIdIsRefused() {
    SandboxResponse r = token(API, "X1234", DinteroSimulator.CLIENT_ID,
        DinteroSimulator.CLIENT_SECRET, DinteroFixture.tokenBody("X1234"));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("invalid_account_id");
  }

  @Test
  void wrongGrantTypeOrAudienceIsRefused() {
    ObjectNode wrongGrant = DinteroFixture.tokenBody(ACCOUNT).put("grant_type", "password");
    SandboxResponse grant = token(API, ACCOUNT, DinteroSimulator.CLIENT_ID,
        DinteroSimulator.CLIENT_SECRET, wrongGrant);
    assertThat(grant.status()).isEqualTo(400);
    assertThat(grant.bodyJson().at("/error/errors/0/field").asText()).isEqualTo("grant_type");

    ObjectNode wrongAudience = DinteroFixture.tokenBody("T00000001");
    SandboxResponse audience = token(API, ACCOUNT, DinteroSimulator.CLIENT_ID,
        DinteroSimulator.CLIENT_SECRET, wrongAudience);
    assertThat(audience.status()).isEqualTo(400);
    assertThat(audience.bodyJson().at("/error/errors/0/field").asText()).isEqualTo("audience");
  }

  @Test
  void callsWithoutOrWithAnUnknownTokenAreRefused() {
    SandboxResponse none = f.call(SandboxRequest.builder("GET", CHECKOUT + "/transactions"));
    assertThat(none.status()).isEqualTo(401);
    SandboxResponse unknown = f.call(SandboxRequest.builder("GET", CHECKOUT + "/transactions")
        .bearer("eyJnot-issued"));
    assertThat(unknown.status()).isEqualTo(401);
  }

  @Test
  void expiredTokenIsRefused() {
    String token = f.token();
    assertThat(f.call(f.get(CHECKOUT + "/transactions")).status()).isEqualTo(200);
    f.clock.advance(Duration.ofSeconds(86_401));
    SandboxResponse r = f.call(SandboxRequest.builder("GET", CHECKOUT + "/transactions")
        .bearer(token));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.bodyJson().at("/error/message").asText()).contains("expired");
  }

  @Test
  void tokenLifetimeIsConfigurable() {
    try (DinteroFixture shortLived = new DinteroFixture(
        b -> b.setting(DinteroSimulator.SETTING_TOKEN_TTL, "60"))) {
      SandboxResponse r = shortLived.call(SandboxRequest.builder("POST",
              API + "/accounts/" + ACCOUNT + "/auth/token")
          .basicAuth(DinteroSimulator.CLIENT_ID, DinteroSimulator.CLIENT_SECRET)
          .json(DinteroFixture.tokenBody(ACCOUNT)));
      assertThat(r.bodyJson().get("expires_in").asLong()).isEqualTo(60);
    }
  }

  @Test
  void ordersApiRefusesATokenForAnotherAccount() {
    SandboxResponse r = f.call(f.get(API + "/accounts/T99999999/shopping/orders/ABC"));
    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void signatureSecretNeedsBearerOrApiKey() {
    SandboxResponse anonymous = f.call(SandboxRequest.builder("POST",
        CHECKOUT + "/admin/signature"));
    assertThat(anonymous.status()).isEqualTo(401);
    SandboxResponse badKey = f.call(SandboxRequest.builder("POST", CHECKOUT + "/admin/signature")
        .header("x-api-key", "nope"));
    assertThat(badKey.status()).isEqualTo(401);
    SandboxResponse withKey = f.call(SandboxRequest.builder("POST", CHECKOUT + "/admin/signature")
        .header("x-api-key", DinteroSimulator.API_KEY));
    assertThat(withKey.status()).isEqualTo(200);
    assertThat(withKey.bodyJson().get("secret").asText()).hasSize(64);
    SandboxResponse withBearer = f.call(f.post(CHECKOUT + "/admin/signature", "{}"));
    assertThat(withBearer.status()).isEqualTo(200);
    assertThat(f.sandbox.simulator("dintero", DinteroSimulator.class).signatureSecret())
        .contains(withBearer.bodyJson().get("secret").asText());
  }
}
