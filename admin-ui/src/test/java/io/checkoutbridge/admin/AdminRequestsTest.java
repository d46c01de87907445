package io.checkoutbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.checkoutbridge.api.Money;
import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.api.Selection;
import io.checkoutbridge.api.spi.OperationKind;
import io.checkoutbridge.store.PaymentSearch;
import io.checkoutbridge.web.Responses;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin API reads its input strictly and explains what is wrong. */
class AdminRequestsTest {
  private static final Currency GBP = Currency.getInstance("GBP");
  private static final Currency JPY = Currency.getInstance("JPY");

  private static PaymentSearch.Query list(String query) {
    return AdminRequests.listQuery(Responses.query(query));
  }

  private static AdminRequests.ActionForm form(String json, OperationKind kind, Currency currency) throws Exception {
    return AdminRequests.actionForm(AdminJson.MAPPER.readTree(json), kind, currency, "alice");
  }

  @Test
  void readsTheListsFiltersAndDefaults() {
    PaymentSearch.Query all = list(null);
    assertThat(all.limit()).isEqualTo(AdminRequests.DEFAULT_LIMIT);
    assertThat(all.statuses()).isEmpty();

    PaymentSearch.Cursor cursor = new PaymentSearch.Cursor(Instant.parse("2025-03-01T10:00:00Z"), "abc");
    PaymentSearch.Query q = list("status=authorized,PARTIALLY_CAPTURED&provider=dintero&from=2025-03-01&to=2025-03-02"
        + "&q=Ada%20L&after=" + cursor.encode() + "&limit=50&unknown=x");
    assertThat(q.statuses()).containsExactlyInAnyOrder(PaymentStatus.AUTHORIZED, PaymentStatus.PARTIALLY_CAPTURED);
    assertThat(q.provider()).isEqualTo("dintero");
    assertThat(q.from()).isEqualTo(Instant.parse("2025-03-01T00:00:00Z"));
    assertThat(q.to()).as("a 'to' day includes that day").isEqualTo(Instant.parse("2025-03-03T00:00:00Z"));
    assertThat(q.text()).isEqualTo("Ada L");
    assertThat(q.after()).isEqualTo(cursor);
    assertThat(q.limit()).isEqualTo(50);

    PaymentSearch.Query instants = list("from=2025-03-01T09:30:00Z&to=2025-03-01T10:00:00.5Z&status=&provider=");
    assertThat(instants.from()).isEqualTo(Instant.parse("2025-03-01T09:30:00Z"));
    assertThat(instants.to()).isEqualTo(Instant.parse("2025-03-01T10:00:00.5Z"));
    assertThat(instants.provider()).isNull();
  }

  @Test
  void refusesMalformedListInput() {
    assertThatThrownBy(() -> list("status=paid")).hasMessageContaining("unknown status 'paid'");
    assertThatThrownBy(() -> list("provider=Dintero%3B")).hasMessageContaining("provider");
    assertThatThrownBy(() -> list("from=yesterday")).hasMessageContaining("from must be a day");
    assertThatThrownBy(() -> list("to=2025-02-30")).hasMessageContaining("to must be a day");
    assertThatThrownBy(() -> list("from=2025-03-02&to=2025-03-01")).hasMessageContaining("date range");
    assertThatThrownBy(() -> list("after=bogus")).hasMessageContaining("cursor is not valid");
    assertThatThrownBy(() -> list("limit=ten")).hasMessageContaining("limit");
    assertThatThrownBy(() -> list("limit=1000")).hasMessageContaining("limit");
    assertThatThrownBy(() -> list("q=" + "x".repeat(201))).hasMessageContaining("at most 200");
  }

  @Test
  void readsEachKindOfSelection() throws Exception {
    AdminRequests.ActionForm all = form("{\"mode\":\"remaining\",\"reason\":\" shipped \",\"idempotencyKey\":\"admin-123456\","
        + "\"seen\":4}", OperationKind.CAPTURE, GBP);
    assertThat(all.command().selection()).isInstanceOf(Selection.Remaining.class);
    assertThat(all.command().reason()).isEqualTo("shipped");
    assertThat(all.command().actor()).isEqualTo("alice");
    assertThat(all.seen()).isEqualTo(4);

    AdminRequests.ActionForm amount = form("{\"mode\":\"amount\",\"amount\":\"12.5\",\"reason\":\"r\","
        + "\"idempotencyKey\":\"admin-123456\"}", OperationKind.REFUND, GBP);
    assertThat(amount.command().selection()).isEqualTo(Selection.amount(Money.of("12.50", "GBP")));
    assertThat(amount.seen()).isNull();

    AdminRequests.ActionForm lines = form("{\"mode\":\"lines\",\"lines\":{\"l1\":\"1\",\"s1\":1,\"l2\":\"\",\"d1\":\"0\"},"
        + "\"reason\":\"r\",\"idempotencyKey\":\"admin-123456\"}", OperationKind.CAPTURE, GBP);
    assertThat(((Selection.Lines) lines.command().selection()).quantities())
        .containsExactly(Map.entry("l1", BigDecimal.ONE), Map.entry("s1", BigDecimal.ONE));

    AdminRequests.ActionForm yen = form("{\"mode\":\"amount\",\"amount\":\"5000\",\"reason\":\"r\","
        + "\"idempotencyKey\":\"admin-123456\"}", OperationKind.CAPTURE, JPY);
    assertThat(yen.command().selection()).isEqualTo(Selection.amount(Money.of("5000", "JPY")));
  }

  @Test
  void refusesMalformedActions() {
    String key = ",\"idempotencyKey\":\"admin-123456\"";
    assertThatThrownBy(() -> form("[]", OperationKind.CAPTURE, GBP)).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> form("{\"mode\":\"all\",\"reason\":\"r\"" + key + "}", OperationKind.CAPTURE, GBP))
        .hasMessageContaining("mode must be");
    assertThatThrownBy(() -> form("{\"mode\":\"remaining\"" + key + "}", OperationKind.CAPTURE, GBP))
        .hasMessageContaining("a reason is required");
    assertThatThrownBy(() -> form("{\"mode\":\"remaining\",\"reason\":\"  \"" + key + "}", OperationKind.CAPTURE, GBP))
        .hasMessageContaining("a reason is required");
    assertThatThrownBy(() -> form("{\"mode\":\"remaining\",\"reason\":\"r\",\"idempotencyKey\":\"x\"}",
        OperationKind.CAPTURE, GBP)).hasMessageContaining("idempotency key");
    assertThatThrownBy(() -> form("{\"mode\":\"amount\",\"reason\":\"r\"" + key + "}", OperationKind.CAPTURE, GBP))
        .hasMessageContaining("enter an amount");
    assertThatThrownBy(() -> form("{\"mode\":\"amount\",\"amount\":\"1.005\",\"reason\":\"r\"" + key + "}",
        OperationKind.CAPTURE, GBP)).hasMessageContaining("more decimals than GBP allows (2)");
    assertThatThrownBy(() -> form("{\"mode\":\"amount\",\"amount\":\"1.5\",\"reason\":\"r\"" + key + "}",
        OperationKind.CAPTURE, JPY)).hasMessageContaining("more decimals than JPY allows (0)");
    assertThatThrownBy(() -> form("{\"mode\":\"amount\",\"amount\":\"-3\",\"reason\":\"r\"" + key + "}",
        OperationKind.CAPTURE, GBP)).hasMessageContaining("plain decimal");
    assertThatThrownBy(() -> form("{\"mode\":\"amount\",\"amount\":12,\"reason\":\"r\"" + key + "}",
        OperationKind.CAPTURE, GBP)).hasMessageContaining("amount must be a string");
    assertThatThrownBy(() -> form("{\"mode\":\"lines\",\"lines\":{},\"reason\":\"r\"" + key + "}",
        OperationKind.CAPTURE, GBP)).hasMessageContaining("choose at least one line");
    assertThatThrownBy(() -> form("{\"mode\":\"lines\",\"lines\":{\"l1\":\"1e3\"},\"reason\":\"r\"" + key + "}",
        OperationKind.CAPTURE, GBP)).hasMessageContaining("line l1");
    assertThatThrownBy(() -> form("{\"mode\":\"lines\",\"lines\":{\"l1\":\"1\"},\"reason\":\"r\"" + key + "}",
        OperationKind.VOID, GBP)).hasMessageContaining("a void releases an amount");
    assertThatThrownBy(() -> form("{\"mode\":\"remaining\",\"reason\":\"r\",\"seen\":\"3\"" + key + "}",
        OperationKind.CAPTURE, GBP)).hasMessageContaining("seen must be");
    assertThatThrownBy(() -> form("{\"mode\":\"remaining\",\"reason\":\"" + "r".repeat(501) + "\"" + key + "}",
        OperationKind.CAPTURE, GBP)).hasMessageContaining("at most 500");
  }
}
