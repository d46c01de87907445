package io.checkoutbridge.api;

/**
 * The business a B2B shopper buys for.
 *
 * @param name registered name
 * @param registrationNumber the company number in its country's register
 * @param country ISO 3166-1 alpha-2 code of the register
 * @param providerCompanyId the provider's id for the company when the shopper picked it from the
 *     provider's company search (Hokodo's {@code co-…}), or {@code null}
 */
public record Company(String name, String registrationNumber, String country, String providerCompanyId) {

  /**
   * Checks and normalises the components.
   *
   * @param name registered name
   * @param registrationNumber the company number in its country's register
   * @param country ISO 3166-1 alpha-2 code of the register
   * @param providerCompanyId the provider's id for the company when the shopper picked it from the provider's company search (Hokodo's {@code co-…}), or {@code null}
   */
  public Company {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("company name is required");
    }
    if (country == null || !country.matches("[A-Z]{2}")) {
      throw new IllegalArgumentException("company country must be an ISO 3166 alpha-2 code");
    }
  }
}
