package io.checkoutbridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The text columns that grow with a cart hold far more than a large cart needs, on H2 and
 * PostgreSQL: provider references for 1,000 UUID-identified lines and a provider record of 100,000
 * characters are written and read back unchanged.
 */
class LargeTextColumnsTest {
  private final PaymentStore store = new PaymentStore();

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.Kind.class)
  void providerReferencesForAThousandLinesAndALargeProviderRecordAreKeptWhole(TestDatabase.Kind kind) throws Exception {
    Map<String, String> refs = new LinkedHashMap<>();
    for (int i = 0; i < 1000; i++) {
      refs.put("line:" + UUID.randomUUID(), UUID.randomUUID().toString());
    }
    String memory = "x".repeat(100_000);
    Instant now = Instant.parse("2026-03-01T09:00:00Z");
    PaymentRecord record = new PaymentRecord(UUID.randomUUID().toString(), "scripted", "ORDER-1", null, null,
        Carts.GBP, 5395, PaymentStatus.STARTED, "Ada", "ada@example.com", refs, null, now, now, 0);
    try (TestDatabase db = TestDatabase.create(kind); Connection c = db.dataSource().getConnection()) {
      store.insertPayment(c, record, Carts.standard().lines());
      store.remember(c, "scripted", "organisation", memory, now);

      assertThat(store.find(c, record.id()).orElseThrow().refs()).isEqualTo(refs);
      assertThat(store.memory(c, "scripted", "organisation")).contains(memory);
    }
  }
}
