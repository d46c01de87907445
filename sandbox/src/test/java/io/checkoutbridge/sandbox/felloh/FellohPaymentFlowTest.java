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
  void iframeOffersTheEnabledMethodsAndTellsItsParentItRendered() {
    String id = f.createSession(FellohFixture.sessionBody(12345, false).put("open_banking_enabled", false));

    SandboxResponse page = f.call(SandboxRequest.builder("GET", "/felloh/embed/" + id).query("hsc", "1"));

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.bodyText()).contains("123.45 GBP").contains("Tom Brady").contains("id=\"card\"")
        .doesNotContain("id=\"open_banking\"").contains("id=\"decline\"")
        // payment-sdk parses e.data with JSON.parse: a JSON string, stage "rendered", iframe_height.
        .contains("window.parent.postMessage(JSON.stringify({stage:'rendered',iframe_height:");
  }

  @Test
  void iframeRefusesAReturnUrlBecauseFellohDocumentsNone() {
    String id = f.createSession(FellohFixture.sessionBody(12345, false));

    SandboxResponse page = f.call(SandboxRequest.builder("GET", "/felloh/embed/" + id)
        .query("return_url", FellohFixture.RETURN_URL));

    assertThat(page.status()).isEqualTo(400);
    assertThat(page.bodyText()).contains("no return_url parameter");
  }

  @Test
  void iframeTakesOnlyAUuidAsPaymentSdkChecks() {
    assertThat(f.call(SandboxRequest.builder("GET", "/felloh/embed/not-a-uuid")).status()).isEqualTo(404);
  }

  @Test
  void cardPaymentCompletesAndTheIframeTellsItsParentWithTheTransaction() {
    String id = f.createSession(FellohFixture.sessionBody(12345, false));

    SandboxResponse result = f.pay(id, "card");

    List<String> told = FellohFixture.told(result);
    assertThat(told.get(0)).isEqualTo("success");
    String txId = told.get(1);
    JsonNode tx = f.transaction(txId);
    assertThat(tx.path("status").asText()).isEqualTo("COMPLETE");
    assertThat(tx.path("amount").asLong()).isEqualTo(12345);
    assertThat(tx.path("currency").asText()).isEqualTo("GBX");
    assertThat(tx.path("type").asText()).isEqualTo("CARD");
    assertThat(tx.has("refunds")).as("node-sdk Transaction has no refunds").isFalse();
    assertThat(tx.path("ecommerce").path("id").asText()).isEqualTo(id);
    assertThat(f.session(id).path("transactions").get(0).path("id").asText()).isEqualTo(txId);
  }

  @Test
  void paymentLinkSendsTheShopperToItsSuccessFailureOrCancelUrl() {
    String success = "https://shop.example/back?pid=p-1&seal=abc";
    SandboxResponse created = f.call(f.put("/agent/payment-links", FellohFixture.sessionBody(5000, false)
        .put("type", "CARD").put("description", "Order 1").put("success_url", success)
        .put("failure_url", success + "&f=1").put("cancel_url", success + "&c=1")));
    String link = f.data(created).path("id").asText();

    SandboxResponse cancel = f.call(SandboxRequest.builder("POST", "/felloh/pay/" + link).form("action", "cancel"));
    assertThat(cancel.header("Location")).contains(success + "&c=1");
    SandboxResponse declined = f.call(SandboxRequest.builder("POST", "/felloh/pay/" + link).form("action", "decline"));
    assertThat(declined.status()).isEqualTo(303);
    assertThat(declined.header("Location")).contains(success + "&f=1");
    SandboxResponse paid = f.call(SandboxRequest.builder("POST", "/felloh/pay/" + link).form("action", "card"));
    assertThat(paid.status()).isEqualTo(303);
    assertThat(paid.header("Location")).contains(success);

    JsonNode got = f.data(f.call(f.get("/agent/payment-links/" + link)));
    assertThat(got.path("success_url").asText()).isEqualTo(success);
    assertThat(got.path("transactions")).hasSize(2);
    String tx = got.path("transactions").get(1).path("id").asText();
    assertThat(f.transaction(tx).path("payment_link").path("id").asText()).isEqualTo(link);
    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("COMPLETE");
  }

  @Test
  void paymentLinkNeedsItsTypeAndAbsoluteUrls() {
    SandboxResponse r = f.call(f.put("/agent/payment-links", FellohFixture.sessionBody(5000, false)
        .put("success_url", "/relative")));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyJson().path("errors")).extracting(e -> e.path("code").asText())
        .contains("type.invalid", "success_url.invalid");
  }

  @Test
  void ecommerceSessionHasNoReturnUrlOfAnyKind() {
    SandboxResponse r = f.call(f.put("/agent/ecommerce", FellohFixture.sessionBody(5000, false)
        .put("success_url", "https://shop.example/back")));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyJson().path("errors").get(0).path("code").asText()).isEqualTo("success_url.invalid");
  }

  @Test
  void preAuthorisationIsRefusedUnlessFellohEnabledItForTheOrganisation() {
    f.settings(Json.object().put("pre_authorisation", false));

    SandboxResponse r = f.call(f.put("/agent/ecommerce", FellohFixture.sessionBody(5000, true)));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyJson().path("errors").get(0).path("code").asText()).isEqualTo("authorisation_only.not_enabled");
    assertThat(f.call(f.put("/agent/ecommerce", FellohFixture.sessionBody(5000, false))).status()).isEqualTo(200);
  }

  @Test
  void secondSubmitAfterPayingLandsOnTheSameResult() {
    String id = f.createSession(FellohFixture.sessionBody(100, false));
    String tx = f.paid(id, "card");

    assertThat(FellohFixture.told(f.pay(id, "decline"))).containsExactly("success", tx);
    assertThat(f.session(id).path("transactions").size()).isEqualTo(1);
  }

  @Test
  void declinedCardCanBeRetriedOnTheSameSession() {
    String id = f.createSession(FellohFixture.sessionBody(100, false));
    assertThat(FellohFixture.told(f.pay(id, "decline")).get(0)).isEqualTo("declined");

    assertThat(FellohFixture.told(f.pay(id, "open_banking")).get(0)).isEqualTo("success");
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

    // node-sdk TransactionsResource.refund: FellohResponse<void>.
    assertThat(f.data(f.refund(tx, 2500)).size()).isZero();

    JsonNode refund = f.refundsOf(tx).get(0);
    assertThat(refund.path("status").path("id").asText()).isEqualTo("COMPLETE");
    assertThat(refund.path("amount").asLong()).isEqualTo(2500);
    assertThat(refund.path("authorisation_code").asText()).hasSize(10);
    assertThat(refund.path("transaction").path("id").asText()).isEqualTo(tx);
    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
  }

  @Test
  void largeRefundWaitsForApprovalAndIsPaidOnceAuthorised() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(20000, false)), "card");

    f.data(f.refund(tx, 15000));
    JsonNode refund = f.refundsOf(tx).get(0);
    String code = refund.path("authorisation_code").asText();

    assertThat(refund.path("status").path("id").asText()).isEqualTo("PENDING_AUTHORISATION");
    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("COMPLETE");
    assertThat(f.refund(tx, 5001).status()).as("the waiting refund holds its amount").isEqualTo(422);
    assertThat(f.data(f.call(f.get("/agent/refunds/" + code + "/authorise"))).size()).isZero();

    assertThat(f.refundsOf(tx).get(0).path("status").path("id").asText()).isEqualTo("COMPLETE");
    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("PARTIALLY_REFUNDED");
    assertThat(f.call(f.get("/agent/refunds/" + code + "/authorise")).status()).isEqualTo(422);
  }

  @Test
  void declinedRefundFreesItsAmount() {
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(20000, false)), "card");
    f.data(f.refund(tx, 20000));
    String code = f.refundsOf(tx).get(0).path("authorisation_code").asText();

    f.data(f.call(f.get("/agent/refunds/" + code + "/decline")));

    assertThat(f.refundsOf(tx).get(0).path("status").path("id").asText()).isEqualTo("DECLINED");
    assertThat(f.transaction(tx).path("status").asText()).isEqualTo("COMPLETE");
    assertThat(f.refund(tx, 20000).status()).isEqualTo(200);
    assertThat(f.refundsOf(tx)).extracting(r -> r.path("status").path("id").asText())
        .containsExactly("PENDING_AUTHORISATION", "DECLINED");
  }

  @Test
  void approvalThresholdIsAControl() {
    f.settings(Json.object().put("refund_approval_above", 0));
    String tx = f.paid(f.createSession(FellohFixture.sessionBody(20000, false)), "card");

    f.data(f.refund(tx, 1));
    assertThat(f.refundsOf(tx).get(0).path("status").path("id").asText()).isEqualTo("PENDING_AUTHORISATION");
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
  void refundsListIgnoresFiltersFellohDoesNotDocumentAndPagesNewestFirst() {
    f.settings(Json.object().put("refund_approval_above", 1_000_000));
    String mine = f.paid(f.createSession(FellohFixture.sessionBody(100_000, false)), "card");
    String other = f.paid(f.createSession(FellohFixture.sessionBody(100_000, false)), "card");
    for (int i = 0; i < 130; i++) {
      f.data(f.refund(i % 2 == 0 ? mine : other, 1));
    }

    JsonNode filtered = f.call(f.post("/agent/refunds", Json.object().put("organisation", "X9876")
        .put("keyword", mine).put("take", 100))).bodyJson();
    assertThat(filtered.path("data")).hasSize(100);
    assertThat(filtered.path("meta").path("count").asText()).isEqualTo("130");
    assertThat(filtered.path("data")).extracting(r -> r.path("transaction").path("id").asText()).contains(other);
    assertThat(f.refundsOf(mine)).hasSize(65);
  }

  @Test
  void enumsListTheStatusesThisSandboxUses() {
    JsonNode enums = f.data(f.call(f.get("/enums")));

    assertThat(enums.path("transaction").path("status")).extracting(JsonNode::asText)
        .contains("AUTHORISED", "COMPLETE", "REVERSED", "DECLINED");
    assertThat(enums.path("refund").path("status")).extracting(JsonNode::asText)
        .containsExactly("PENDING_AUTHORISATION", "COMPLETE", "DECLINED");
    assertThat(enums.path("currency").path("GBX").path("division_factor").asInt()).isEqualTo(100);
    assertThat(enums.path("currency").path("GBX").path("major_unit").asText()).isEqualTo("GBP");
    assertThat(enums.path("currency").size()).as("only GBX is documented").isEqualTo(1);
  }
}
