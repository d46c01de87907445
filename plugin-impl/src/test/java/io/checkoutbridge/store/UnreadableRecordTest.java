package io.checkoutbridge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.error.ErrorCode;
import io.checkoutbridge.api.error.StorageException;
import io.checkoutbridge.testing.Carts;
import io.checkoutbridge.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A stored payment the plugin cannot read back (a column edited by hand, a half-restored backup) is
 * a storage failure the storefront can catch and retry, on H2 and PostgreSQL, not an unchecked
 * IllegalStateException escaping through the API.
 */
class UnreadableRecordTest {
  private final PaymentStore store = new PaymentStore();

  @ParameterizedTest(name = "{0}")
  @EnumSource(TestDatabase.Kind.class)
  void aPaymentWhoseProviderReferencesAreNotJsonIsReadAsAStorageFailure(TestDatabase.Kind kind) throws Exception {
    Instant now = Instant.parse("2026-03-01T09:00:00Z");
    PaymentRecord record = new PaymentRecord(UUID.randomUUID().toString(), "scripted", "ORDER-1", null, null,
        Carts.GBP, 5395, PaymentStatus.STARTED, "Ada", "ada@example.com", Map.of("session", "s-1"), null, now,
        now, 0);
    try (TestDatabase db = TestDatabase.create(kind)) {
      Database database = new Database(db.dataSource());
      database.inTransaction(c -> {
        store.insertPayment(c, record, Carts.standard().lines());
        return null;
      });
      assertThat(database.read(c -> store.find(c, record.id())).orElseThrow().refs())
          .as("readable before the damage").containsEntry("session", "s-1");
      try (Connection c = db.dataSource().getConnection();
          PreparedStatement s = c.prepareStatement("UPDATE cb_payment SET provider_refs = ? WHERE id = ?")) {
        s.setString(1, "{not json");
        s.setString(2, record.id());
        assertThat(s.executeUpdate()).isEqualTo(1);
      }

      assertThatThrownBy(() -> database.read(c -> store.find(c, record.id())))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("could not be read")
          .satisfies(e -> {
            assertThat(((StorageException) e).code()).isEqualTo(ErrorCode.STORAGE);
            assertThat(((StorageException) e).retryable()).isTrue();
          });
    }
  }
}
