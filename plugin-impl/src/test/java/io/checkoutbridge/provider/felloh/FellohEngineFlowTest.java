package io.checkoutbridge.provider.felloh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.AdminCommand;
import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.PaymentView;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.ProviderPayment;
import io.checkoutbridge.engine.Endpoints;
import io.checkoutbridge.engine.PaymentEngine;
import io.checkoutbridge.provider.support.JsonHttp;
import io.checkoutbridge.store.Database;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.TestDatabase;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The adapter driven by the real engine on H2, against a small stateful stand-in for Felloh:
 * the ledger must come out right for pay-now, pre-authorise then complete or reverse, and a refund
 * that waits for approval.
 */
class FellohEngineFlowTest {
  private final MockWebServer server = new MockWebServer();
  private final FakeFelloh felloh = new FakeFelloh();
  private TestDatabase database;
  private PaymentEngine engine;
  private FellohProvider provider;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(felloh);
    server.start();
    database = TestDatabase.create(TestDatabase.Kind.H2);
    Endpoints endpoints = new Endpoints() {
      @Override
      public URI returnUrl(String providerId, String paymentId) {
        return URI.create("https://shop.example/payments/return/" + providerId + "?pid=" + paymentId + "&seal=s");
      }

      @Override
      public URI callbackUrl(String providerId, String paymentId) {
        return URI.create("https://shop.example/payments/callback/" + providerId + "?pid=" + paymentId + "&seal=s");
      }
    };
    provider = new FellohProvider(FellohFixtures.settings(server), FellohFixtures.http(), Clock.systemUTC());
    engine = new PaymentEngine(new Database(database.dataSource()), Map.of(FellohProvider.ID, provider), endpoints,
        Clock.systemUTC(), change -> { }, null, Duration.ofMinutes(1), Duration.ofSeconds(30));
  }

  @AfterEach
  void stop() throws Exception {
    database.close();
    server.close();
  }

  private static AdminCommand command(Selection selection) {
    return new AdminCommand(selection, "flow test", "admin", "flow-" + UUID.randomUUID());
  }

  @Test
  void payNowThenARefundThatWaitsForApproval() throws Exception {
    String id = engine.start(FellohProvider.ID, Carts.request("F-1").withCaptureLater(false)).paymentId();
    assertThat(felloh.created.path("authorisation_only").asBoolean()).isFalse();
    felloh.shopperPays("COMPLETE");

    assertThat(engine.refresh(id).status()).isEqualTo(PaymentStatus.CAPTURED);

    PaymentView waiting = engine.refund(id, command(Selection.amount(Money.of("40.00", "GBP"))));
    assertThat(waiting.ledger().pendingRefund()).isEqualTo(Money.of("40.00", "GBP"));
    assertThat(engine.refresh(id).ledger().pendingRefund()).isEqualTo(Money.of("40.00", "GBP"));

    felloh.approveRefunds();
    PaymentView approved = engine.refresh(id);
    assertThat(approved.status()).isEqualTo(PaymentStatus.PARTIALLY_REFUNDED);
    assertThat(approved.ledger().refunded()).isEqualTo(Money.of("40.00", "GBP"));
    assertThat(approved.ledger().pendingRefund()).isEqualTo(Money.of("0.00", "GBP"));

    PaymentView small = engine.refund(id, command(Selection.amount(Money.of("3.95", "GBP"))));
    assertThat(small.ledger().refunded()).isEqualTo(Money.of("43.95", "GBP"));
  }

  @Test
  void refundsAwaitingApprovalAreAuthorisedOrDeclinedThroughFellohAndTheLedgerFollows() throws Exception {
    String id = engine.start(FellohProvider.ID, Carts.request("F-5").withCaptureLater(false)).paymentId();
    felloh.shopperPays("COMPLETE");
    engine.refresh(id);
    ProviderPayment payment = FellohFixtures.payment(Map.of(FellohProvider.REF_ECOMMERCE, FellohFixtures.ECOMMERCE_ID,
        FellohProvider.REF_TRANSACTION, FellohFixtures.TRANSACTION_ID));

    engine.refund(id, command(Selection.amount(Money.of("21.00", "GBP"))));
    assertThat(provider.refundsAwaitingApproval(payment)).extracting(FellohProvider.RefundAwaitingApproval::authorisationCode)
        .containsExactly("RA-0");
    provider.declineRefund("RA-0");
    PaymentView declined = engine.refresh(id);
    assertThat(declined.ledger().refunded()).isEqualTo(Money.of("0.00", "GBP"));
    assertThat(declined.ledger().pendingRefund()).as("released").isEqualTo(Money.of("0.00", "GBP"));

    engine.refund(id, command(Selection.amount(Money.of("25.00", "GBP"))));
    assertThat(provider.refundsAwaitingApproval(payment)).extracting(FellohProvider.RefundAwaitingApproval::authorisationCode)
        .containsExactly("RA-1");
    provider.authoriseRefund("RA-1");
    PaymentView approved = engine.refresh(id);
    assertThat(approved.ledger().refunded()).isEqualTo(Money.of("25.00", "GBP"));
    assertThat(approved.ledger().pendingRefund()).isEqualTo(Money.of("0.00", "GBP"));
    assertThat(provider.refundsAwaitingApproval(payment)).isEmpty();
  }

  @Test
  void preAuthoriseThenComplete() throws Exception {
    String id = engine.start(FellohProvider.ID, Carts.request("F-2")).paymentId();
    assertThat(felloh.created.path("authorisation_only").asBoolean()).isTrue();
    assertThat(felloh.created.path("amount").asLong()).isEqualTo(5395);
    felloh.shopperPays("AUTHORISED");
    assertThat(engine.refresh(id).status()).isEqualTo(PaymentStatus.AUTHORIZED);

    assertThatThrownBy(() -> engine.capture(id, command(Selection.amount(Money.of("10.00", "GBP")))))
        .isInstanceOf(PaymentException.class)
        .extracting(e -> ((PaymentException) e).code())
        .isEqualTo(ErrorCode.UNSUPPORTED);

    PaymentView captured = engine.capture(id, command(Selection.remaining()));
    assertThat(captured.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(felloh.status).isEqualTo("COMPLETE");
    assertThat(engine.refresh(id).ledger().captured()).isEqualTo(Money.of("53.95", "GBP"));
  }

  @Test
  void preAuthoriseThenReverse() throws Exception {
    String id = engine.start(FellohProvider.ID, Carts.request("F-3")).paymentId();
    felloh.shopperPays("AUTHORISED");
    engine.refresh(id);

    PaymentView voided = engine.voidAuthorization(id, command(Selection.remaining()));

    assertThat(voided.status()).isEqualTo(PaymentStatus.VOIDED);
    assertThat(felloh.status).isEqualTo("REVERSED");
    assertThat(engine.refresh(id).status()).isEqualTo(PaymentStatus.VOIDED);
  }

  @Test
  void completeThatTimesOutIsSettledFromFellohsStateWithoutSendingItAgain() throws Exception {
    String id = engine.start(FellohProvider.ID, Carts.request("F-4")).paymentId();
    felloh.shopperPays("AUTHORISED");
    engine.refresh(id);
    felloh.slowCompletes = true;

    PaymentView after = engine.capture(id, command(Selection.remaining()));

    assertThat(after.status()).isEqualTo(PaymentStatus.CAPTURED);
    assertThat(felloh.completes).isEqualTo(1);
  }

  /** Felloh as far as these flows need it: one session, one transaction, refunds above 20.00 need approval. */
  private static final class FakeFelloh extends Dispatcher {
    volatile JsonNode created;
    volatile String status;
    volatile boolean slowCompletes;
    volatile int completes;
    private final List<ObjectNode> refunds = new ArrayList<>();

    void shopperPays(String outcome) {
      status = outcome;
    }

    synchronized void approveRefunds() {
      refunds.forEach(r -> r.putObject("status").put("id", "COMPLETE"));
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      String path = request.getUrl().encodedPath();
      String method = request.getMethod();
      if (path.equals("/token")) {
        return answer(JsonHttp.object().put("token", "t").put("expiry_time", 4_000_000_000L).put("type", "BEARER"));
      }
      if (method.equals("PUT") && path.equals("/agent/ecommerce")) {
        created = FellohFixtures.bodyOf(request);
        return answer(JsonHttp.object().put("id", FellohFixtures.ECOMMERCE_ID));
      }
      if (path.equals("/agent/ecommerce/" + FellohFixtures.ECOMMERCE_ID)) {
        ObjectNode session = JsonHttp.object().put("id", FellohFixtures.ECOMMERCE_ID)
            .put("amount", created.path("amount").asLong()).put("currency", "GBX");
        ArrayNode transactions = session.putArray("transactions");
        if (status != null) {
          transactions.addObject().put("id", FellohFixtures.TRANSACTION_ID).put("created_at", "2026-03-01T10:00:00Z");
        }
        return answer(session);
      }
      String tx = "/agent/transactions/" + FellohFixtures.TRANSACTION_ID;
      if (path.equals(tx)) {
        // node-sdk Transaction: no refunds on the transaction itself.
        ObjectNode transaction = JsonHttp.object().put("id", FellohFixtures.TRANSACTION_ID)
            .put("amount", created.path("amount").asLong()).put("currency", "GBX").put("status", status);
        return answer(transaction);
      }
      if (path.equals(tx + "/complete") && "AUTHORISED".equals(status)) {
        completes++;
        status = "COMPLETE";
        MockResponse done = answer(JsonHttp.object());
        return slowCompletes
            ? new MockResponse.Builder(done).headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).build()
            : done;
      }
      if (path.equals(tx + "/reverse") && "AUTHORISED".equals(status)) {
        status = "REVERSED";
        return answer(JsonHttp.object());
      }
      if (method.equals("POST") && path.equals(tx + "/refund")) {
        JsonNode body = FellohFixtures.bodyOf(request);
        long amount = body.path("amount").asLong();
        ObjectNode refund = JsonHttp.object().put("amount", amount).put("authorisation_code", "RA-" + refunds.size());
        refund.putObject("status").put("id", amount > 2000 ? "PENDING_AUTHORISATION" : "COMPLETE");
        refund.putObject("transaction").put("id", FellohFixtures.TRANSACTION_ID);
        refund.set("metadata", body.path("metadata"));
        refunds.add(refund);
        return answer(JsonHttp.object()); // node-sdk: FellohResponse<void>
      }
      if (method.equals("POST") && path.equals("/agent/refunds")) {
        JsonNode body = FellohFixtures.bodyOf(request);
        int skip = body.path("skip").asInt();
        int take = body.path("take").asInt();
        ArrayNode page = JsonHttp.MAPPER.createArrayNode();
        refunds.stream().skip(skip).limit(take).forEach(page::add);
        ObjectNode envelope = JsonHttp.object();
        envelope.set("data", page);
        envelope.putArray("errors");
        envelope.putObject("meta").put("code", 200).put("count", refunds.size()).put("request_id", "list");
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(envelope.toString())
            .build();
      }
      if (method.equals("GET") && path.matches("/agent/refunds/RA-\\d+/(authorise|decline)")) {
        String code = path.split("/")[3];
        for (ObjectNode r : refunds) {
          if (r.path("authorisation_code").asText().equals(code)
              && r.path("status").path("id").asText().equals("PENDING_AUTHORISATION")) {
            r.putObject("status").put("id", path.endsWith("/authorise") ? "COMPLETE" : "DECLINED");
            return answer(JsonHttp.object());
          }
        }
      }
      return new MockResponse.Builder().code(400).body("{\"data\":{},\"errors\":[{\"title\":\"Not allowed\"}],"
          + "\"meta\":{\"status\":400,\"request_id\":\"x\"}}").build();
    }

    private static MockResponse answer(ObjectNode data) {
      ObjectNode envelope = JsonHttp.object();
      envelope.set("data", data);
      envelope.putArray("errors");
      envelope.putObject("meta").put("code", 200).put("request_id", UUID.randomUUID().toString());
      return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(envelope.toString()).build();
    }
  }
}
