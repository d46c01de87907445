package io.checkoutbridge.sandbox.hokodo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Json;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The fixed company register of the sandbox, with one test persona per outcome: most companies are
 * accepted, {@value #REVIEW_NUMBER} is held for review, {@value #DECLINED_NUMBER} gets only declined
 * plans.
 */
final class Companies {

  /** What Hokodo decides for a buyer of this company. */
  enum Persona {
    /** Plans offered; accepting one makes an {@code accepted} deferred payment. */
    ACCEPT,
    /** Plans offered; accepting one makes a {@code pending_review} deferred payment. */
    REVIEW,
    /** Every plan declined with a rejection reason. */
    DECLINE
  }

  /** A company of the register. */
  record Company(String id, String name, String country, String regNumber, String address, String city,
      String postcode, Persona persona) {

    ObjectNode toJson(String baseUrl) {
      ObjectNode json = Json.object();
      json.put("url", baseUrl + "/" + HokodoSimulator.ID + "/v1/companies/" + id);
      json.put("id", id);
      json.put("country", country);
      json.put("name", name);
      json.put("address", address);
      json.put("city", city);
      json.put("postcode", postcode);
      json.put("legal_form", "Private limited with share capital");
      json.putArray("sectors").addObject().put("system", "SIC2007").put("code", "46740");
      json.put("creation_date", "2018-02-20");
      json.putArray("identifiers").addObject().put("idtype", "reg_number").put("country", country)
          .put("value", regNumber);
      json.put("email", "");
      json.put("phone", "");
      json.put("status", "Active");
      json.put("accounts_type", "Total exemption full");
      json.putNull("confidence");
      return json;
    }
  }

  /** Registration number of the company whose payments wait for review. */
  static final String REVIEW_NUMBER = "09999991";
  /** Registration number of the company Hokodo declines. */
  static final String DECLINED_NUMBER = "09999992";

  static final List<Company> ALL = List.of(
      new Company("co-bqRyKAGaFrEEN8JMjWJiqk", "Acme Tools Ltd", "GB", "11215527",
          "35 Kingsland Road, London, E2 8AA", "London", "E2 8AA", Persona.ACCEPT),
      new Company("co-qKANPt8yzz8ycHHaxSHV6P", "Acme Tools Services Ltd", "GB", "11351988",
          "35 Kingsland Road, London, E2 8AA", "London", "E2 8AA", Persona.ACCEPT),
      new Company("co-7d2sLp9QxWm4Rt8Yb3NcKe", "Analytical Engines Ltd", "GB", "01234567",
          "12 St James's Square, London, SW1Y 4JH", "London", "SW1Y 4JH", Persona.ACCEPT),
      new Company("co-Rv5Gh2Jk8Lm3Np6Qs9TuWx", "Careful Review Ltd", "GB", REVIEW_NUMBER,
          "1 Audit Lane, Leeds, LS1 4AP", "Leeds", "LS1 4AP", Persona.REVIEW),
      new Company("co-Dc4Fe7Hg2Jk5Lm8Np3QrSt", "Declined Ventures Ltd", "GB", DECLINED_NUMBER,
          "9 Risky Row, Bristol, BS1 5TR", "Bristol", "BS1 5TR", Persona.DECLINE),
      new Company("co-Fr8Xy2Zb5Cd9Ef3Gh6IjKl", "Exemple Industrie SAS", "FR", "552100554",
          "10 rue de la Paix, 75002 Paris", "Paris", "75002", Persona.ACCEPT));

  private Companies() {}

  static Optional<Company> byId(String id) {
    return ALL.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** Companies of {@code country} whose number equals {@code regNumber} (spaces and case ignored). */
  static List<Company> byNumber(String country, String regNumber) {
    String wanted = normalise(regNumber);
    return ALL.stream().filter(c -> c.country().equals(country) && normalise(c.regNumber()).equals(wanted))
        .toList();
  }

  /** Companies of {@code country} whose name contains {@code name}, ignoring case. */
  static List<Company> byName(String country, String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    return ALL.stream()
        .filter(c -> c.country().equals(country) && c.name().toLowerCase(Locale.ROOT).contains(wanted))
        .toList();
  }

  private static String normalise(String number) {
    return number.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
  }
}
