package io.checkoutbridge.provider.felloh;

import static io.checkoutbridge.provider.felloh.FellohFixtures.ECOMMERCE_ID;
import static io.checkoutbridge.provider.felloh.FellohFixtures.TRANSACTION_ID;
import static io.checkoutbridge.provider.felloh.FellohFixtures.gbp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.spi.ProviderState;
import io.checkoutbridge.provider.support.JsonHttp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refunds list as node-sdk describes it: {@code POST /agent/refunds} with {@code organisation},
 * {@code skip}, {@code take} only ({@code ListRefundsParams}), the organisation's refunds newest
 * first, {@code meta.count} the total (a string or a number: {@code src/http.ts}), pages read until
 * short or counted ({@code src/pagination.ts}); each refund names its {@code transaction.id}
 * ({@code Refund}). A filter Felloh does not document ({@code keyword}) is ignored, as an unknown
 * field would be.
 */
class FellohRefundListTest {
  private final MockWebServer server = new MockWebServer();
  private final List<JsonNode> listed = new ArrayList<>();
  private final List<ObjectNode> refunds = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    // 250 refunds of the organisation, newest first; this transaction's are the 6th, the 121st and the 241st.
    for (int i = 0; i < 250; i++) {
      boolean mine = i == 5 || i == 120 || i == 240;
      ObjectNode r = JsonHttp.object().put("amount", mine ? 1000 : 1).put("authorisation_code", "RA-" + i);
      r.putObject("status").put("id", "COMPLETE");
      r.putObject("transaction").put("id", mine ? TRANSACTION_ID : "other-" + i).put("amount", 12345);
      refunds.add(r);
    }
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        String path = request.getUrl().encodedPath();
        if (path.equals("/token")) {
          return answer(JsonHttp.object().put("token", "t").put("expiry_time", 4_000_000_000L), null);
        }
        if (path.equals("/agent/ecommerce/" + ECOMMERCE_ID)) {
          ObjectNode session = JsonHttp.object().put("id", ECOMMERCE_ID).put("amount", 12345).put("currency", "GBX");
          session.putArray("transactions").addObject().put("id", TRANSACTION_ID);
          return answer(session, null);
        }
        if (path.equals("/agent/transactions/" + TRANSACTION_ID)) {
          return answer(JsonHttp.object().put("id", TRANSACTION_ID).put("amount", 12345).put("currency", "GBX")
              .put("status", "PARTIALLY_REFUNDED"), null);
        }
        if (path.equals("/agent/transactions/" + TRANSACTION_ID + "/refund")) {
          JsonNode body = FellohFixtures.bodyOf(request);
          ObjectNode r = JsonHttp.object().put("amount", body.path("amount").asLong()).put("authorisation_code", "RA-NEW");
          r.putObject("status").put("id", "COMPLETE");
          r.putObject("transaction").put("id", TRANSACTION_ID);
          r.set("metadata", body.path("metadata"));
          synchronized (refunds) {
            refunds.add(0, r); // newest first
          }
          return answer(JsonHttp.object(), null); // node-sdk: FellohResponse<void>
        }
        if (path.equals("/agent/refunds")) {
          JsonNode body = FellohFixtures.bodyOf(request);
          synchronized (listed) {
            listed.add(body);
          }
          ArrayNode page = JsonHttp.MAPPER.createArrayNode();
          refunds.stream().skip(body.path("skip").asInt()).limit(body.path("take").asInt()).forEach(page::add);
          return answer(page, Integer.toString(refunds.size()));
        }
        return new MockResponse.Builder().code(404).build();
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static MockResponse answer(JsonNode data, String count) {
    ObjectNode envelope = JsonHttp.object();
    envelope.set("data", data);
    envelope.putArray("errors");
    ObjectNode meta = envelope.putObject("meta").put("code", 200).put("request_id", "r");
    if (count != null) {
      meta.put("count", count);
    }
    return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(envelope.toString()).build();
  }

  @Test
  void everyPageIsReadSoRefundsBeyondTheNewestHundredCount() throws Exception {
    ProviderState state = FellohFixtures.provider(server)
        .fetchState(FellohFixtures.payment(Map.of(FellohProvider.REF_ECOMMERCE, ECOMMERCE_ID)));

    assertThat(state.refunded()).isEqualTo(gbp("30.00"));
    assertThat(listed).extracting(b -> b.path("skip").asInt()).containsExactly(0, 100, 200);
    assertThat(listed).allSatisfy(b -> {
      assertThat(b.path("organisation").asText()).isEqualTo("X9876");
      assertThat(b.path("take").asInt()).isEqualTo(100);
      assertThat(b.has("keyword")).as("no filter Felloh does not document").isFalse();
    });
  }

  @Test
  void aRefundJustMadeIsFoundOnTheFirstPageWithoutReadingTheRest() throws Exception {
    io.checkoutbridge.api.spi.OperationResult result = FellohFixtures.provider(server).refund(
        FellohFixtures.paidPayment(), FellohFixtures.operation(io.checkoutbridge.api.spi.OperationKind.REFUND, "5.00"));

    assertThat(result.outcome()).isEqualTo(io.checkoutbridge.api.spi.OperationResult.Outcome.SUCCEEDED);
    assertThat(result.providerReference()).isEqualTo("RA-NEW");
    assertThat(listed).extracting(b -> b.path("skip").asInt()).containsExactly(0);
  }

  @Test
  void listingStopsAtTheCountWithoutAnEmptyExtraPage() throws Exception {
    refunds.subList(200, 250).clear(); // exactly two full pages
    refunds.get(150).putObject("transaction").put("id", TRANSACTION_ID);

    ProviderState state = FellohFixtures.provider(server)
        .fetchState(FellohFixtures.payment(Map.of(FellohProvider.REF_ECOMMERCE, ECOMMERCE_ID)));

    assertThat(listed).extracting(b -> b.path("skip").asInt()).containsExactly(0, 100);
    assertThat(state.refunded()).isEqualTo(gbp("20.01"));
  }
}
