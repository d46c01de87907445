package io.checkoutbridge.provider.dintero;

import static io.checkoutbridge.provider.dintero.DinteroTestSupport.ACCOUNT;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.CLOCK;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.NOW;
import static io.checkoutbridge.provider.dintero.DinteroTestSupport.SIGNATURE_SECRET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.error.SignatureException;
import io.checkoutbridge.api.spi.CallbackRequest;
import io.checkoutbridge.api.spi.CallbackVerification;
import io.checkoutbridge.api.Capability;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where each checked field of Dintero's session callback comes from.
 * <ul>
 *   <li>Query {@code transaction_id}, {@code session_id}, {@code merchant_reference}, {@code time},
 *       {@code event}, {@code event_id}, {@code report_error}, {@code report_event} (repeatable) and
 *       the header {@code event-delivery} ("a unique delivery ID"): Dintero.Node.SDK
 *       {@code src/generated/payments.d.ts}, {@code CallbackUrl} and the query and header types of
 *       {@code /examples/session_url_callback}.</li>
 *   <li>{@code Dintero-Signature: t=..,v0-hmac-sha256=..} over timestamp, account, method, hostname,
 *       path and the sorted query, spaces as {@code +}: docs.dintero.com
 *       {@code /checkout-api/secrets/admin_signature_post} (its example: secret {@code 123}, account
 *       {@code P00000000}, the vector in {@code dinterosDocumentedExampleVerifies}) and
 *       {@code /docs/checkout/validating-callbacks}. The five-minute tolerance is the one that page
 *       recommends; refusing timestamps from the future is the plugin's own choice.</li>
 *   <li>The header is sent only once a signature secret exists: payments.d.ts ("Only include if a
 *       signature secret exist"), hence signed callbacks as a capability only with a secret.</li>
 *   <li>Host name case: unverified; the docs' example signs {@code URL.hostname}, which the WHATWG
 *       URL parser lower-cases, and the verifier assumes the same.</li>
 *   <li>The dedupe keys are the plugin's own; no Dintero field is asserted there beyond the above.</li>
 * </ul>
 */
class DinteroCallbackTest {
  private static final URI CALLBACK = URI.create("https://shop.example/payments/callback/dintero?pid=pay-1&seal=abc"
      + "&report_error=true&transaction_id=T12345678.3YkJXSdSnUBXcmQSzn7uJj&session_id=T12345678.56ZCpbrbmqC5pq93Ts6ukC"
      + "&merchant_reference=K7X2M9QPL&time=2026-11-20T10%3A00%3A31.000Z");

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private DinteroProvider signed() {
    return new DinteroProvider(DinteroTestSupport.settings(server, SIGNATURE_SECRET),
        DinteroTestSupport.http(Duration.ofSeconds(5)), CLOCK);
  }

  private static DinteroSignature signer() {
    return new DinteroSignature(ACCOUNT, SIGNATURE_SECRET, Duration.ofMinutes(5));
  }

  private static CallbackRequest callback(String method, URI url, Map<String, String> headers) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String pair : url.getRawQuery().split("&")) {
      int eq = pair.indexOf('=');
      query.computeIfAbsent(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    Map<String, List<String>> lists = new HashMap<>();
    headers.forEach((k, v) -> lists.put(k, List.of(v)));
    return new CallbackRequest(method, url, lists, query, new byte[0]);
  }

  @Test
  void dinterosDocumentedExampleVerifies() {
    DinteroSignature signature = new DinteroSignature("P00000000", "123", Duration.ofMinutes(5));
    String header = "t=1582236537,v0-hmac-sha256=6bed2ab1b919d460ef7465a20dc6c97260dca73fab6647106ca525f0908df64a";

    assertThatCode(() -> signature.verify(header, "GET", URI.create("https://example.com/callback?B=123&A=992"),
        Instant.ofEpochSecond(1582236537 + 30))).doesNotThrowAnyException();
  }

  @Test
  void validSignedCallbackIsAcceptedWithADedupeKey() throws Exception {
    String header = signer().header(NOW.getEpochSecond() - 20, "GET", CALLBACK);

    CallbackVerification verification = signed().verifyCallback(
        callback("GET", CALLBACK, Map.of("Dintero-Signature", header)));

    assertThat(verification.dedupeKey())
        .isEqualTo("dintero:T12345678.3YkJXSdSnUBXcmQSzn7uJj:2026-11-20T10:00:31.000Z:::");
    assertThat(verification.description()).contains("T12345678.3YkJXSdSnUBXcmQSzn7uJj").contains("signed");
  }

  @Test
  void forgedSignatureIsRejected() {
    String forged = "t=" + NOW.getEpochSecond() + ",v0-hmac-sha256=" + "ab".repeat(32);

    assertThatThrownBy(() -> signed().verifyCallback(callback("GET", CALLBACK, Map.of("Dintero-Signature", forged))))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("does not match")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SIGNATURE_SECRET));
  }

  @Test
  void signatureOfAnotherQueryIsRejected() {
    String header = signer().header(NOW.getEpochSecond(), "GET", CALLBACK);
    URI tampered = URI.create(CALLBACK.toString().replace("merchant_reference=K7X2M9QPL", "merchant_reference=OTHER"));

    assertThatThrownBy(() -> signed().verifyCallback(callback("GET", tampered, Map.of("Dintero-Signature", header))))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void signatureOfAnotherMethodIsRejected() {
    String header = signer().header(NOW.getEpochSecond(), "POST", CALLBACK);

    assertThatThrownBy(() -> signed().verifyCallback(callback("GET", CALLBACK, Map.of("Dintero-Signature", header))))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void staleSignatureIsRejected() {
    String header = signer().header(NOW.getEpochSecond() - 301, "GET", CALLBACK);

    assertThatThrownBy(() -> signed().verifyCallback(callback("GET", CALLBACK, Map.of("Dintero-Signature", header))))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("tolerance");
  }

  @Test
  void signatureFromTooFarInTheFutureIsRejected() {
    String header = signer().header(NOW.getEpochSecond() + 301, "GET", CALLBACK);

    assertThatThrownBy(() -> signed().verifyCallback(callback("GET", CALLBACK, Map.of("Dintero-Signature", header))))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void missingSignatureIsRejectedWhenASecretIsConfigured() {
    assertThatThrownBy(() -> signed().verifyCallback(callback("GET", CALLBACK, Map.of())))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("Dintero-Signature");
  }

  @Test
  void malformedSignatureHeaderIsRejected() {
    assertThatThrownBy(() -> signed().verifyCallback(
        callback("GET", CALLBACK, Map.of("Dintero-Signature", "v0-hmac-sha256=abc"))))
        .isInstanceOf(SignatureException.class)
        .hasMessageContaining("malformed");
  }

  @Test
  void unsignedCallbackIsAcceptedWithoutASecret() throws Exception {
    CallbackVerification verification = DinteroTestSupport.provider(server)
        .verifyCallback(callback("GET", CALLBACK, Map.of()));

    assertThat(verification.dedupeKey()).startsWith("dintero:T12345678.3YkJXSdSnUBXcmQSzn7uJj:");
  }

  @Test
  void queryIsSortedStablyByNameWithSpacesAsPlus() {
    assertThat(DinteroSignature.canonicalQuery("b=2&a=x%20y&report_event=VOID&a=1&report_event=CAPTURE&c=%C3%B8+z"))
        .isEqualTo("a=x+y&a=1&b=2&c=%C3%B8+z&report_event=VOID&report_event=CAPTURE");
    assertThat(DinteroSignature.canonicalQuery(null)).isEmpty();
  }

  @Test
  void signatureCoversTheParametersDinteroAddsWithTheSealKept() throws Exception {
    URI withSpaces = URI.create(CALLBACK + "&error=authorization&note=two%20words");
    String header = signer().header(NOW.getEpochSecond(), "GET", URI.create(CALLBACK + "&error=authorization&note=two+words"));

    assertThatCode(() -> signed().verifyCallback(callback("GET", withSpaces, Map.of("Dintero-Signature", header))))
        .doesNotThrowAnyException();
  }

  @Test
  void hostNameCaseDoesNotMatter() {
    String header = signer().header(NOW.getEpochSecond(), "GET", CALLBACK);
    URI upper = URI.create(CALLBACK.toString().replace("shop.example", "SHOP.Example"));

    assertThatCode(() -> signed().verifyCallback(callback("GET", upper, Map.of("Dintero-Signature", header))))
        .doesNotThrowAnyException();
  }

  @Test
  void dedupeKeyIsTheEventDeliveryHeaderWhenSent() throws Exception {
    CallbackVerification verification = DinteroTestSupport.provider(server).verifyCallback(
        callback("GET", CALLBACK, Map.of("event-delivery", "del-42")));

    assertThat(verification.dedupeKey()).isEqualTo("dintero:delivery:del-42");
  }

  @Test
  void sameCallbackTwiceHasOneKeyAndAnotherEventAnother() throws Exception {
    DinteroProvider provider = DinteroTestSupport.provider(server);
    URI capture = URI.create(CALLBACK + "&event=CAPTURE&event_id=3");

    String first = provider.verifyCallback(callback("GET", CALLBACK, Map.of())).dedupeKey();
    String again = provider.verifyCallback(callback("GET", CALLBACK, Map.of())).dedupeKey();
    String other = provider.verifyCallback(callback("GET", capture, Map.of())).dedupeKey();

    assertThat(again).isEqualTo(first);
    assertThat(other).isNotEqualTo(first).endsWith(":CAPTURE:3:");
  }

  @Test
  void callbackWithoutTransactionOrTimeFallsBackToADigest() throws Exception {
    URI bare = URI.create("https://shop.example/payments/callback/dintero?pid=pay-1&seal=abc&report_error=true");

    CallbackVerification verification = DinteroTestSupport.provider(server)
        .verifyCallback(callback("GET", bare, Map.of()));

    assertThat(verification.dedupeKey()).matches("dintero:[0-9a-f]{64}");
  }

  @Test
  void capabilitiesListSignedCallbacksOnlyWithASecret() {
    assertThat(signed().capabilities()).contains(Capability.SIGNED_CALLBACKS);
    assertThat(DinteroTestSupport.provider(server).capabilities())
        .doesNotContain(Capability.SIGNED_CALLBACKS)
        .containsExactlyInAnyOrder(Capability.REDIRECT, Capability.CAPTURE, Capability.PARTIAL_CAPTURE,
            Capability.MULTIPLE_CAPTURES, Capability.PER_LINE_CAPTURE, Capability.REFUND, Capability.PARTIAL_REFUND,
            Capability.VOID, Capability.VOID_REMAINING);
  }
}
