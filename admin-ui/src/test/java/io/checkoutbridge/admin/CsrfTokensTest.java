package io.checkoutbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The admin's CSRF token is kept nowhere: a node that never saw the admin's session accepts a
 * token another node made, as long as both share the seal secret.
 */
class CsrfTokensTest {
  private static final String SECRET = "a-seal-secret-of-at-least-32-characters!";
  private static final Instant NOON = Instant.parse("2026-03-01T12:00:00Z");

  private static CsrfTokens node(String secret, Instant now) {
    return new CsrfTokens(secret, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aTokenMadeOnOneNodeIsAcceptedByAnotherNodeWithTheSameSecret() {
    String token = node(SECRET, NOON).issue("it-admin");

    assertThat(node(SECRET, NOON).verify("it-admin", token)).isTrue();
    assertThat(node(SECRET, NOON.plusSeconds(3600)).verify("it-admin", token)).isTrue();
  }

  @Test
  void theTokenIsAnHmacOverTheWindowAndTheUserWithTheSealSecret() {
    // 2026-03-01T12:00Z is epoch second 1772366400; 1772366400 / 43200 = window 41027.
    // printf '%s' 'checkout-bridge:admin-csrf:v1:41027:it-admin' \
    //   | openssl dgst -sha256 -hmac 'a-seal-secret-of-at-least-32-characters!' -binary | basenc --base64url | tr -d =
    assertThat(node(SECRET, NOON).issue("it-admin"))
        .isEqualTo("41027.E-OOjzRUd1QP37LBLy-MkUFA7eh-xzlP5gxg8gOpcrc");
  }

  @Test
  void anotherUsersTokenAnotherSecretsTokenAndATamperedTokenAreRefused() {
    String token = node(SECRET, NOON).issue("it-admin");

    assertThat(node(SECRET, NOON).verify("another-admin", token)).isFalse();
    assertThat(node("another-seal-secret-of-32-characters-or-more", NOON).verify("it-admin", token)).isFalse();
    assertThat(node(SECRET, NOON).verify("it-admin", token.substring(0, token.length() - 1) + "x")).isFalse();
    assertThat(node(SECRET, NOON).verify("it-admin", "41026" + token.substring(token.indexOf('.')))).isFalse();
    assertThat(node(SECRET, NOON).verify("it-admin", "")).isFalse();
    assertThat(node(SECRET, NOON).verify("it-admin", null)).isFalse();
    assertThat(node(SECRET, NOON).verify(null, token)).isFalse();
    assertThat(node(SECRET, NOON).verify("it-admin", "x".repeat(5000))).isFalse();
    assertThat(node(SECRET, NOON).verify("it-admin", "-1." + token.substring(token.indexOf('.') + 1))).isFalse();
  }

  @Test
  void aTokenLastsItsWindowAndTheNextOneOnly() {
    String token = node(SECRET, NOON).issue("it-admin");

    assertThat(node(SECRET, NOON.plus(CsrfTokens.WINDOW)).verify("it-admin", token)).isTrue();
    assertThat(node(SECRET, NOON.plus(CsrfTokens.WINDOW.multipliedBy(2))).verify("it-admin", token)).isFalse();
    assertThat(node(SECRET, NOON.minus(CsrfTokens.WINDOW)).verify("it-admin", token))
        .as("a token from a later window than the node's clock").isFalse();
  }
}
