package io.checkoutbridge.sandbox.kibo;

import static io.checkoutbridge.sandbox.kibo.KiboFixture.CARD;
import static io.checkoutbridge.sandbox.kibo.KiboFixture.authorizeBody;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Card data never kept or journaled; scripted faults behave as for every provider. */
class KiboSandboxSafetyTest {
  private final KiboFixture f = new KiboFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private String journal() {
    return f.call(SandboxRequest.builder("GET", "/_journal").query("provider", "kibo")).bodyText();
  }

  @Test
  void journalAndStateNeverHoldTheCardNumber() {
    String token = f.authorized("cart-1").get("authToken").asText();
    f.createOrder(KiboFixture.orderBody("ORD-1", token));
    f.authorize(authorizeBody("cart-2", KiboSimulator.DECLINE_CARD, "1.00"));
    f.authorize(authorizeBody("cart-3", "4111111111111112", "1.00")); // fails Luhn

    String journal = journal();
    assertThat(journal).contains("\"cardNumber\":\"***\"").contains("\"cardSecurityCode\":\"***\"")
        .contains("\"authorizationID\":\"***\"").contains("createOrder/authorize");
    assertThat(journal).doesNotContain(CARD).doesNotContain(KiboSimulator.DECLINE_CARD)
        .doesNotContain("4111111111111112").doesNotContain(token).doesNotContain(KiboSimulator.API_KEY);
    assertThat(String.join("\n", f.simulator().everythingKept())).doesNotContain(CARD)
        .doesNotContain(KiboSimulator.DECLINE_CARD).contains("1111");
  }

  @Test
  void payPalAndStoredTokenSecretsAreMaskedToo() {
    ObjectNode payPal = authorizeBody("pp", CARD, "2.00");
    ((ObjectNode) payPal.get("paymentMethod")).put("paymentType", "PP").put("payPalToken", "EC-SECRET-1")
        .put("payPalPayerID", "PAYER1").remove(java.util.List.of("cardNumber", "cardIssuer", "cardExpiration"));
    ObjectNode stored = authorizeBody("tk", CARD, "2.00");
    ((ObjectNode) stored.get("paymentMethod")).put("paymentType", "TK").put("paymentMethodToken", "pmt-SECRET-2")
        .remove(java.util.List.of("cardNumber", "cardIssuer", "cardExpiration"));

    assertThat(f.authorize(payPal).status()).isEqualTo(200);
    assertThat(f.authorize(stored).status()).isEqualTo(200);
    assertThat(journal()).doesNotContain("EC-SECRET-1").doesNotContain("pmt-SECRET-2");
  }

  @Test
  void errorFaultOnAuthorizeAnswersUnavailableAndAuthorizesNothing() {
    f.call(SandboxRequest.builder("POST", "/_faults")
        .json("{\"provider\":\"kibo\",\"operation\":\"authorize\",\"mode\":\"error\",\"status\":503}"));

    SandboxResponse r = f.authorize(authorizeBody("cart-1", CARD, "42.50"));

    assertThat(r.status()).isEqualTo(503);
    assertThat(r.bodyJson().get("statusCode").asInt()).isEqualTo(5001);
    assertThat(r.bodyJson().get("status").asText()).isEqualTo("UNAVAILABLE");
    assertThat(f.simulator().authorizationCount()).isZero();
    assertThat(f.authorize(authorizeBody("cart-1", CARD, "42.50")).status()).as("the fault is spent").isEqualTo(200);
  }

  @Test
  void timeoutFaultOnCreateOrderCreatesTheOrderThenAnswersLate() throws Exception {
    String token = f.authorized("cart-1").get("authToken").asText();
    f.call(SandboxRequest.builder("POST", "/_faults")
        .json("{\"provider\":\"kibo\",\"operation\":\"create_order\",\"mode\":\"timeout\",\"delayMs\":4000}"));

    CompletableFuture<SandboxResponse> late = CompletableFuture.supplyAsync(
        () -> f.createOrder(KiboFixture.orderBody("ORD-1", token)));
    // Poll until the order exists; the answer is held four seconds, a margin a busy machine keeps.
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (f.simulator().orders().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    boolean answeredYet = late.isDone();

    assertThat(f.simulator().orders()).hasSize(1);
    assertThat(answeredYet).as("the order exists before the answer leaves").isFalse();
    assertThat(late.get().status()).isEqualTo(201);
  }

  @Test
  void resetForgetsEverything() {
    f.createOrder(KiboFixture.orderBody("ORD-1", f.authorized("cart-1").get("authToken").asText()));

    f.call(SandboxRequest.builder("POST", "/_reset"));

    assertThat(f.simulator().orders()).isEmpty();
    assertThat(f.simulator().authorizationCount()).isZero();
    assertThat(f.authorize(authorizeBody("cart-1", CARD, "1.00")).status()).as("old token forgotten").isEqualTo(401);
  }

  @Test
  void unknownPathAnswersKibosNotFound() {
    SandboxResponse r = f.call(f.post("/kibo/api/v2/nothing/1", Json.object()));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyJson().get("statusCode").asInt()).isEqualTo(5002);
  }
}
