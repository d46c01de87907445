package io.checkoutbridge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.web.Seal.Purpose;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SealTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private final Seal seal = new Seal("0123456789abcdef0123456789abcdef");
  private final SealedEndpoints endpoints =
      new SealedEndpoints(URI.create("https://shop.example/"), seal, Clock.fixed(NOW, ZoneOffset.UTC));

  private static Map<String, List<String>> query(URI url) {
    return Responses.query(url.getRawQuery());
  }

  @Test
  void aSealVerifiesOnlyForItsOwnPaymentPurposeAndSecret() {
    Map<String, List<String>> q = Responses.query(endpoints.query(Purpose.CALLBACK, "payment-1"));
    assertThat(seal.verify(Purpose.CALLBACK, q, NOW)).isEqualTo(new Seal.Sealed("payment-1", false));
    assertThat(seal.verify(Purpose.RETURN, q, NOW)).isNull();
    assertThat(seal.verify(Purpose.PENDING, q, NOW)).isNull();
    assertThat(new Seal("another-secret-another-secret-1234").verify(Purpose.CALLBACK, q, NOW)).isNull();
    String s = q.get("seal").get(0);
    String exp = q.get("exp").get(0);
    assertThat(seal.verify(Purpose.CALLBACK, Map.of("pid", List.of("payment-2"), "exp", List.of(exp),
        "seal", List.of(s)), NOW)).isNull();
    assertThat(seal.verify(Purpose.CALLBACK, Map.of("pid", List.of("payment-1"), "exp", List.of(exp),
        "seal", List.of(s.substring(1))), NOW)).isNull();
    assertThat(seal.verify(Purpose.CALLBACK, Map.of("pid", List.of("payment-1"), "exp", List.of(exp + "0"),
        "seal", List.of(s)), NOW)).as("a longer life is not for the asking").isNull();
  }

  @Test
  void aShoppersReturnUrlDoesNotVerifyAsACallbackUrl() {
    URI back = endpoints.returnUrl("hokodo", "p-1");
    assertThat(seal.verify(Purpose.RETURN, query(back), NOW)).isNotNull();
    assertThat(seal.verify(Purpose.CALLBACK, query(back), NOW)).isNull();
    URI callback = endpoints.callbackUrl("hokodo", "p-1");
    assertThat(seal.verify(Purpose.RETURN, query(callback), NOW)).isNull();
  }

  @Test
  void aSealExpiresAfterItsPurposesLifetime() {
    URI back = endpoints.returnUrl("dintero", "p-1");
    Instant lastSecond = NOW.plus(SealedEndpoints.RETURN_LIFETIME);
    assertThat(seal.verify(Purpose.RETURN, query(back), lastSecond)).isNotNull();
    assertThat(seal.verify(Purpose.RETURN, query(back), lastSecond.plusSeconds(1))).isNull();
    Map<String, List<String>> pending = Responses.query(endpoints.query(Purpose.PENDING, "p-1"));
    assertThat(seal.verify(Purpose.PENDING, pending, NOW.plus(SealedEndpoints.PENDING_LIFETIME).plusSeconds(1)))
        .isNull();
    URI callback = endpoints.callbackUrl("dintero", "p-1");
    assertThat(seal.verify(Purpose.CALLBACK, query(callback), NOW.plus(Duration.ofDays(29)))).isNotNull();
    assertThat(seal.verify(Purpose.CALLBACK, query(callback), NOW.plus(SealedEndpoints.CALLBACK_LIFETIME)
        .plusSeconds(1))).isNull();
  }

  @Test
  void aSealOfEarlierVersionsIsReportedAsLegacyAndHonouredOnlyForYoungPayments() {
    String old = seal.legacySeal("p-1");
    Map<String, List<String>> q = Map.of("pid", List.of("p-1"), "seal", List.of(old));
    for (Purpose purpose : Purpose.values()) {
      assertThat(seal.verify(purpose, q, NOW)).isEqualTo(new Seal.Sealed("p-1", true));
    }
    assertThat(seal.verify(Purpose.RETURN, Map.of("pid", List.of("p-2"), "seal", List.of(old)), NOW)).isNull();
    assertThat(endpoints.legacyAccepted(NOW.minus(Duration.ofDays(29)))).isTrue();
    assertThat(endpoints.legacyAccepted(NOW.minus(SealedEndpoints.LEGACY_WINDOW))).isFalse();
  }

  @Test
  void aShortSecretIsRefused() {
    assertThatThrownBy(() -> new Seal("short")).hasMessageContaining("32");
  }

  @Test
  void sealedUrlsCarryThePaymentItsExpiryAndItsSeal() {
    URI callback = endpoints.callbackUrl("dintero", "p-1");
    long exp = NOW.plus(SealedEndpoints.CALLBACK_LIFETIME).getEpochSecond();
    assertThat(callback.toString())
        .startsWith("https://shop.example/payments/callback/dintero?pid=p-1&exp=" + exp + "&seal=");
    assertThat(endpoints.returnUrl("dintero", "p-1").getPath()).isEqualTo("/payments/return/dintero");
  }

  @Test
  void malformedQueryStringsAreRefusedNotPassedOn() {
    for (String bad : List.of("pid=%zz", "pid=%", "pid=%E0%A4%A", "a=%ff%fe", "pid=%00")) {
      assertThatThrownBy(() -> Responses.query(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(Responses.query("pid=a%20b&x=%C3%A9")).containsEntry("pid", List.of("a b")).containsEntry("x", List.of("é"));
  }
}
