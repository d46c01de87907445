package io.checkoutbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SandboxControlTest {

  private final Sandbox sandbox = Sandbox.builder().simulator(EchoSimulator::new).build();

  @AfterEach
  void close() {
    sandbox.close();
  }

  private SandboxResponse call(SandboxRequest.Builder b) {
    return sandbox.handle(b.build());
  }

  private SandboxResponse addFault(String json) {
    return call(SandboxRequest.builder("POST", "/_faults").json(json));
  }

  private SandboxResponse echo() {
    return call(SandboxRequest.builder("POST", "/echo/echo").json("{\"n\":1}"));
  }

  @Test
  void requestsReachTheSimulatorBelowItsId() {
    assertThat(echo().bodyText()).isEqualTo("{\"n\":1}");
    assertThat(call(SandboxRequest.builder("GET", "/echo/items/42/")).bodyText()).isEqualTo("42");
    assertThat(call(SandboxRequest.builder("GET", "/echo/nothing")).status()).isEqualTo(404);
    assertThat(call(SandboxRequest.builder("GET", "/nobody/x")).status()).isEqualTo(404);
  }

  @Test
  void journalEndpointListsRequestsOldestFirstWithParsedBodies() {
    echo();
    call(SandboxRequest.builder("POST", "/echo/echo").header("Authorization", "Bearer t")
        .json("{\"pin\":\"1234\",\"client_secret\":\"s\",\"keep\":true}"));
    JsonNode list = call(SandboxRequest.builder("GET", "/_journal").query("provider", "echo"))
        .bodyJson();
    assertThat(list).hasSize(2);
    JsonNode second = list.get(1);
    assertThat(second.get("seq").asLong()).isGreaterThan(list.get(0).get("seq").asLong());
    assertThat(second.get("provider").asText()).isEqualTo("echo");
    assertThat(second.get("direction").asText()).isEqualTo("in");
    assertThat(second.get("method").asText()).isEqualTo("POST");
    assertThat(second.get("path").asText()).isEqualTo("/echo");
    assertThat(second.get("status").asInt()).isEqualTo(200);
    assertThat(second.get("time").asText()).endsWith("Z");
    assertThat(second.at("/headers/authorization").asText()).isEqualTo("***");
    assertThat(second.at("/body/pin").asText()).isEqualTo("***");
    assertThat(second.at("/body/client_secret").asText()).isEqualTo("***");
    assertThat(second.at("/body/keep").asBoolean()).isTrue();

    assertThat(call(SandboxRequest.builder("DELETE", "/_journal")).status()).isEqualTo(204);
    assertThat(call(SandboxRequest.builder("GET", "/_journal")).bodyJson()).isEmpty();
  }

  @Test
  void errorFaultAnswersInTheProvidersShapeWithoutRunningTheHandler() {
    SandboxResponse created = addFault(
        "{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"error\",\"status\":502}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.bodyJson().get("remaining").asInt()).isEqualTo(1);

    SandboxResponse failed = echo();
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.bodyJson().get("code").asText()).isEqualTo("sandbox_fault");
    EchoSimulator sim = sandbox.simulator("echo", EchoSimulator.class);
    assertThat(sim.calls.get()).isZero();
    assertThat(echo().status()).isEqualTo(200);
    assertThat(sandbox.journal().entries()).extracting(JournalEntry::fault)
        .containsExactly("error", null);
  }

  @Test
  void faultsCountDownAndExpire() {
    addFault("{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"error\",\"count\":2}");
    assertThat(call(SandboxRequest.builder("GET", "/_faults")).bodyJson().get(0)
        .get("remaining").asInt()).isEqualTo(2);
    assertThat(echo().status()).isEqualTo(503);
    assertThat(call(SandboxRequest.builder("GET", "/_faults")).bodyJson().get(0)
        .get("remaining").asInt()).isEqualTo(1);
    assertThat(echo().status()).isEqualTo(503);
    assertThat(call(SandboxRequest.builder("GET", "/_faults")).bodyJson()).isEmpty();
    assertThat(echo().status()).isEqualTo(200);
  }

  @Test
  void failSecondLetsTheFirstCallThroughAndFailsTheSecond() {
    addFault("{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"fail-second\"}");
    EchoSimulator sim = sandbox.simulator("echo", EchoSimulator.class);
    assertThat(echo().status()).isEqualTo(200);
    assertThat(echo().status()).isEqualTo(503);
    assertThat(sim.calls.get()).isEqualTo(1);
    assertThat(echo().status()).isEqualTo(200);
  }

  @Test
  void slowFaultAnswersAfterTheDelay() {
    addFault("{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"slow\",\"delayMs\":200}");
    long start = System.nanoTime();
    assertThat(echo().status()).isEqualTo(200);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
  }

  @Test
  void timeoutBeforeWaitsAndAnswersTheErrorWithoutRunningTheHandler() {
    addFault("{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"timeout-before\",\"delayMs\":200}");
    long start = System.nanoTime();
    assertThat(echo().status()).isEqualTo(503);
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    assertThat(sandbox.simulator("echo", EchoSimulator.class).calls.get()).isZero();
    assertThat(sandbox.journal().entries()).extracting(JournalEntry::fault).containsExactly("timeout-before");
  }

  @Test
  void errorAfterRunsTheHandlerAndStillAnswersTheError() {
    addFault("{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"error-after\",\"status\":502}");
    SandboxResponse failed = echo();
    assertThat(failed.status()).isEqualTo(502);
    assertThat(failed.bodyJson().get("code").asText()).isEqualTo("sandbox_fault");
    assertThat(sandbox.simulator("echo", EchoSimulator.class).calls.get()).isEqualTo(1);
    assertThat(sandbox.journal().entries()).extracting(JournalEntry::status).containsExactly(502);
  }

  @Test
  void faultsAreValidated() {
    assertThat(addFault("{\"provider\":\"nope\",\"operation\":\"echo\",\"mode\":\"error\"}")
        .status()).isEqualTo(400);
    assertThat(addFault("{\"provider\":\"echo\",\"operation\":\"nope\",\"mode\":\"error\"}")
        .bodyJson().at("/error/message").asText()).contains("unknown operation");
    assertThat(addFault("{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"sideways\"}")
        .status()).isEqualTo(400);
    assertThat(addFault("{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"duplicate\"}")
        .status()).isEqualTo(400);
    assertThat(addFault("{\"provider\":\"echo\",\"operation\":\"callback\",\"mode\":\"error\"}")
        .status()).isEqualTo(400);
    assertThat(addFault("{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"error\","
        + "\"count\":0}").status()).isEqualTo(400);
    assertThat(addFault("not json").status()).isEqualTo(400);
    assertThat(sandbox.faults().active()).isEmpty();
  }

  @Test
  void severalFaultsCanBePostedAtOnceAndCleared() {
    SandboxResponse r = addFault("[{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"error\"},"
        + "{\"provider\":\"echo\",\"operation\":\"callback\",\"mode\":\"drop\"}]");
    assertThat(r.bodyJson()).hasSize(2);
    assertThat(r.bodyJson().get(1).get("delayMs").asLong()).isZero();
    assertThat(call(SandboxRequest.builder("DELETE", "/_faults")).status()).isEqualTo(204);
    assertThat(sandbox.faults().active()).isEmpty();
  }

  @Test
  void resetClearsJournalFaultsAndState() {
    echo();
    addFault("{\"provider\":\"echo\",\"operation\":\"echo\",\"mode\":\"error\"}");
    assertThat(call(SandboxRequest.builder("POST", "/_reset")).status()).isEqualTo(204);
    assertThat(sandbox.journal().entries()).isEmpty();
    assertThat(sandbox.faults().active()).isEmpty();
    assertThat(sandbox.simulator("echo", EchoSimulator.class).calls.get()).isZero();
  }

  @Test
  void indexPageListsSimulators() {
    SandboxResponse r = call(SandboxRequest.builder("GET", "/"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).contains("/sandbox/echo/", "_journal", "_faults");
  }

  @Test
  void rejectedRequestsAreJournalledInTheProvidersShape() {
    SandboxResponse r = sandbox.reject(SandboxRequest.builder("POST", "/echo/echo").build(), 413,
        "payload_too_large", "too big");
    assertThat(r.status()).isEqualTo(413);
    assertThat(r.bodyJson().get("detail").asText()).isEqualTo("too big");
    assertThat(sandbox.journal().entries()).singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(413));
  }
}
