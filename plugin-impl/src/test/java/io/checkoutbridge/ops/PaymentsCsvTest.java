package io.checkoutbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.PaymentStatus;
import io.checkoutbridge.store.PaymentSummary;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/**
 * The CSV lines are compared with what Python's standard csv module writes for the same fields
 * (RFC 4180 quoting, CRLF), e.g.
 * {@code python3 -c 'import csv,sys; csv.writer(sys.stdout).writerow(["a", "Smith, Jr.", "say \"hi\""])'}
 * prints {@code a,"Smith, Jr.","say ""hi"""}.
 */
class PaymentsCsvTest {

  private static PaymentSummary summary(String currency, long total, String order, String name, String email) {
    return new PaymentSummary("0b5e4a8e-1f0e-4c55-9a53-000000000001", "dintero", order, PaymentStatus.PARTIALLY_REFUNDED,
        Currency.getInstance(currency), total, total, total, 1, 0, 0, name, email,
        Instant.parse("2026-01-02T03:04:05Z"), Instant.parse("2026-01-02T04:05:06Z"));
  }

  private static String csv(PaymentSummary... rows) throws Exception {
    StringWriter out = new StringWriter();
    PaymentsCsv.header(out);
    for (PaymentSummary row : rows) {
      PaymentsCsv.row(out, row);
    }
    return out.toString();
  }

  @Test
  void aPlainRowHasExactAmountsInTheCurrencysScaleAndCrlfLineEnds() throws Exception {
    String text = csv(summary("GBP", 123456789012L, "A-1", "Ada Lovelace", "ada@example.com"));
    assertThat(text).isEqualTo("payment_id,created_at,updated_at,provider,order_reference,status,currency,total,"
        + "authorized,captured,refunded,voided,pending,customer_name,customer_email\r\n"
        + "0b5e4a8e-1f0e-4c55-9a53-000000000001,2026-01-02T03:04:05Z,2026-01-02T04:05:06Z,dintero,A-1,"
        + "PARTIALLY_REFUNDED,GBP,1234567890.12,1234567890.12,1234567890.12,0.01,0.00,0.00,Ada Lovelace,ada@example.com\r\n");
  }

  @Test
  void aCurrencyWithoutMinorUnitsHasNoDecimalsAndOneWithThreeHasThree() throws Exception {
    assertThat(csv(summary("JPY", 1500, "J", "N", "e@x.jp"))).contains(",JPY,1500,1500,1500,1,0,0,");
    assertThat(csv(summary("KWD", 1500, "K", "N", "e@x.kw"))).contains(",KWD,1.500,1.500,1.500,0.001,0.000,0.000,");
  }

  @Test
  void fieldsWithCommasQuotesOrLineBreaksAreQuotedWithQuotesDoubled() throws Exception {
    String text = csv(summary("EUR", 100, "say \"hi\"", "Smith, Jr.", "line\nbreak@example.com"));
    assertThat(text).contains(",\"say \"\"hi\"\"\",").contains(",\"Smith, Jr.\",").contains(",\"line\nbreak@example.com\"\r\n");
  }

  @Test
  void textStartingWithAFormulaCharacterIsPrefixedWithAnApostrophe() throws Exception {
    String text = csv(summary("EUR", 100, "=1+1", "+SUM(A1)", "@evil.example"),
        summary("EUR", 100, "-2", "\tTab", "=HYPERLINK(\"http://x\",\"y\")"));
    assertThat(text).contains(",'=1+1,PARTIALLY_REFUNDED,").contains(",'+SUM(A1),'@evil.example\r\n")
        .contains(",'-2,").contains(",'\tTab,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\r\n");
  }

  @Test
  void aMissingCustomerIsAnEmptyField() throws Exception {
    assertThat(csv(summary("EUR", 100, "R", null, null))).endsWith(",0.00,0.00,,\r\n");
  }
}
