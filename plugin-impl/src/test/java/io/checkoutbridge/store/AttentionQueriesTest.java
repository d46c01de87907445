package io.checkoutbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.store.AttentionQueries.Reason;
import io.checkoutbridge.store.AttentionQueries.Row;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The "needs attention" SQL on H2 and PostgreSQL, over rows as the engine and sweeper leave them. */
class AttentionQueriesTest {
  private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
  private static final Instant SETTLED_BY = T0.plusSeconds(3600);

  private final PaymentStore store = new PaymentStore();

  private String insert(Connection c, String order, PaymentStatus status, Instant at) throws SQLException {
    String id = UUID.randomUUID().toString();
    store.insertPayment(c, new PaymentRecord(id, "dintero", order, null, null, Carts.GBP, 5395, status, "C",
        "c@example.com", Map.of(), null, at, at, 0), Carts.standard().lines());
    return id;
  }

  private static void update(Connection c, String sql, String id) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, id);
      assertThat(s.executeUpdate()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void eachReasonIsFoundFromWhatTheEngineKeepsAndSettledOrRecentPaymentsAreNot(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind); Connection c = db.dataSource().getConnection()) {
      String abandoned = insert(c, "ABANDONED", PaymentStatus.STARTED, T0);
      String unknown = insert(c, "UNKNOWN", PaymentStatus.STARTED, T0.plusSeconds(1));
      update(c, "UPDATE cb_payment SET sweep_attempts = 3 WHERE id = ?", unknown);
      String pending = insert(c, "PENDING", PaymentStatus.PENDING, T0.plusSeconds(2));
      String awaiting = insert(c, "AWAITING", PaymentStatus.AUTHORIZED, T0.plusSeconds(3));
      update(c, "UPDATE cb_payment SET pending_minor = 1200 WHERE id = ?", awaiting);
      insert(c, "RECENT", PaymentStatus.STARTED, SETTLED_BY.plusSeconds(1));
      insert(c, "SETTLED", PaymentStatus.CAPTURED, T0);
      String failing = insert(c, "FAILING", PaymentStatus.AUTHORIZED, T0.plusSeconds(4));
      store.receiveCallback(c, "dintero", "key-1", failing, "session.updated", T0.plusSeconds(5), T0.plusSeconds(5));
      store.callbacksFailed(c, store.pendingCallbacks(c, failing, 10), "Dintero could not be reached",
          callback -> T0.plusSeconds(65));
      String mismatched = insert(c, "MISMATCH", PaymentStatus.AUTHORIZED, T0.plusSeconds(6));
      store.receiveCallback(c, "dintero", "key-2", mismatched, "session.updated", T0.plusSeconds(7), T0.plusSeconds(7));
      store.callbacksProcessed(c, store.pendingCallbacks(c, mismatched, 10), "MISMATCH", T0.plusSeconds(8));
      String applied = insert(c, "APPLIED", PaymentStatus.AUTHORIZED, T0.plusSeconds(9));
      store.receiveCallback(c, "dintero", "key-3", applied, "session.updated", T0.plusSeconds(9), T0.plusSeconds(9));
      store.callbacksProcessed(c, store.pendingCallbacks(c, applied, 10), "APPLIED", T0.plusSeconds(10));

      List<Row> rows = new AttentionQueries().find(c, SETTLED_BY, 50);

      assertThat(rows).extracting(Row::orderReference, Row::reason).containsExactlyInAnyOrder(
          org.assertj.core.groups.Tuple.tuple("ABANDONED", Reason.STARTED_TOO_LONG),
          org.assertj.core.groups.Tuple.tuple("UNKNOWN", Reason.OUTCOME_UNKNOWN),
          org.assertj.core.groups.Tuple.tuple("PENDING", Reason.PENDING_TOO_LONG),
          org.assertj.core.groups.Tuple.tuple("AWAITING", Reason.OPERATION_AWAITING_PROVIDER),
          org.assertj.core.groups.Tuple.tuple("FAILING", Reason.CALLBACK_NOT_APPLIED),
          org.assertj.core.groups.Tuple.tuple("MISMATCH", Reason.CALLBACK_MISMATCH));
      Row awaitingRow = rows.stream().filter(r -> r.paymentId().equals(awaiting)).findFirst().orElseThrow();
      assertThat(awaitingRow.detail()).isEqualTo("1200");
      Row failingRow = rows.stream().filter(r -> r.paymentId().equals(failing)).findFirst().orElseThrow();
      assertThat(failingRow.count()).isEqualTo(1);
      assertThat(failingRow.detail()).isEqualTo("Dintero could not be reached");
      assertThat(failingRow.since()).isEqualTo(T0.plusSeconds(5));
      assertThat(rows).extracting(Row::paymentId).contains(abandoned, pending, mismatched);
    }
  }
}
