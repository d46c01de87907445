package io.checkoutbridge.sandbox.felloh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.JournalEntry;
import io.checkoutbridge.sandbox.Sandbox;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FellohAuthTest {
  private final FellohFixture f = new FellohFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private SandboxResponse token(String publicKey, String privateKey) {
    return f.call(SandboxRequest.builder("POST", "/felloh/token").json(FellohFixture.keys(publicKey, privateKey)));
  }

  @Test
  void keyPairGetsABearerTokenInTheEnvelope() {
    SandboxResponse r = token(FellohSimulator.PUBLIC_KEY, FellohSimulator.PRIVATE_KEY);

    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.bodyJson();
    assertThat(body.path("data").path("token").asText()).hasSizeGreaterThan(20);
    assertThat(body.path("data").path("type").asText()).isEqualTo("BEARER");
    assertThat(body.path("data").path("expiry_time").asLong())
        .isEqualTo(f.clock.instant().getEpochSecond() + 3600);
    assertThat(body.path("errors").isArray()).isTrue();
    assertThat(body.path("meta").path("code").asInt()).isEqualTo(200);
    assertThat(body.path("meta").path("request_id").asText()).isNotBlank();
  }

  @Test
  void wrongPrivateKeyIsUnauthorisedInFellohsErrorShape() {
    SandboxResponse r = token(FellohSimulator.PUBLIC_KEY, "nope");

    assertThat(r.status()).isEqualTo(401);
    JsonNode error = r.bodyJson().path("errors").get(0);
    assertThat(error.path("title").asText()).isEqualTo("Unauthorised");
    assertThat(error.path("code").asText()).isEqualTo("auth.invalid_credentials");
    assertThat(error.path("type").asText()).isEqualTo("unauthorised");
    assertThat(error.has("documentation_url")).isTrue();
    assertThat(r.bodyJson().path("meta").path("status").asInt()).isEqualTo(401);
    assertThat(r.bodyJson().path("meta").path("request_id").asText()).isNotBlank();
  }

  @Test
  void missingKeysAreValidationErrorsNamingEachField() {
    SandboxResponse r = f.call(SandboxRequest.builder("POST", "/felloh/token").json("{}"));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyJson().path("errors")).extracting(e -> e.path("code").asText())
        .containsExactly("public_key.invalid", "private_key.invalid");
  }

  @Test
  void callsWithoutAValidTokenAreUnauthorised() {
    SandboxResponse none = f.call(SandboxRequest.builder("GET", "/felloh/agent/ecommerce/x"));
    SandboxResponse unknown = f.call(SandboxRequest.builder("GET", "/felloh/agent/ecommerce/x").bearer("made-up"));

    assertThat(none.status()).isEqualTo(401);
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.bodyJson().path("errors").get(0).path("code").asText()).isEqualTo("auth.invalid_token");
  }

  @Test
  void tokenStopsWorkingWhenItExpires() {
    String id = f.createSession(FellohFixture.sessionBody(1000, false));
    String token = f.token();
    f.clock.advance(Duration.ofSeconds(3599));
    assertThat(f.call(SandboxRequest.builder("GET", "/felloh/agent/ecommerce/" + id).bearer(token)).status())
        .isEqualTo(200);
    f.clock.advance(Duration.ofSeconds(1));

    assertThat(f.call(SandboxRequest.builder("GET", "/felloh/agent/ecommerce/" + id).bearer(token)).status())
        .isEqualTo(401);
  }

  @Test
  void revokedTokensAreRefused() {
    String id = f.createSession(FellohFixture.sessionBody(1000, false));

    f.settings(Json.object().put("revoke_tokens", true));

    assertThat(f.call(f.get("/agent/ecommerce/" + id)).status()).isEqualTo(401);
  }

  @Test
  void journalMasksThePrivateKey() {
    token(FellohSimulator.PUBLIC_KEY, FellohSimulator.PRIVATE_KEY);

    List<JournalEntry> entries = f.sandbox.journal().entries("felloh", "in", 0);
    assertThat(Json.text(entries)).doesNotContain(FellohSimulator.PRIVATE_KEY).contains(FellohSimulator.PUBLIC_KEY);
  }

  @Test
  void standardSandboxServesFelloh() {
    try (Sandbox standard = Sandbox.standard()) {
      assertThat(standard.simulators()).containsKey("felloh");
    }
  }
}
