package io.checkoutbridge.api;

/**
 * A postal address. Only {@code country} is always required; providers that need more (Hokodo's
 * postcode, Kibo's phone) say which field is missing before any call.
 *
 * @param name addressee
 * @param line1 first address line
 * @param line2 second address line, or {@code null}
 * @param city city
 * @param region state, county or region, or {@code null}
 * @param postcode postal code, or {@code null} where the country has none
 * @param country ISO 3166-1 alpha-2 code, upper case
 * @param phone phone number, or {@code null}
 */
public record Address(
    String name,
    String line1,
    String line2,
    String city,
    String region,
    String postcode,
    String country,
    String phone) {

  /**
   * Checks and normalises the components.
   *
   * @param name addressee
   * @param line1 first address line
   * @param line2 second address line, or {@code null}
   * @param city city
   * @param region state, county or region, or {@code null}
   * @param postcode postal code, or {@code null} where the country has none
   * @param country ISO 3166-1 alpha-2 code, upper case
   * @param phone phone number, or {@code null}
   */
  public Address {
    if (country == null || !country.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("address country must be an ISO 3166 alpha-2 code");
    }
  }
}
