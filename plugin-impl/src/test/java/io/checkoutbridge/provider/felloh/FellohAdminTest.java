package io.checkoutbridge.provider.felloh;

import static io.checkoutbridge.provider.felloh.FellohFixtures.ECOMMERCE_ID;
import static io.checkoutbridge.provider.felloh.FellohFixtures.bodyOf;
import static io.checkoutbridge.provider.felloh.FellohFixtures.gbp;
import static io.checkoutbridge.provider.felloh.FellohFixtures.json;
import static io.checkoutbridge.provider.felloh.FellohFixtures.ok;
import static io.checkoutbridge.provider.felloh.FellohFixtures.path;
import static io.checkoutbridge.provider.felloh.FellohFixtures.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.IllegalTransitionException;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import java.time.Instant;
import java.time.LocalDate;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FellohAdminTest {
  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    server.start();
    server.enqueue(ok("token.json"));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listingSendsTheFiltersAndReadsTheCountEvenAsAString() throws Exception {
    server.enqueue(ok("ecommerce-list.json"));

    FellohProvider.SessionPage page = FellohFixtures.provider(server).listSessions(new FellohProvider.SessionQuery(
        20, 10, " tom@felloh.org ", LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-01")));

    server.takeRequest();
    RecordedRequest list = server.takeRequest();
    assertThat(list.getMethod()).isEqualTo("POST");
    assertThat(path(list)).isEqualTo("/agent/ecommerce");
    assertThat(bodyOf(list)).isEqualTo(tree("""
        {"organisation":"X9876","keyword":"tom@felloh.org","date_from":"2026-02-01","date_to":"2026-03-01",
         "skip":20,"take":10}"""));
    assertThat(page.total()).isEqualTo(42);
    assertThat(page.requestId()).isEqualTo("cdd40f5c-0000-44c2-92e3-00000000l001");
    assertThat(page.sessions()).hasSize(2);
    FellohProvider.Session paid = page.sessions().get(0);
    assertThat(paid.id()).isEqualTo(ECOMMERCE_ID);
    assertThat(paid.customerName()).isEqualTo("Tom Jones");
    assertThat(paid.amount()).isEqualTo(gbp("123.45"));
    assertThat(paid.currencyCode()).isEqualTo("GBX");
    assertThat(paid.bookingReference()).isEqualTo("FEL-00012");
    assertThat(paid.transactions()).isEqualTo(1);
    assertThat(paid.createdAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    FellohProvider.Session unused = page.sessions().get(1);
    assertThat(unused.transactions()).isZero();
    assertThat(unused.bookingReference()).isNull();
    assertThat(unused.amount()).isEqualTo(gbp("50.00"));
  }

  @Test
  void firstPageWithoutFiltersSendsOnlyOrganisationAndPaging() throws Exception {
    server.enqueue(ok("ecommerce-list.json"));

    FellohFixtures.provider(server).listSessions(FellohProvider.SessionQuery.firstPage(25));

    server.takeRequest();
    assertThat(bodyOf(server.takeRequest())).isEqualTo(tree("{\"organisation\":\"X9876\",\"skip\":0,\"take\":25}"));
  }

  @Test
  void queryOutsideFellohsPagingIsRefused() {
    assertThatThrownBy(() -> new FellohProvider.SessionQuery(0, 0, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FellohProvider.SessionQuery(-1, 10, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FellohProvider.SessionQuery(0, 10, null, LocalDate.parse("2026-03-02"),
        LocalDate.parse("2026-03-01"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unusedSessionIsDeleted() throws Exception {
    server.enqueue(ok("deleted.json"));

    String requestId = FellohFixtures.provider(server).deleteSession("11111111-2222-4333-8444-555555555555");

    assertThat(requestId).isEqualTo("5c5c0000-0000-4000-8000-00000000d001");
    server.takeRequest();
    RecordedRequest delete = server.takeRequest();
    assertThat(delete.getMethod()).isEqualTo("DELETE");
    assertThat(path(delete)).isEqualTo("/agent/ecommerce/11111111-2222-4333-8444-555555555555");
  }

  @Test
  void deletingAPaidSessionIsRefusedWithTheReason() {
    server.enqueue(json(422, "error-delete-refused.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server).deleteSession(ECOMMERCE_ID))
        .isInstanceOf(IllegalTransitionException.class)
        .hasMessageContaining("only a session without transactions can be deleted")
        .hasMessageContaining("ecommerce.has_transactions")
        .extracting(e -> ((PaymentException) e).providerRequestId())
        .isEqualTo("9b1deb4d-0000-4bad-9bdd-000000000423");
  }

  @Test
  void deletingAnUnknownSessionIsNotFound() {
    server.enqueue(json(404, "error-not-found.json"));

    assertThatThrownBy(() -> FellohFixtures.provider(server).deleteSession(ECOMMERCE_ID))
        .isInstanceOf(PaymentException.class)
        .extracting(e -> ((PaymentException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void assigningToABookingPostsTheBookingId() throws Exception {
    server.enqueue(ok("assigned.json"));

    String requestId = FellohFixtures.provider(server).assignToBooking(ECOMMERCE_ID, "9a33a74f-1e3e-595d-b89f-9da87d289e05");

    assertThat(requestId).isEqualTo("5c5c0000-0000-4000-8000-00000000a001");
    server.takeRequest();
    RecordedRequest assign = server.takeRequest();
    assertThat(assign.getMethod()).isEqualTo("POST");
    assertThat(path(assign)).isEqualTo("/agent/ecommerce/" + ECOMMERCE_ID + "/assign");
    assertThat(bodyOf(assign)).isEqualTo(tree("{\"booking_id\":\"9a33a74f-1e3e-595d-b89f-9da87d289e05\"}"));
  }

  @Test
  void idThatCouldEscapeThePathIsRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> FellohFixtures.provider(server).deleteSession("../transactions/x"))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(server.getRequestCount()).isZero();
  }
}
