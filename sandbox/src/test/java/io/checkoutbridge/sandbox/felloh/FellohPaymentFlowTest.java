package io.checkoutbridge.sandbox.felloh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FellohPaymentFlowTest {
  private final FellohFixture f = new FellohFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void hostedPageOffersTheEnabledMethodsAndKeepsTheReturnUrl() {
    String id = f.createSession(FellohFixture.sessionBody(12345, false).put("open_banking_enabled", false));

    SandboxResponse page = f.call(SandboxRequest.builder("GET", "/felloh/embed/" + id)
        .query("return_url", FellohFixture.RETURN_URL));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.bodyText()).contains("123.45 GBP").contains("Tom Brady").contains("id=\"card\"")
        .doesNotContain("id=\"open_banking\"").contains("id=\"decline\"")
        .contains("return_url=https%3A%2F%2Fshop.example");
  }

  @Test
  void cardPaymentCompletesAndSendsTheShopperBack() {
    String id = f.createSession(FellohFixture.sessionBody(12345, false));

    SandboxResponse back = f.pay(id, "card");

    String location = back.header("Location").orElseThrow();
    assertThat(location).startsWith(FellohFixture.RETURN_URL + "&");
    Map<String, List<String>> q = FellohFixture.query(back);
    assertThat(q.get("pid")).containsExactly("p-1");
    assertThat(q.get("seal")).containsExactly("abc");
    assertThat(q.get("ecommerce_id")).containsExactly(id);
    assertThat(q.get("status")).containsExactly("COMPLETE");
    String txId = q.get("transaction_id").get(0);
    JsonNode tx = f.transaction(txId);
    assertThat(tx.path("status").asText()).isEqualTo("COMPLETE");
    assertThat(tx.path("amount").asLong()).isEqualTo(12345);
    assertThat(tx.path("currency").asText()).isEqualTo("GBX");
    assertThat(tx.path("type").asText()).isEqualTo("CARD");
    assertThat(tx.path("refunds").size()).isZero();
    assertThat(f.session(id).path("transactions").get(0).path("id").asText()).isEqualTo(txId);
  }

  @Test
  void secondSubmitAfterPayingLandsOnTheSameResult() {
    String id = f.createSession(FellohFixture.sessionBody(100, false));
    String tx = f.paid(id, "card");

    assertThat(FellohFixture.query(f.pay(id, "decline")).get("transaction_id")).containsExactly(tx);
    assertThat(f.session(id).path("transactions").size()).isEqualTo(1);
  }

  @Test
  void declinedCardCanBeRetriedOnTheSameSession() {
    String id = f.createSession(FellohFixture.sessionBody(100, false));
    assertThat(FellohFixture.query(f.pay(id, "decline")).get("status")).containsExactly("DECLINED");

    assertThat(FellohFixture.query(f.pay(id, "open_banking")).get("status")).containsExactly("COMPLETE");
    assertThat(f.session(id).path("transactions").size()).isEqualTo(2);
  }

  @Test
  void preAuthorisationIsCompletedOnce() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(5000, true)), "card");
    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("AUTHORISED");

    assertThat(f.data(f.call(f.get("/agent/transactions/" + tx + "/complete"))).path("status").asText())
        .isEqualTo("COMPLETE");
    SandboxResponse again = f.call(f.get("/agent/transactions/" + tx + "/complete"));
    assertThat(again.status()).isEqualTo(422);
    assertThat(again.bodyJson().path("errors").get(0).path("code").asText()).isEqualTo("transaction.not_authorised");
  }

  @Test
  void preAuthorisationIsReversedAndCannotBeCompletedAfterwards() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(5000, true)), "card");

    assertThat(f.data(f.call(f.get("/agent/transactions/" + tx + "/reverse"))).path("status").asText())
        .isEqualTo("REVERSED");
    assertThat(f.call(f.get("/agent/transactions/" + tx + "/complete")).status()).isEqualTo(422);
    assertThat(f.refund(tx, 100).status()).isEqualTo(422);
  }

  @Test
  void openBankingIsNeverOnlyAuthorised() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(5000, true)), "open_banking");

    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("COMPLETE");
    assertThat(f.transaction(tx).path("type").asText()).isEqualTo("OPEN_BANKING");
  }

  @Test
  void expiredLinkTakesNoPayment() {
    String id = f.createSession(FellohFixture.sessionBody(100, false).put("expires_at", "2026-03-02"));
    f.clock.advance(Duration.ofDays(2));

    SandboxResponse r = f.call(SandboxRequest.builder("POST", "/felloh/embed/" + id).form("action", "card"));

    assertThat(r.status()).isEqualTo(410);
    assertThat(f.session(id).path("transactions").size()).isZero();
  }

  @Test
  void smallRefundIsPaidAtOnceAndMovesTheTransactionToPartiallyRefunded() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(20000, false)), "card");

    JsonNode refund = f.data(f.refund(tx, 2500));

    assertThat(refund.path("status").path("id").asText()).isEqualTo("COMPLETE");
    assertThat(refund.path("amount").asLong()).isEqualTo(2500);
    assertThat(refund.path("authorisation_code").asText()).hasSize(10);
    assertThat(refund.path("transaction").path("id").asText()).isEqualTo(tx);
    JsonNode after = f.transaction(tx);
    assertThat(after.path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(after.path("refunds").get(0).path("status").path("id").asText()).isEqualTo("COMPLETE");
  }

  @Test
  void largeRefundWaitsForApprovalAndIsPaidOnceAuthorised() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(20000, false)), "card");

    JsonNode refund = f.data(f.refund(tx, 15000));
    String code = refund.path("authorisation_code").asText();

    assertThat(refund.path("status").path("id").asText()).isEqualTo("PENDING_AUTHORISATION");
    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("COMPLETE");
    assertThat(f.refund(tx, 5001).status()).as("the waiting refund holds its amount").isEqualTo(422);
    JsonNode listed = f.data(f.call(f.post("/agent/refunds",
        Json.object().put("organisation", "X9876").put("keyword", tx))));
    assertThat(listed).extracting(r -> r.path("authorisation_code").asText()).containsExactly(code);

    JsonNode approved = f.data(f.call(f.get("/agent/refunds/" + code + "/authorise")));

    assertThat(approved.path("status").path("id").asText()).isEqualTo("COMPLETE");
    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(f.call(f.get("/agent/refunds/" + code + "/authorise")).status()).isEqualTo(422);
  }

  @Test
  void declinedRefundFreesItsAmount() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(20000, false)), "card");
    String code = f.data(f.refund(tx, 20000)).path("authorisation_code").asText();

    f.data(f.call(f.get("/agent/refunds/" + code + "/decline")));

    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("COMPLETE");
    assertThat(f.data(f.refund(tx, 20000)).path("status").path("id").asText()).isEqualTo("PENDING_AUTHORISATION");
  }

  @Test
  void approvalThresholdIsAControl() {
    f.settings(Json.object().put("refund_approval_above", 0));
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(20000, false)), "card");

    assertThat(f.data(f.refund(tx, 1)).path("status").path("id").asText()).isEqualTo("PENDING_AUTHORISATION");
  }

  @Test
  void fullRefundMakesTheTransactionRefunded() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(9000, false)), "card");

    f.data(f.refund(tx, 9000));

    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("REFUNDED");
    assertThat(f.refund(tx, 1).status()).isEqualTo(422);
  }

  @Test
  void refundNeedsAWholePositiveAmount() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(9000, false)), "card");

    SandboxResponse r = f.call(f.post("/agent/transactions/" + tx + "/refund", Json.object().put("amount", 10.5)));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyJson().path("errors").get(0).path("code").asText()).isEqualTo("amount.invalid");
  }

  @Test
  void transactionsAreListedNewestFirstWithStatusFilter() {
    String a = f.paid(f.createSession(FellohFixture.sessionBody(100, false)), "card");
    f.clock.advance(Duration.ofMinutes(1));
    String b = f.paid(f.createSession(FellohFixture.sessionBody(200, true)), "card");

    JsonNode all = f.call(f.post("/agent/transactions", Json.object().put("organisation", "X9876"))).bodyJson();
    assertThat(all.path("data")).extracting(t -> t.path("id").asText()).containsExactly(b, a);
    assertThat(all.path("meta").path("count").asText()).isEqualTo("2");
    JsonNode authorised = f.data(f.call(f.post("/agent/transactions", Json.object().put("organisation", "X9876")
        .set("statuses", Json.array().add("AUTHORISED")))));
    assertThat(authorised).extracting(t -> t.path("id").asText()).containsExactly(b);
  }

  @Test
  void enumsListTheStatusesThisSandboxUses() {
    JsonNode enums = f.data(f.call(f.get("/enums")));

    assertThat(enums.path("transaction").path("status")).extracting(JsonNode::asText)
        .contains("AUTHORISED", "COMPLETE", "REVERSED", "DECLINED");
    assertThat(enums.path("refund").path("status")).extracting(JsonNode::asText)
        .containsExactly("PENDING_AUTHORISATION", "COMPLETE", "DECLINED");
    assertThat(enums.path("currency").path("GBX").path("division_factor").asInt()).isEqualTo(100);
  }
}
