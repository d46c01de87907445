package io.checkoutbridge.sandbox.hokodo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Ids;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.SimulatorException;
import io.checkoutbridge.sandbox.SimulatorException.FieldError;
import io.checkoutbridge.sandbox.Timestamps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hokodo's JSON API below {@code /v1}: companies, organisations, users, orders, offers, post-sale. */
final class HokodoApi {

  private static final Set<String> POST_SALE_STATUSES = Set.of("accepted", "part_captured", "captured", "voided");
  private static final Set<String> ROLES = Set.of("admin", "member", "read-only");
  private static final Set<String> PATCHABLE = Set.of("unique_id", "po_number", "metadata");

  private final HokodoState state;
  private final HokodoAuth auth;
  private final HokodoCallbacks callbacks;
  private final Clock clock;
  private final Duration offerValidity;

  HokodoApi(HokodoState state, HokodoAuth auth, HokodoCallbacks callbacks, Clock clock, Duration offerValidity) {
    this.state = state;
    this.auth = auth;
    this.callbacks = callbacks;
    this.clock = clock;
    this.offerValidity = offerValidity;
  }

  // ---- companies, organisations, users ----------------------------------------------------------

  SandboxResponse searchCompanies(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    ObjectNode body = Json.parseObject(request.body());
    String country = Json.text(body, "country");
    if (country == null || !country.matches("[A-Z]{2}")) {
      throw fieldError("country", country == null ? "This field is required." : "\"" + country + "\" is not a valid choice.");
    }
    String number = Json.text(body, "reg_number");
    String name = Json.text(body, "name");
    if (number == null && name == null) {
      throw nonField("Give reg_number or name.");
    }
    List<Companies.Company> found = number != null ? Companies.byNumber(country, number) : Companies.byName(country, name);
    ObjectNode out = Json.object();
    ArrayNode matches = out.putArray("matches");
    found.forEach(c -> matches.add(c.toJson(request.baseUrl())));
    return SandboxResponse.json(200, out);
  }

  SandboxResponse createOrganisation(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    ObjectNode body = Json.parseObject(request.body());
    String company = Json.text(body, "company");
    if (company == null) {
      throw fieldError("company", "This field is required.");
    }
    if (Companies.byId(company).isEmpty()) {
      throw fieldError("company", "Invalid pk \"" + company + "\" - object does not exist.");
    }
    String registered = registered(body, "registered");
    synchronized (state) {
      String id = "org-" + Ids.base62(22);
      ObjectNode org = Json.object();
      org.put("id", id);
      org.put("unique_id", body.path("unique_id").asText(""));
      org.put("registered", registered);
      org.put("company", company);
      org.putArray("users");
      state.organisations.put(id, org);
      state.organisationCompany.put(id, company);
      return SandboxResponse.json(201, org);
    }
  }

  SandboxResponse createUser(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    ObjectNode body = Json.parseObject(request.body());
    String email = Json.text(body, "email");
    if (email == null || !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw fieldError("email", email == null ? "This field is required." : "Enter a valid email address.");
    }
    String name = Json.text(body, "name");
    if (name == null) {
      throw fieldError("name", "This field is required.");
    }
    String registered = registered(body, "registered");
    JsonNode memberships = body.get("organisations");
    if (memberships == null || !memberships.isArray() || memberships.isEmpty()) {
      throw fieldError("organisations", "This list may not be empty.");
    }
    synchronized (state) {
      for (int i = 0; i < memberships.size(); i++) {
        String org = Json.text(memberships.get(i), "id");
        if (org == null || !state.organisations.containsKey(org)) {
          throw fieldError("organisations[" + i + "].id", "Invalid pk \"" + org + "\" - object does not exist.");
        }
        String role = memberships.get(i).path("role").asText("member");
        if (!ROLES.contains(role)) {
          throw fieldError("organisations[" + i + "].role", "\"" + role + "\" is not a valid choice.");
        }
      }
      String id = "user-" + Ids.base62(22);
      ObjectNode user = Json.object();
      user.put("id", id);
      user.put("email", email);
      user.put("unique_id", body.path("unique_id").asText(""));
      user.put("name", name);
      user.put("phone", body.path("phone").asText(""));
      user.put("registered", registered);
      ArrayNode orgs = user.putArray("organisations");
      for (JsonNode m : memberships) {
        orgs.addObject().put("id", m.get("id").asText()).put("role", m.path("role").asText("member"));
        ((ArrayNode) state.organisations.get(m.get("id").asText()).get("users")).addObject()
            .put("id", id).put("role", m.path("role").asText("member"));
      }
      state.users.put(id, user);
      return SandboxResponse.json(201, user);
    }
  }

  // ---- orders -----------------------------------------------------------------------------------

  SandboxResponse createOrder(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    ObjectNode body = Json.parseObject(request.body());
    OrderValidator.Checked checked = OrderValidator.check(body);
    JsonNode customer = body.get("customer");
    String organisation = customer.path("organisation").asText(null);
    synchronized (state) {
      if ("registered".equals(customer.path("type").asText())) {
        if (!state.organisations.containsKey(organisation)) {
          throw fieldError("customer.organisation", "Invalid pk \"" + organisation + "\" - object does not exist.");
        }
        String user = customer.path("user").asText();
        ObjectNode known = state.users.get(user);
        if (known == null) {
          throw fieldError("customer.user", "Invalid pk \"" + user + "\" - object does not exist.");
        }
        boolean member = false;
        for (JsonNode m : known.path("organisations")) {
          member |= organisation.equals(m.path("id").asText());
        }
        if (!member) {
          throw fieldError("customer.user", "The user is not a member of the organisation.");
        }
      }
      HokodoState.Order order = new HokodoState.Order("order-" + Ids.base62(22), body.deepCopy(),
          checked.currency(), checked.totalAmount(), organisation, clock.instant());
      state.orders.put(order.id, order);
      return SandboxResponse.json(201, order.toJson(request.baseUrl(), null, false));
    }
  }

  SandboxResponse getOrder(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    synchronized (state) {
      HokodoState.Order order = order(params.get("id"));
      boolean expand = request.queryParams("expand").stream().anyMatch(v -> v.contains("deferred_payment"));
      return SandboxResponse.json(200, order.toJson(request.baseUrl(), deferred(order), expand));
    }
  }

  /** Changes {@code unique_id}, {@code po_number} or {@code metadata}; other fields are refused. */
  SandboxResponse patchOrder(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    ObjectNode body = Json.parseObject(request.body());
    body.fieldNames().forEachRemaining(name -> {
      if (!PATCHABLE.contains(name)) {
        throw fieldError(name, "This field cannot be changed in the sandbox; only unique_id, po_number and metadata.");
      }
    });
    if (body.has("unique_id") && Json.text(body, "unique_id") == null) {
      throw fieldError("unique_id", "This field may not be blank.");
    }
    if (body.has("metadata") && !body.get("metadata").isObject()) {
      throw fieldError("metadata", "Expected a dictionary of items.");
    }
    synchronized (state) {
      HokodoState.Order order = order(params.get("id"));
      body.properties().forEach(f -> order.json.set(f.getKey(), f.getValue()));
      return SandboxResponse.json(200, order.toJson(request.baseUrl(), deferred(order), false));
    }
  }

  /** {@code multipart/form-data}: file, doc_type (invoice|credit_note), description, amount, metadata. */
  SandboxResponse uploadDocument(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    Map<String, Multipart.Part> parts = Multipart.parse(request);
    Multipart.Part file = parts.get("file");
    if (file == null || file.fileName() == null) {
      throw fieldError("file", "No file was submitted.");
    }
    String docType = parts.containsKey("doc_type") ? parts.get("doc_type").text().trim() : "";
    if (!docType.equals("invoice") && !docType.equals("credit_note")) {
      throw fieldError("doc_type", docType.isEmpty() ? "This field is required." : "\"" + docType + "\" is not a valid choice.");
    }
    long amount;
    try {
      amount = Long.parseLong(parts.containsKey("amount") ? parts.get("amount").text().trim() : "");
    } catch (NumberFormatException e) {
      throw fieldError("amount", "A valid integer is required.");
    }
    JsonNode metadata = Json.object();
    if (parts.containsKey("metadata")) {
      metadata = Json.tryParse(parts.get("metadata").content())
          .orElseThrow(() -> fieldError("metadata", "Value must be valid JSON."));
    }
    String fingerprint = fingerprint(request);
    synchronized (state) {
      SandboxResponse replay = replay(request, fingerprint);
      if (replay != null) {
        return replay;
      }
      HokodoState.Order order = order(params.get("id"));
      ObjectNode doc = Json.object();
      doc.put("id", "orddoc-" + Ids.base62(22));
      doc.put("order", order.id);
      doc.put("doc_type", docType);
      doc.put("description", parts.containsKey("description") ? parts.get("description").text() : "");
      doc.put("amount", amount);
      doc.set("metadata", metadata);
      doc.putObject("file").put("name", file.fileName())
          .put("content_type", file.contentType() == null ? "application/octet-stream" : file.contentType())
          .put("size", file.content().length);
      doc.put("created", Timestamps.iso(clock.instant()));
      order.documents.add(doc);
      return remember(request, fingerprint, SandboxResponse.json(201, doc));
    }
  }

  SandboxResponse listDocuments(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    synchronized (state) {
      ArrayNode out = Json.array();
      order(params.get("id")).documents.forEach(d -> out.add(d.deepCopy()));
      return SandboxResponse.json(200, out);
    }
  }

  // ---- offers -----------------------------------------------------------------------------------

  SandboxResponse createOffer(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    ObjectNode body = Json.parseObject(request.body());
    String orderId = Json.text(body, "order");
    if (orderId == null) {
      throw fieldError("order", "This field is required.");
    }
    JsonNode urls = body.get("urls");
    if (urls == null || !urls.isObject()) {
      throw fieldError("urls", "This field is required.");
    }
    String notification = Json.text(urls, "notification");
    if (notification == null) {
      throw fieldError("urls.notification", "This field is required.");
    }
    for (String name : List.of("success", "failure", "cancel", "notification", "merchant_terms")) {
      String url = Json.text(urls, name);
      if (url != null && !absolute(url)) {
        throw fieldError("urls." + name, "Enter a valid URL.");
      }
    }
    synchronized (state) {
      HokodoState.Order order = state.orders.get(orderId);
      if (order == null) {
        throw fieldError("order", "Invalid pk \"" + orderId + "\" - object does not exist.");
      }
      if (order.deferredPaymentId != null) {
        throw nonField("This order already has a deferred payment.");
      }
      Companies.Persona persona = persona(order);
      HokodoState.Offer offer = new HokodoState.Offer("offr-" + Ids.base62(22), order.id, (ObjectNode) urls.deepCopy(),
          body.path("locale").asText("en-gb"), body.get("metadata"));
      long amount = minor(order.totalAmount);
      Instant validUntil = clock.instant().plus(offerValidity);
      String[][] templates = {{"30d", "30"}, {"60d", "60"}};
      for (String[] t : templates) {
        HokodoState.Plan plan = new HokodoState.Plan("ppln-" + Ids.base62(22), t[0], "pptemp-" + Ids.base62(22),
            offer.id, order.currency, amount, Integer.parseInt(t[1]), validUntil,
            persona == Companies.Persona.DECLINE ? "declined" : "offered");
        if (persona == Companies.Persona.DECLINE) {
          ObjectNode reason = Json.object();
          reason.put("code", "buyer-credit-limit");
          reason.put("detail", "The buyer's credit limit does not cover this order.");
          reason.putObject("params").put("amount", amount);
          plan.rejectionReason = reason;
        }
        offer.plans.add(plan);
        state.plans.put(plan.id, plan);
      }
      state.offers.put(offer.id, offer);
      order.offerId = offer.id;
      return SandboxResponse.json(201, offer.toJson(request.baseUrl(), clock.instant()));
    }
  }

  SandboxResponse getOffer(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    synchronized (state) {
      HokodoState.Offer offer = state.offers.get(params.get("id"));
      if (offer == null) {
        throw SimulatorException.notFound("Not found.");
      }
      return SandboxResponse.json(200, offer.toJson(request.baseUrl(), clock.instant()));
    }
  }

  // ---- deferred payments ------------------------------------------------------------------------

  SandboxResponse getDeferredPayment(SandboxRequest request, Map<String, String> params) {
    auth.check(request);
    synchronized (state) {
      return SandboxResponse.json(200, deferredPayment(params.get("id")).toJson(request.baseUrl()));
    }
  }

  /**
   * {@code capture}, {@code capture_remaining}, {@code refund}, {@code void}, {@code void_remaining}
   * (POST, or PUT as the older guide writes it). Amounts are positive integers in minor units;
   * {@code capture_remaining} may carry the amount, which must then equal what is left;
   * {@code void_remaining} ignores any amount. An {@code Idempotency-Key} repeated with the same
   * request replays the first answer; with another request it is 409.
   */
  SandboxResponse postSale(SandboxRequest request, Map<String, String> params, String action) {
    auth.check(request);
    JsonNode body = request.bodyLength() == 0 ? Json.object() : Json.parseObject(request.body());
    String fingerprint = fingerprint(request);
    synchronized (state) {
      SandboxResponse replay = replay(request, fingerprint);
      if (replay != null) {
        return replay;
      }
      HokodoState.DeferredPayment dp = deferredPayment(params.get("id"));
      if (!POST_SALE_STATUSES.contains(dp.status)) {
        throw nonField("The deferred payment is " + dp.status + "; post-sale actions need it accepted.");
      }
      long authorisation = dp.authorisation;
      long protectedCaptures = dp.protectedCaptures;
      long refunds = dp.refunds;
      long voided = dp.voidedAuthorisation;
      long amount;
      switch (action) {
        case "capture" -> {
          amount = positiveAmount(body);
          if (amount > dp.authorisation) {
            throw fieldError("amount", "Capture amount " + amount + " exceeds the remaining authorisation "
                + dp.authorisation + ".");
          }
          dp.authorisation -= amount;
          dp.protectedCaptures += amount;
        }
        case "capture_remaining" -> {
          amount = dp.authorisation;
          if (amount == 0) {
            throw nonField("There is no remaining authorisation to capture.");
          }
          if (body.has("amount") && !body.get("amount").isNull() && positiveAmount(body) != amount) {
            throw fieldError("amount", "The remaining authorisation is " + amount + ", not " + body.get("amount") + ".");
          }
          dp.authorisation = 0;
          dp.protectedCaptures += amount;
        }
        case "refund" -> {
          amount = positiveAmount(body);
          long refundable = dp.captured() - dp.refunds;
          if (amount > refundable) {
            throw fieldError("amount", "Refund amount " + amount + " exceeds the captured amount not yet refunded "
                + refundable + ".");
          }
          dp.refunds += amount;
        }
        case "void" -> {
          amount = positiveAmount(body);
          if (amount > dp.authorisation) {
            throw fieldError("amount", "Void amount " + amount + " exceeds the remaining authorisation "
                + dp.authorisation + ".");
          }
          dp.authorisation -= amount;
          dp.voidedAuthorisation += amount;
        }
        case "void_remaining" -> {
          amount = dp.authorisation;
          if (amount == 0) {
            throw nonField("There is no remaining authorisation to void.");
          }
          dp.authorisation = 0;
          dp.voidedAuthorisation += amount;
        }
        default -> throw SimulatorException.notFound("Not found.");
      }
      String before = dp.status;
      dp.status = dp.captured() > 0 ? (dp.authorisation > 0 ? "part_captured" : "captured")
          : (dp.authorisation > 0 ? "accepted" : "voided");
      ObjectNode event = Json.object();
      event.put("created", Timestamps.iso(clock.instant()));
      event.put("type", action);
      event.put("amount", amount);
      event.put("currency", dp.currency);
      event.set("metadata", body.has("metadata") ? body.get("metadata") : Json.object());
      ObjectNode changes = event.putObject("changes");
      changes.put("authorisation", dp.authorisation - authorisation);
      changes.put("protected_captures", dp.protectedCaptures - protectedCaptures);
      changes.put("unprotected_captures", 0);
      changes.put("refunds", dp.refunds - refunds);
      changes.put("voided_authorisation", dp.voidedAuthorisation - voided);
      changes.put("expired_authorisation", 0);
      if (!before.equals(dp.status)) {
        callbacks.statusChanged(state, dp, request.baseUrl());
      }
      return remember(request, fingerprint, SandboxResponse.json(200, event));
    }
  }

  // ---- helpers ----------------------------------------------------------------------------------

  private HokodoState.Order order(String id) {
    HokodoState.Order order = state.orders.get(id);
    if (order == null) {
      throw SimulatorException.notFound("Not found.");
    }
    return order;
  }

  private HokodoState.DeferredPayment deferredPayment(String id) {
    HokodoState.DeferredPayment dp = state.deferredPayments.get(id);
    if (dp == null) {
      throw SimulatorException.notFound("Not found.");
    }
    return dp;
  }

  private HokodoState.DeferredPayment deferred(HokodoState.Order order) {
    return order.deferredPaymentId == null ? null : state.deferredPayments.get(order.deferredPaymentId);
  }

  /** The persona of the order's buyer (guests and unknown companies are accepted). */
  Companies.Persona persona(HokodoState.Order order) {
    String company = order.organisationId == null ? null : state.organisationCompany.get(order.organisationId);
    return company == null ? Companies.Persona.ACCEPT
        : Companies.byId(company).map(Companies.Company::persona).orElse(Companies.Persona.ACCEPT);
  }

  /** The order total in whole minor units (Hokodo's ledger is in integers). */
  static long minor(BigDecimal total) {
    return total.setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  private SandboxResponse replay(SandboxRequest request, String fingerprint) {
    String key = request.header("Idempotency-Key").orElse(null);
    if (key == null) {
      return null;
    }
    HokodoState.Replay previous = state.idempotency.get(key);
    if (previous == null) {
      return null;
    }
    if (!previous.fingerprint().equals(fingerprint)) {
      throw new SimulatorException(409, "idempotency_conflict",
          "This Idempotency-Key was already used for a different request.");
    }
    return previous.response();
  }

  private SandboxResponse remember(SandboxRequest request, String fingerprint, SandboxResponse response) {
    request.header("Idempotency-Key").ifPresent(key ->
        state.idempotency.put(key, new HokodoState.Replay(fingerprint, response)));
    return response;
  }

  /** Path and body, so a key reused for something else is caught (the verb may be POST or PUT). */
  private static String fingerprint(SandboxRequest request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(request.path().replaceAll("/+$", "").getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update((byte) 0);
      JsonNode json = Json.tryParse(request.body()).orElse(null);
      sha.update(json == null ? request.body() : Json.bytes(json));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long positiveAmount(JsonNode body) {
    JsonNode amount = body.get("amount");
    if (amount == null || amount.isNull()) {
      throw fieldError("amount", "This field is required.");
    }
    if (!Json.isLong(amount)) {
      throw fieldError("amount", "A valid integer is required.");
    }
    if (amount.longValue() <= 0) {
      throw fieldError("amount", "Ensure this value is greater than 0.");
    }
    return amount.longValue();
  }

  private static String registered(JsonNode body, String field) {
    String value = Json.text(body, field);
    if (value == null) {
      throw fieldError(field, "This field is required.");
    }
    try {
      OffsetDateTime.parse(value);
    } catch (DateTimeParseException e) {
      throw fieldError(field, "Datetime has wrong format. Use one of these formats instead: "
          + "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].");
    }
    return value;
  }

  private static boolean absolute(String url) {
    try {
      URI uri = URI.create(url);
      return uri.isAbsolute() && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  static SimulatorException fieldError(String field, String message) {
    return new SimulatorException(400, "invalid", message, List.of(new FieldError(field, message)));
  }

  static SimulatorException nonField(String message) {
    return new SimulatorException(400, "invalid", message, List.of(new FieldError("non_field_errors", message)));
  }
}
