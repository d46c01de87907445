package io.checkoutbridge.ops;

import io.checkoutbridge.store.PaymentSummary;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

/**
 * The admin list as CSV (RFC 4180): a header line, then one line per payment, CRLF line ends.
 * Amounts are exact decimals in the payment's currency ({@code 1234} minor units of GBP is
 * {@code 12.34}), never floating point. A field with a comma, quote, CR or LF is quoted with its
 * quotes doubled. Text a shopper or storefront chose (order reference, customer name and email)
 * that starts with {@code = + - @}, a tab or a CR is prefixed with an apostrophe, so a spreadsheet
 * shows it as text instead of running it as a formula (OWASP "CSV injection").
 */
public final class PaymentsCsv {
  /** The columns, in order. */
  public static final List<String> HEADER = List.of("payment_id", "created_at", "updated_at", "provider",
      "order_reference", "status", "currency", "total", "authorized", "captured", "refunded", "voided",
      "pending", "customer_name", "customer_email");

  private PaymentsCsv() {}

  public static void header(Writer out) throws IOException {
    line(out, HEADER);
  }

  public static void row(Writer out, PaymentSummary p) throws IOException {
    Currency currency = p.currency();
    line(out, List.of(p.id(), p.createdAt().toString(), p.updatedAt().toString(), p.provider(),
        text(p.orderReference()), p.status().name(), currency.getCurrencyCode(),
        amount(p.totalMinor(), currency), amount(p.authorizedMinor(), currency), amount(p.capturedMinor(), currency),
        amount(p.refundedMinor(), currency), amount(p.voidedMinor(), currency), amount(p.pendingMinor(), currency),
        text(p.customerName()), text(p.customerEmail())));
  }

  /** Minor units as an exact decimal in the currency's own scale (JPY 0 places, EUR 2). */
  static String amount(long minor, Currency currency) {
    return BigDecimal.valueOf(minor, Math.max(0, currency.getDefaultFractionDigits())).toPlainString();
  }

  /** Free text, neutralised against formula injection; null becomes an empty field. */
  static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
        ? "'" + value : value;
  }

  /** One field, quoted only when it must be. */
  static String field(String value) {
    boolean quote = value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\r') >= 0
        || value.indexOf('\n') >= 0;
    return quote ? '"' + value.replace("\"", "\"\"") + '"' : value;
  }

  private static void line(Writer out, List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(field(fields.get(i)));
    }
    out.write("\r\n");
  }
}
