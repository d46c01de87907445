package io.checkoutbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-payment throttle on provider fetches, as two nodes on one database see it: one fetch in
 * flight, at most one started per interval, a claim of a dead node lapsing, payments independent.
 */
class FetchClaimsTest {
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Duration MAX_FETCH = Duration.ofSeconds(30);

  /** A clock the test moves by hand. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  private static void insertPayment(TestDatabase db, String id) throws Exception {
    try (Connection c = db.dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
        "INSERT INTO cb_payment (id, provider, order_reference, currency, total_minor, status, customer_name,"
            + " customer_email, provider_refs, created_at, updated_at, version, search_name, search_email)"
            + " VALUES (?, 'scripted', 'ORDER', 'GBP', 100, 'STARTED', 'A', 'a@example.com', '{}',"
            + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 0, 'a', 'a@example.com')")) {
      s.setString(1, id);
      s.executeUpdate();
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void oneFetchInFlightAndAtMostOnePerIntervalAcrossNodes(TestDatabase.Kind kind) throws Exception {
    try (TestDatabase db = TestDatabase.create(kind)) {
      insertPayment(db, "p-1");
      insertPayment(db, "p-2");
      TestClock clock = new TestClock();
      FetchClaims nodeA = new FetchClaims(new Database(db.dataSource()), clock);
      FetchClaims nodeB = new FetchClaims(new Database(db.dataSource()), clock);

      FetchClaims.Claim first = nodeA.claim("p-1", MAX_FETCH);
      assertThat(first).isNotNull();
      assertThat(nodeB.claim("p-1", MAX_FETCH)).as("in flight on the other node").isNull();
      assertThat(nodeA.claim("p-1", MAX_FETCH)).as("in flight on this node").isNull();
      assertThat(nodeB.claim("p-2", MAX_FETCH)).as("another payment is not held").isNotNull();

      clock.now = clock.now.plus(INTERVAL).plusSeconds(5);
      assertThat(nodeB.claim("p-1", MAX_FETCH)).as("still in flight after the interval").isNull();

      nodeA.release(first, INTERVAL);
      FetchClaims.Claim second = nodeB.claim("p-1", MAX_FETCH);
      assertThat(second).as("released, and the interval since its start has passed").isNotNull();
      nodeB.release(second, INTERVAL);
      assertThat(nodeA.claim("p-1", MAX_FETCH)).as("within the interval of the second").isNull();
      clock.now = clock.now.plus(INTERVAL);
      assertThat(nodeA.claim("p-1", MAX_FETCH)).isNotNull();

      clock.now = clock.now.plus(MAX_FETCH);
      assertThat(nodeB.claim("p-1", MAX_FETCH)).as("a dead node's claim lapses").isNotNull();
      assertThat(nodeB.claim("no-such-payment", MAX_FETCH)).isNull();
    }
  }
}
