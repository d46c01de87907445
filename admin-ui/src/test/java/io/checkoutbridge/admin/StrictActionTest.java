package io.checkoutbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.checkoutbridge.api.spi.OperationKind;
import java.nio.charset.StandardCharsets;
import java.util.Currency;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A capture, refund or void says exactly what it covers, or it is refused: no field is guessed,
 * defaulted or ignored. Each refusal names the field and the problem, so an API client can tell
 * what to fix; the API answers it with 400 and changes nothing.
 */
class StrictActionTest {
  private static final Currency GBP = Currency.getInstance("GBP");
  private static final String TAIL = "\"reason\":\"shipped\",\"idempotencyKey\":\"admin-123456\"";

  static Stream<Arguments> refusals() {
    return Stream.of(
        // The two requests that captured the whole open amount.
        Arguments.of("capture", "{\"amount\":\"1.00\"," + TAIL + "}", "mode", "missing"),
        Arguments.of("capture", "{\"mode\":null,\"amount\":\"0.01\"," + TAIL + "}", "mode", "missing"),
        Arguments.of("refund", "{" + TAIL + "}", "mode", "missing"),
        Arguments.of("void", "{\"mode\":null," + TAIL + "}", "mode", "missing"),
        Arguments.of("capture", "{\"mode\":\"all\"," + TAIL + "}", "mode", "unknown_value"),
        Arguments.of("capture", "{\"mode\":\"REMAINING\"," + TAIL + "}", "mode", "unknown_value"),
        Arguments.of("capture", "{\"mode\":\"\"," + TAIL + "}", "mode", "unknown_value"),
        Arguments.of("capture", "{\"mode\":1," + TAIL + "}", "mode", "wrong_type"),
        Arguments.of("capture", "{\"mode\":[\"amount\"]," + TAIL + "}", "mode", "wrong_type"),
        // A field that does not belong to the mode.
        Arguments.of("capture", "{\"mode\":\"remaining\",\"amount\":\"1.00\"," + TAIL + "}", "amount", "not_for_mode"),
        Arguments.of("refund", "{\"mode\":\"remaining\",\"amount\":null," + TAIL + "}", "amount", "not_for_mode"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"lines\":{\"l1\":\"1\"}," + TAIL + "}", "lines", "not_for_mode"),
        Arguments.of("capture", "{\"mode\":\"amount\",\"amount\":\"1.00\",\"lines\":{\"l1\":\"1\"}," + TAIL + "}",
            "lines", "not_for_mode"),
        Arguments.of("capture", "{\"mode\":\"lines\",\"lines\":{\"l1\":\"1\"},\"amount\":\"1.00\"," + TAIL + "}",
            "amount", "not_for_mode"),
        Arguments.of("void", "{\"mode\":\"lines\",\"lines\":{\"l1\":\"1\"}," + TAIL + "}", "mode", "not_for_mode"),
        // Unknown fields, misspelt ones included.
        Arguments.of("capture", "{\"mode\":\"amount\",\"amout\":\"1.00\"," + TAIL + "}", "amout", "unknown_field"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"currency\":\"EUR\"," + TAIL + "}", "currency", "unknown_field"),
        // Amounts.
        Arguments.of("capture", "{\"mode\":\"amount\"," + TAIL + "}", "amount", "missing"),
        Arguments.of("capture", "{\"mode\":\"amount\",\"amount\":null," + TAIL + "}", "amount", "missing"),
        Arguments.of("capture", "{\"mode\":\"amount\",\"amount\":\" \"," + TAIL + "}", "amount", "missing"),
        Arguments.of("capture", "{\"mode\":\"amount\",\"amount\":1.00," + TAIL + "}", "amount", "wrong_type"),
        Arguments.of("refund", "{\"mode\":\"amount\",\"amount\":\"-1.00\"," + TAIL + "}", "amount", "invalid_value"),
        Arguments.of("refund", "{\"mode\":\"amount\",\"amount\":\"0.00\"," + TAIL + "}", "amount", "invalid_value"),
        Arguments.of("capture", "{\"mode\":\"amount\",\"amount\":\"1.001\"," + TAIL + "}", "amount", "invalid_value"),
        Arguments.of("capture", "{\"mode\":\"amount\",\"amount\":\"1e2\"," + TAIL + "}", "amount", "invalid_value"),
        Arguments.of("capture", "{\"mode\":\"amount\",\"amount\":\"1,00\"," + TAIL + "}", "amount", "invalid_value"),
        Arguments.of("capture", "{\"mode\":\"amount\",\"amount\":\"£1.00\"," + TAIL + "}", "amount", "invalid_value"),
        // Lines.
        Arguments.of("capture", "{\"mode\":\"lines\"," + TAIL + "}", "lines", "missing"),
        Arguments.of("capture", "{\"mode\":\"lines\",\"lines\":[\"l1\"]," + TAIL + "}", "lines", "wrong_type"),
        Arguments.of("capture", "{\"mode\":\"lines\",\"lines\":{\"l1\":true}," + TAIL + "}", "lines", "wrong_type"),
        Arguments.of("capture", "{\"mode\":\"lines\",\"lines\":{\"l1\":null}," + TAIL + "}", "lines", "wrong_type"),
        Arguments.of("capture", "{\"mode\":\"lines\",\"lines\":{\"l1\":-1}," + TAIL + "}", "lines", "invalid_value"),
        Arguments.of("capture", "{\"mode\":\"lines\",\"lines\":{\"l1\":\"-1\"}," + TAIL + "}", "lines", "invalid_value"),
        // Reason, key and the page's history mark.
        Arguments.of("capture", "{\"mode\":\"remaining\",\"idempotencyKey\":\"admin-123456\"}", "reason", "missing"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"reason\":7,\"idempotencyKey\":\"admin-123456\"}", "reason",
            "wrong_type"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"reason\":\"shipped\"}", "idempotencyKey", "missing"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"reason\":\"shipped\",\"idempotencyKey\":123456789}",
            "idempotencyKey", "wrong_type"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"reason\":\"shipped\",\"idempotencyKey\":\"short\"}",
            "idempotencyKey", "invalid_value"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"seen\":\"3\"," + TAIL + "}", "seen", "wrong_type"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"seen\":2.5," + TAIL + "}", "seen", "wrong_type"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"seen\":0," + TAIL + "}", "seen", "invalid_value"),
        Arguments.of("capture", "{\"mode\":\"remaining\",\"seen\":null," + TAIL + "}", "seen", "wrong_type"),
        // The body itself.
        Arguments.of("capture", "[]", "body", "wrong_type"),
        Arguments.of("capture", "{\"mode\":\"amount\",\"amount\":\"0.01\",\"mode\":\"remaining\"," + TAIL + "}", "body",
            "invalid_json"),
        Arguments.of("capture", "{\"mode\":\"remaining\"," + TAIL + "} {\"mode\":\"amount\"}", "body", "invalid_json"));
  }

  @ParameterizedTest(name = "{0} {1} → {2} {3}")
  @MethodSource("refusals")
  void anActionThatDoesNotSayExactlyWhatItCoversIsRefused(String action, String json, String param, String problem) {
    OperationKind kind = OperationKind.valueOf(action.toUpperCase(java.util.Locale.ROOT));
    AdminRequests.Refused refused = catchThrowableOfType(AdminRequests.Refused.class,
        () -> AdminRequests.actionForm(AdminRequests.json(json.getBytes(StandardCharsets.UTF_8)), kind, GBP, "alice"));
    assertThat(refused).as(json).isNotNull();
    assertThat(refused.param()).as(json).isEqualTo(param);
    assertThat(refused.problem()).as(json).isEqualTo(problem);
    assertThat(refused.getMessage()).as(json).isNotBlank();
  }
}
