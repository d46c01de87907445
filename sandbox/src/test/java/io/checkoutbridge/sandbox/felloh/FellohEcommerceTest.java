package io.checkoutbridge.sandbox.felloh;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FellohEcommerceTest {
  private final FellohFixture f = new FellohFixture();

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void createdSessionHasFellohsDefaultsAndTheAmountInPence() {
    ObjectNode body = Json.object().put("customer_name", "Tom Jones").put("email", "tom@felloh.org")
        .put("organisation", "X9876").put("amount", 12345);

    JsonNode s = f.session(f.createSession(body));

    assertThat(s.path("amount").asLong()).isEqualTo(12345);
    assertThat(s.path("currency").asText()).isEqualTo("GBX");
    assertThat(s.path("methods").path("open_banking").asBoolean()).isTrue();
    assertThat(s.path("methods").path("card").asBoolean()).isTrue();
    assertThat(s.path("authorisation_only").asBoolean()).isFalse();
    assertThat(s.path("surcharging_enabled").asBoolean()).isTrue();
    assertThat(s.path("expires_at").asText()).isEqualTo("2026-03-31T10:00:00.000Z");
    assertThat(s.path("created_at").asText()).isEqualTo("2026-03-01T10:00:00.000Z");
    assertThat(s.path("organisation").path("id").asText()).isEqualTo("X9876");
    assertThat(s.path("transactions").size()).isZero();
    assertThat(s.path("booking").isNull()).isTrue();
  }

  @Test
  void dateOnlyExpiryLastsUntilTheEndOfThatDayAndBookingIsRecorded() {
    ObjectNode body = FellohFixture.sessionBody(5000, true).put("expires_at", "2026-03-08")
        .put("booking_id", "226009ab-ffe9-4c80-922b-982e8e7849f8");

    JsonNode s = f.session(f.createSession(body));

    assertThat(s.path("expires_at").asText()).isEqualTo("2026-03-08T23:59:59.999Z");
    assertThat(s.path("booking").path("id").asText()).isEqualTo("226009ab-ffe9-4c80-922b-982e8e7849f8");
    assertThat(s.path("booking").path("booking_reference").asText()).isEqualTo("FEL-00001");
    assertThat(s.path("authorisation_only").asBoolean()).isTrue();
  }

  @Test
  void invalidSessionIsRefusedWithEveryFieldNamed() {
    ObjectNode body = Json.object().put("customer_name", "Tom").put("email", "not-an-email")
        .put("organisation", "X9876").put("amount", 12.5).put("currency", "GBP")
        .put("expires_at", "2020-01-01");
    body.putArray("excluded_card_regions").add("MARS");

    SandboxResponse r = f.call(f.put("/agent/ecommerce", body));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyJson().path("errors")).extracting(e -> e.path("code").asText()).containsExactlyInAnyOrder(
        "email.invalid", "amount.invalid", "currency.invalid", "excluded_card_regions.invalid", "expires_at.invalid");
    assertThat(r.bodyJson().path("errors").get(0).path("message").asText()).startsWith("email: ");
  }

  @Test
  void anotherOrganisationIsForbidden() {
    SandboxResponse r = f.call(f.put("/agent/ecommerce", FellohFixture.sessionBody(100, false).put("organisation", "Z1")));

    assertThat(r.status()).isEqualTo(403);
  }

  @Test
  void unknownSessionIsNotFound() {
    SandboxResponse r = f.call(f.get("/agent/ecommerce/00000000-0000-0000-0000-000000000000"));

    assertThat(r.status()).isEqualTo(404);
    assertThat(r.bodyJson().path("errors").get(0).path("code").asText()).isEqualTo("ecommerce.not_found");
  }

  @Test
  void listIsNewestFirstPagedFilteredAndCountsAsAString() {
    String first = f.createSession(FellohFixture.sessionBody(100, false));
    f.clock.advance(Duration.ofDays(1));
    String second = f.createSession(FellohFixture.sessionBody(200, false).put("customer_name", "Ann Other"));
    f.clock.advance(Duration.ofDays(1));
    String third = f.createSession(FellohFixture.sessionBody(300, false));

    SandboxResponse all = f.call(f.post("/agent/ecommerce", Json.object().put("organisation", "X9876")));
    assertThat(all.bodyJson().path("data")).extracting(s -> s.path("id").asText()).containsExactly(third, second, first);
    assertThat(all.bodyJson().path("meta").path("count").asText()).isEqualTo("3");

    SandboxResponse page = f.call(f.post("/agent/ecommerce",
        Json.object().put("organisation", "X9876").put("skip", 1).put("take", 1)));
    assertThat(page.bodyJson().path("data")).extracting(s -> s.path("id").asText()).containsExactly(second);
    assertThat(page.bodyJson().path("meta").path("count").asText()).isEqualTo("3");

    SandboxResponse keyword = f.call(f.post("/agent/ecommerce",
        Json.object().put("organisation", "X9876").put("keyword", "ann")));
    assertThat(keyword.bodyJson().path("data")).extracting(s -> s.path("id").asText()).containsExactly(second);

    SandboxResponse dates = f.call(f.post("/agent/ecommerce", Json.object().put("organisation", "X9876")
        .put("date_from", "2026-03-02").put("date_to", "2026-03-02")));
    assertThat(dates.bodyJson().path("data")).extracting(s -> s.path("id").asText()).containsExactly(second);
  }

  @Test
  void listNeedsTheOrganisation() {
    SandboxResponse r = f.call(f.post("/agent/ecommerce", Json.object().put("take", 500)));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyJson().path("errors")).extracting(e -> e.path("code").asText())
        .containsExactlyInAnyOrder("organisation.invalid", "take.invalid");
  }

  @Test
  void unusedSessionIsDeleted() {
    String id = f.createSession(FellohFixture.sessionBody(100, false));

    assertThat(f.call(f.delete("/agent/ecommerce/" + id)).status()).isEqualTo(200);
    assertThat(f.call(f.get("/agent/ecommerce/" + id)).status()).isEqualTo(404);
  }

  @Test
  void sessionWithATransactionCannotBeDeleted() {
    String id = f.createSession(FellohFixture.sessionBody(100, false));
    f.paid(id, "decline");

    SandboxResponse r = f.call(f.delete("/agent/ecommerce/" + id));

    assertThat(r.status()).isEqualTo(422);
    assertThat(r.bodyJson().path("errors").get(0).path("code").asText()).isEqualTo("ecommerce.has_transactions");
    assertThat(f.call(f.get("/agent/ecommerce/" + id)).status()).isEqualTo(200);
  }

  @Test
  void sessionIsAssignedToABooking() {
    String id = f.createSession(FellohFixture.sessionBody(100, false));

    SandboxResponse r = f.call(f.post("/agent/ecommerce/" + id + "/assign", Json.object().put("booking_id", "b-42")));

    assertThat(r.status()).isEqualTo(200);
    assertThat(f.session(id).path("booking").path("id").asText()).isEqualTo("b-42");
    assertThat(f.call(f.post("/agent/ecommerce/" + id + "/assign", Json.object())).status()).isEqualTo(422);
  }

  @Test
  void wrongVerbIsNotAllowed() {
    SandboxResponse r = f.call(f.get("/agent/ecommerce"));

    assertThat(r.status()).isEqualTo(405);
  }
}
