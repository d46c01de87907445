package io.checkoutbridge.sandbox.dintero;

import static io.checkoutbridge.sandbox.dintero.DinteroFixture.API;
import static io.checkoutbridge.sandbox.dintero.DinteroFixture.CHECKOUT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scripted faults are the sandbox's own and check no Dintero field beyond the error body
 * {@code error.code/message} (Dintero.Node.SDK {@code src/generated/payments.d.ts}, {@code Error});
 * the 503 status and the code {@code sandbox_fault} are the sandbox's, not Dintero's.
 */
class DinteroFaultsTest {

  private final DinteroFixture f = new DinteroFixture();

  @AfterEach
  void close() {
    f.close();
  }

  private void fault(String operation, String mode, String extra) {
    SandboxResponse r = f.call(SandboxRequest.builder("POST", "/_faults").json(
        "{\"provider\":\"dintero\",\"operation\":\"" + operation + "\",\"mode\":\"" + mode + "\""
            + extra + "}"));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(201);
  }

  private static ObjectNode amount(long amount) {
    return Json.object().put("amount", amount);
  }

  @Test
  void errorFaultAnswers503AndChangesNothing() {
    String tx = f.authorizedTransaction();
    fault("capture", "error", ",\"count\":1,\"status\":503");
    SandboxResponse r = f.capture(tx, amount(1000));
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.bodyJson().at("/error/code").asText()).isEqualTo("sandbox_fault");
    assertThat(r.bodyJson().at("/error/message").asText()).isNotBlank();
    JsonNode after = f.transaction(tx);
    assertThat(after.get("status").asText()).isEqualTo("AUTHORIZED");
    assertThat(after.get("events")).hasSize(1);
    assertThat(f.capture(tx, amount(1000)).status()).as("the fault expired").isEqualTo(200);
  }

  @Test
  void errorFaultOnSessionCreationCreatesNoSession() {
    fault("session", "error", "");
    SandboxResponse r = f.call(f.post(CHECKOUT + "/sessions-profile",
        DinteroFixture.sessionBody("X", null)));
    assertThat(r.status()).isEqualTo(503);
    assertThat(f.call(f.get(CHECKOUT + "/transactions")).bodyJson()).isEmpty();
  }

  @Test
  void timeoutFaultMovesTheMoneyThenAnswersLate() throws Exception {
    String tx = f.authorizedTransaction();
    fault("capture", "timeout", ",\"delayMs\":1500");
    long start = System.nanoTime();
    CompletableFuture<SandboxResponse> slow = CompletableFuture.supplyAsync(
        () -> f.capture(tx, amount(49800)));

    // while the client is still waiting, the capture has already happened
    String status = "";
    long deadline = System.nanoTime() + Duration.ofMillis(1200).toNanos();
    while (!status.equals("CAPTURED") && System.nanoTime() < deadline) {
      status = f.transaction(tx).get("status").asText();
      Thread.sleep(20);
    }
    assertThat(status).isEqualTo("CAPTURED");
    assertThat(slow).isNotDone();

    SandboxResponse late = slow.get();
    assertThat(late.status()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(
        Duration.ofMillis(1500));
    // a blind retry is now refused; the plugin must fetch the state instead
    assertThat(f.capture(tx, amount(49800)).status()).isEqualTo(400);
  }

  @Test
  void failSecondLetsTheFirstCallThroughAndRefusesTheSecond() {
    String tx = f.authorizedTransaction();
    fault("capture", "fail-second", "");
    assertThat(f.capture(tx, amount(1000)).status()).isEqualTo(200);
    SandboxResponse second = f.capture(tx, amount(1000));
    assertThat(second.status()).isEqualTo(503);
    assertThat(f.transaction(tx).get("events")).hasSize(2);
    assertThat(f.capture(tx, amount(1000)).status()).isEqualTo(200);
  }

  @Test
  void tokenFaultMakesAuthenticationFail() {
    fault("token", "error", ",\"status\":500");
    SandboxResponse r = f.call(SandboxRequest.builder("POST",
            API + "/accounts/" + DinteroFixture.ACCOUNT + "/auth/token")
        .basicAuth(DinteroSimulator.CLIENT_ID, DinteroSimulator.CLIENT_SECRET)
        .json(DinteroFixture.tokenBody(DinteroFixture.ACCOUNT)));
    assertThat(r.status()).isEqualTo(500);
  }

  @Test
  void journalMasksCredentialsAndCardData() {
    f.token(); // Basic credentials in the Authorization header
    ObjectNode body = DinteroFixture.sessionBody("ORD-J", null);
    body.putObject("metadata").put("client_secret", "do-not-log")
        .putObject("card").put("cardNumber", "4111111111111111").put("cardSecurityCode", "737");
    f.call(f.post(CHECKOUT + "/sessions-profile", body));

    JsonNode journal = f.call(SandboxRequest.builder("GET", "/_journal")
        .query("provider", "dintero")).bodyJson();
    assertThat(journal).hasSize(2);
    String all = journal.toString();
    assertThat(all).doesNotContain("do-not-log", "4111111111111111", "737\"",
        DinteroSimulator.CLIENT_SECRET, f.token());
    JsonNode tokenCall = journal.get(0);
    assertThat(tokenCall.get("path").asText()).endsWith("/auth/token");
    assertThat(tokenCall.at("/headers/authorization").asText()).isEqualTo("***");
    assertThat(tokenCall.at("/body/grant_type").asText()).isEqualTo("client_credentials");
    JsonNode session = journal.get(1);
    assertThat(session.get("status").asInt()).isEqualTo(200);
    assertThat(session.at("/body/metadata/client_secret").asText()).isEqualTo("***");
    assertThat(session.at("/body/metadata/card/cardNumber").asText()).isEqualTo("***");
    assertThat(session.at("/body/order/amount").asLong()).isEqualTo(49800);
  }

  @Test
  void faultsNameDinterosOperations() {
    assertThat(f.sandbox.simulators().get("dintero").operations()).contains("token",
        "draft_order", "complete_order", "session", "get_transaction", "capture", "refund",
        "void", "order_record", "callback");
  }
}
