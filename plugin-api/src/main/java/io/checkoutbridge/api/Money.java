package io.checkoutbridge.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount of money in one currency.
 *
 * <p>The amount always carries exactly the currency's ISO 4217 number of decimals (JPY 0, GBP 2,
 * KWD 3): {@code Money.of("10.5", GBP)} is {@code 10.50 GBP}, and {@code Money.of("10.505", GBP)}
 * is refused rather than rounded. Values are immutable and thread-safe. There is no {@code double}
 * anywhere on this type; convert to provider-specific units (pence codes, major units) in the
 * provider adapter, never here.
 *
 * @param amount the amount, scaled to the currency's decimals
 * @param currency the currency; currencies without a decimal convention (gold, test codes) are
 *     refused
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    int digits = decimals(currency);
    try {
      amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          amount.toPlainString() + " has more decimals than " + currency + " allows (" + digits + ")");
    }
  }

  /** Parses an exact decimal such as {@code "12.30"}; more decimals than the currency has are refused. */
  public static Money of(String amount, String currencyCode) {
    return new Money(new BigDecimal(amount), currency(currencyCode));
  }

  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /** An amount in the currency's minor unit: {@code ofMinor(1999, GBP)} is 19.99 GBP. */
  public static Money ofMinor(long minor, Currency currency) {
    return new Money(BigDecimal.valueOf(minor, decimals(currency)), currency);
  }

  public static Money zero(Currency currency) {
    return ofMinor(0, currency);
  }

  /** The ISO 4217 currency for a code, with a clear error for unknown codes. */
  public static Currency currency(String code) {
    Objects.requireNonNull(code, "currency code");
    try {
      Currency currency = Currency.getInstance(code);
      decimals(currency);
      return currency;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not an ISO 4217 currency with decimals: " + code);
    }
  }

  /** The currency's ISO 4217 exponent; refuses currencies that have none (XAU, XXX). */
  public static int decimals(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    if (digits < 0) {
      throw new IllegalArgumentException(currency + " has no minor unit and cannot carry an amount");
    }
    return digits;
  }

  /** The amount in minor units, exactly: 19.99 GBP is 1999, 5 JPY is 5, 1.234 KWD is 1234. */
  public long toMinor() {
    return amount.movePointRight(amount.scale()).longValueExact();
  }

  public BigInteger toMinorBig() {
    return amount.unscaledValue();
  }

  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  public Money negate() {
    return new Money(amount.negate(), currency);
  }

  public Money abs() {
    return new Money(amount.abs(), currency);
  }

  /**
   * Multiplies by an exact factor (a quantity) and rounds half-even to the currency's decimals.
   * Callers that must not round compare the result against the unrounded product themselves.
   */
  public Money times(BigDecimal factor, RoundingMode rounding) {
    return new Money(amount.multiply(factor).setScale(amount.scale(), rounding), currency);
  }

  public int signum() {
    return amount.signum();
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  public boolean greaterThan(Money other) {
    return compareTo(other) > 0;
  }

  public boolean lessThan(Money other) {
    return compareTo(other) < 0;
  }

  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  public void requireSameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException("currency mismatch: " + currency + " and " + other.currency);
    }
  }

  /** {@code 19.99 GBP}: the plain amount and the ISO code. */
  @Override
  public String toString() {
    return amount.toPlainString() + " " + currency.getCurrencyCode();
  }
}
