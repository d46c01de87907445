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
  /**
   * Scales the amount to the currency's decimals; refuses an amount that would need rounding.
   *
   * @param amount the amount, scaled to the currency's decimals
   * @param currency the currency; currencies without a decimal convention (gold, test codes) are refused
   */
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

  /**
   * Parses an exact decimal such as {@code "12.30"}; more decimals than the currency has are refused.
   *
   * @param amount a plain decimal, such as {@code "12.30"}
   * @param currencyCode the ISO 4217 code, such as {@code "GBP"}
   * @return the amount
   * @throws IllegalArgumentException for an unknown currency or too many decimals
   */
  public static Money of(String amount, String currencyCode) {
    return new Money(new BigDecimal(amount), currency(currencyCode));
  }

  /**
   * The amount in the currency; more decimals than the currency has are refused.
   *
   * @param amount the exact amount
   * @param currency the currency
   * @return the amount
   */
  public static Money of(BigDecimal amount, Currency currency) {
    return new Money(amount, currency);
  }

  /**
   * An amount in the currency's minor unit: {@code ofMinor(1999, GBP)} is 19.99 GBP.
   *
   * @param minor the amount in minor units (pence, cents; yen for JPY)
   * @param currency the currency
   * @return the amount
   */
  public static Money ofMinor(long minor, Currency currency) {
    return new Money(BigDecimal.valueOf(minor, decimals(currency)), currency);
  }

  /**
   * Nothing, in a currency.
   *
   * @param currency the currency
   * @return zero in that currency
   */
  public static Money zero(Currency currency) {
    return ofMinor(0, currency);
  }

  /**
   * The ISO 4217 currency for a code, with a clear error for unknown codes.
   *
   * @param code the ISO 4217 code
   * @return the currency
   * @throws IllegalArgumentException for an unknown code or one without decimals
   */
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

  /**
   * The currency's ISO 4217 exponent; refuses currencies that have none (XAU, XXX).
   *
   * @param currency the currency
   * @return the number of decimals of its minor unit
   */
  public static int decimals(Currency currency) {
    int digits = currency.getDefaultFractionDigits();
    if (digits < 0) {
      throw new IllegalArgumentException(currency + " has no minor unit and cannot carry an amount");
    }
    return digits;
  }

  /**
   * The amount in minor units, exactly: 19.99 GBP is 1999, 5 JPY is 5, 1.234 KWD is 1234.
   *
   * @return the amount in minor units
   * @throws ArithmeticException when it does not fit in a {@code long}
   */
  public long toMinor() {
    return amount.movePointRight(amount.scale()).longValueExact();
  }

  /**
   * The amount in minor units, of any size.
   *
   * @return the amount in minor units
   */
  public BigInteger toMinorBig() {
    return amount.unscaledValue();
  }

  /**
   * The sum.
   *
   * @param other an amount in the same currency
   * @return this plus {@code other}
   * @throws IllegalArgumentException when the currencies differ
   */
  public Money plus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.add(other.amount), currency);
  }

  /**
   * The difference.
   *
   * @param other an amount in the same currency
   * @return this minus {@code other}
   * @throws IllegalArgumentException when the currencies differ
   */
  public Money minus(Money other) {
    requireSameCurrency(other);
    return new Money(amount.subtract(other.amount), currency);
  }

  /**
   * The same amount with the opposite sign.
   *
   * @return minus this
   */
  public Money negate() {
    return new Money(amount.negate(), currency);
  }

  /**
   * The amount without its sign.
   *
   * @return the absolute amount
   */
  public Money abs() {
    return new Money(amount.abs(), currency);
  }

  /**
   * Multiplies by an exact factor (a quantity) and rounds to the currency's decimals. Callers that
   * must not round compare the result against the unrounded product themselves.
   *
   * @param factor the exact factor
   * @param rounding how the product is rounded to the currency's decimals
   * @return the rounded product
   */
  public Money times(BigDecimal factor, RoundingMode rounding) {
    return new Money(amount.multiply(factor).setScale(amount.scale(), rounding), currency);
  }

  /**
   * The sign of the amount.
   *
   * @return -1, 0 or 1
   */
  public int signum() {
    return amount.signum();
  }

  /**
   * Whether the amount is zero.
   *
   * @return {@code true} for zero
   */
  public boolean isZero() {
    return amount.signum() == 0;
  }

  /**
   * Whether the amount is below zero.
   *
   * @return {@code true} below zero
   */
  public boolean isNegative() {
    return amount.signum() < 0;
  }

  /**
   * Whether the amount is above zero.
   *
   * @return {@code true} above zero
   */
  public boolean isPositive() {
    return amount.signum() > 0;
  }

  /**
   * Compares amounts of one currency.
   *
   * @param other an amount in the same currency
   * @return {@code true} when this is more than {@code other}
   */
  public boolean greaterThan(Money other) {
    return compareTo(other) > 0;
  }

  /**
   * Compares amounts of one currency.
   *
   * @param other an amount in the same currency
   * @return {@code true} when this is less than {@code other}
   */
  public boolean lessThan(Money other) {
    return compareTo(other) < 0;
  }

  /**
   * The smaller of two amounts of one currency.
   *
   * @param other an amount in the same currency
   * @return the smaller amount
   */
  public Money min(Money other) {
    return compareTo(other) <= 0 ? this : other;
  }

  /**
   * The larger of two amounts of one currency.
   *
   * @param other an amount in the same currency
   * @return the larger amount
   */
  public Money max(Money other) {
    return compareTo(other) >= 0 ? this : other;
  }

  @Override
  public int compareTo(Money other) {
    requireSameCurrency(other);
    return amount.compareTo(other.amount);
  }

  /**
   * Refuses an amount in another currency.
   *
   * @param other the amount to check
   * @throws IllegalArgumentException when the currencies differ
   */
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
