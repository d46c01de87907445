package io.checkoutbridge.sandbox.kibo;

import static io.checkoutbridge.sandbox.kibo.KiboFixture.AUTHORIZE;
import static io.checkoutbridge.sandbox.kibo.KiboFixture.TOKEN_PATH;
import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.sandbox.Sandbox;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KiboAuthTest {
  private final KiboFixture f = new KiboFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void clientCredentialsGiveABearerTokenForAboutAnHour() {
    SandboxResponse r = f.tokenCall(KiboSimulator.API_KEY, KiboSimulator.SECRET_KEY);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyJson().get("access_token").asText()).isNotBlank();
    assertThat(r.bodyJson().get("expires_in").asLong()).isEqualTo(3600);
    assertThat(r.bodyJson().get("token_type").asText()).isEqualTo("bearer");
  }

  @Test
  void wrongSecretIsInvalidClient() {
    SandboxResponse r = f.tokenCall(KiboSimulator.API_KEY, "wrong-secret");

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.bodyJson().get("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void tokenRequestMustBeAFormWithClientCredentialsGrant() {
    SandboxResponse json = f.call(SandboxRequest.builder("POST", TOKEN_PATH)
        .basicAuth(KiboSimulator.API_KEY, KiboSimulator.SECRET_KEY).json("{\"grant_type\":\"client_credentials\"}"));
    assertThat(json.status()).isEqualTo(400);
    assertThat(json.bodyJson().get("error").asText()).isEqualTo("invalid_request");

    SandboxResponse password = f.call(SandboxRequest.builder("POST", TOKEN_PATH)
        .basicAuth(KiboSimulator.API_KEY, KiboSimulator.SECRET_KEY).form("grant_type", "password"));
    assertThat(password.status()).isEqualTo(400);
    assertThat(password.bodyJson().get("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void apiCallWithoutBearerIsRefusedWith5004() {
    SandboxResponse r = f.call(SandboxRequest.builder("POST", AUTHORIZE).header("API-Key", KiboSimulator.API_KEY)
        .json(KiboFixture.authorizeBody("c1", KiboFixture.CARD, "1.00")));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.bodyJson().get("statusCode").asInt()).isEqualTo(5004);
    assertThat(r.bodyJson().get("status").asText()).isEqualTo("NOT_AUTHORIZED");
    assertThat(f.simulator().authorizationCount()).isZero();
  }

  @Test
  void apiCallNeedsTheApiKeyHeaderToo() {
    SandboxResponse missing = f.call(SandboxRequest.builder("POST", AUTHORIZE).bearer(f.token())
        .json(KiboFixture.authorizeBody("c1", KiboFixture.CARD, "1.00")));
    SandboxResponse wrong = f.call(SandboxRequest.builder("POST", AUTHORIZE).bearer(f.token())
        .header("API-Key", "another-key").json(KiboFixture.authorizeBody("c1", KiboFixture.CARD, "1.00")));

    assertThat(missing.status()).isEqualTo(403);
    assertThat(missing.bodyJson().get("message").asText()).contains("API-Key");
    assertThat(wrong.status()).isEqualTo(403);
    assertThat(f.simulator().authorizationCount()).isZero();
  }

  @Test
  void expiredTokenIsRefused() {
    String token = f.token();
    f.clock.advance(Duration.ofSeconds(3600));

    SandboxResponse r = f.call(SandboxRequest.builder("POST", AUTHORIZE).bearer(token)
        .header("API-Key", KiboSimulator.API_KEY).json(KiboFixture.authorizeBody("c1", KiboFixture.CARD, "1.00")));

    assertThat(r.status()).isEqualTo(401);
    assertThat(r.bodyJson().get("message").asText()).contains("expired");
  }

  @Test
  void tokenLifetimeIsASetting() {
    try (KiboFixture shortLived = new KiboFixture(b -> b.setting(KiboSimulator.SETTING_TOKEN_TTL, "5"))) {
      assertThat(shortLived.tokenCall(KiboSimulator.API_KEY, KiboSimulator.SECRET_KEY).bodyJson()
          .get("expires_in").asLong()).isEqualTo(5);
    }
  }

  @Test
  void standardSandboxServesKibo() {
    try (Sandbox sandbox = Sandbox.standard()) {
      assertThat(sandbox.simulators()).containsKey("kibo");
      assertThat(sandbox.simulators().get("kibo").operations())
          .containsExactlyInAnyOrder("token", "authorize", "create_order", "search_orders", "get_order");
    }
  }
}
