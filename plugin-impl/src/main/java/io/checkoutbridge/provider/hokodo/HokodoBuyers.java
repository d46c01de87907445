package io.checkoutbridge.provider.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import io.checkoutbridge.api.Company;
import io.checkoutbridge.api.Customer;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.ProviderMemory;
import io.checkoutbridge.provider.support.JsonResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The buyer at Hokodo: the company's organisation ({@code POST organisations}) and the person's user
 * ({@code POST users}), each created once and remembered in the provider memory (seed 000 "Create
 * Organisation", "Create User"; the Magento plugin's {@code OrganisationBuilder.php},
 * {@code UserBuilder.php}). Thread-safe.
 */
final class HokodoBuyers {
  private final HokodoClient client;
  private final Clock clock;

  HokodoBuyers(HokodoClient client, Clock clock) {
    this.client = client;
    this.clock = clock;
  }

  /** The buyer's organisation: remembered, else created (after a company search when needed). */
  String organisation(Customer customer, ProviderMemory memory) throws PaymentException {
    Company company = customer.company();
    String key = organisationKey(company);
    Optional<String> known = memory.get(key);
    if (known.isPresent()) {
      return known.get();
    }
    String companyId = HokodoProvider.blank(company.providerCompanyId())
        ? searchCompanyId(company.country(), company.registrationNumber())
        : company.providerCompanyId();
    JsonResponse created = client.post("organisations", HokodoRequests.organisation(
        companyId, key.substring("org:".length()), registered(customer)));
    return memory.putIfAbsent(key, HokodoProvider.requireId(created, "organisations"));
  }

  /** The buyer's user in {@code organisationId}: remembered, else created. */
  String user(Customer customer, String organisationId, ProviderMemory memory) throws PaymentException {
    String key = userKey(customer, organisationId);
    Optional<String> known = memory.get(key);
    if (known.isPresent()) {
      return known.get();
    }
    JsonResponse created = client.post("users", HokodoRequests.user(customer, organisationId, registered(customer)));
    return memory.putIfAbsent(key, HokodoProvider.requireId(created, "users"));
  }

  private String searchCompanyId(String country, String registrationNumber) throws PaymentException {
    String number = HokodoProvider.normalise(registrationNumber);
    JsonResponse found = client.post("companies/search", HokodoRequests.companySearchByNumber(country, number));
    JsonNode matches = found.body().path("matches");
    if (!matches.isArray() || matches.isEmpty()) {
      throw new InvalidRequestException("customer.company.registrationNumber: Hokodo knows no company "
          + number + " in " + country, found.requestId(), null);
    }
    for (JsonNode match : matches) {
      if (number.equals(HokodoProvider.normalise(HokodoProvider.registrationNumberOf(match)))) {
        return match.path("id").asText();
      }
    }
    return matches.get(0).path("id").asText();
  }

  /** {@code org:<country>:<registration number>}, or {@code org:<co-id>} without a number. */
  static String organisationKey(Company company) {
    return HokodoProvider.blank(company.registrationNumber())
        ? "org:" + company.providerCompanyId()
        : "org:" + company.country() + ":" + HokodoProvider.normalise(company.registrationNumber());
  }

  /** {@code user:<customer id or lower-case email>:<organisation id>}. */
  static String userKey(Customer customer, String organisationId) {
    String who = HokodoProvider.blank(customer.customerId()) ? customer.email().toLowerCase(Locale.ROOT) : customer.customerId();
    return "user:" + who + ":" + organisationId;
  }

  private Instant registered(Customer customer) {
    return customer.registeredAt() != null ? customer.registeredAt() : clock.instant();
  }
}
