package io.checkoutbridge.sandbox.felloh;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.sandbox.Faults;
import io.checkoutbridge.sandbox.Json;
import io.checkoutbridge.sandbox.Route;
import io.checkoutbridge.sandbox.Router;
import io.checkoutbridge.sandbox.SandboxContext;
import io.checkoutbridge.sandbox.SandboxRequest;
import io.checkoutbridge.sandbox.SandboxResponse;
import io.checkoutbridge.sandbox.Simulator;
import io.checkoutbridge.sandbox.SimulatorException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Felloh's agent API, token endpoint, hosted payment page and webhooks. See the package
 * documentation for paths, credentials, settings, fault operations and the choices made where
 * Felloh's documentation is silent.
 *
 * <p>Thread-safe: every handler works under one lock on the simulator's state.
 */
public final class FellohSimulator implements Simulator {

  /** Path segment: {@code /sandbox/felloh/...}. */
  public static final String ID = "felloh";
  /** The public half of the one known API key pair. */
  public static final String PUBLIC_KEY = "sandbox-felloh-public-key";
  /** The private half of the one known API key pair. */
  public static final String PRIVATE_KEY = "sandbox-felloh-private-key";
  /** The one organisation the key pair may act for. */
  public static final String ORGANISATION = "X9876";
  static final String ORGANISATION_NAME = "Felloh Sandbox Travel";
  static final String USER_ID = "e8c243ff-d000-4f81-ba57-94184d44dae2";
  static final String USER_EMAIL = "agent@sandbox.felloh.test";

  /** Setting: where webhooks go (none by default). */
  public static final String SETTING_WEBHOOK_URL = "checkoutbridge.sandbox.felloh.webhook-url";
  /** Setting: the secret webhooks are signed with ({@code x-signature}). */
  public static final String SETTING_WEBHOOK_SECRET = "checkoutbridge.sandbox.felloh.webhook-secret";
  /** Setting: refunds of more than this many minor units wait for approval (default 10000). */
  public static final String SETTING_REFUND_APPROVAL_ABOVE = "checkoutbridge.sandbox.felloh.refund-approval-above";
  /** Setting: whether the organisation may pre-authorise ({@code authorisation_only}); default false. */
  public static final String SETTING_PRE_AUTHORISATION = "checkoutbridge.sandbox.felloh.pre-authorisation";
  /** Setting: token lifetime in seconds (default 3600). */
  public static final String SETTING_TOKEN_TTL = "checkoutbridge.sandbox.felloh.token-ttl-seconds";

  static final Duration DEFAULT_EXPIRY = Duration.ofDays(30);
  static final long DEFAULT_REFUND_APPROVAL_ABOVE = 10_000;

  /** Felloh's minor-unit currency codes → the ISO currency they count: only GBX is documented. */
  static final Map<String, String> CURRENCIES = Map.of("GBX", "GBP");
  /** Payment link types ({@code payment_link_type} in {@code GET /enums}). */
  static final List<String> LINK_TYPES = List.of("CARD", "OPEN_BANKING", "UNKNOWN");

  private final FellohState state = new FellohState();
  private final FellohState.Settings presets = new FellohState.Settings();
  private final Router router = new Router();
  private final Set<String> operations;

  public FellohSimulator(SandboxContext context) {
    Clock clock = context.clock();
    presets.webhookUrl = context.setting(SETTING_WEBHOOK_URL).orElse(null);
    presets.webhookSecret = context.setting(SETTING_WEBHOOK_SECRET).orElse(null);
    presets.refundApprovalAbove = context.longSetting(SETTING_REFUND_APPROVAL_ABOVE, DEFAULT_REFUND_APPROVAL_ABOVE);
    presets.preAuthorisation = context.setting(SETTING_PRE_AUTHORISATION).map(Boolean::parseBoolean).orElse(false);
    state.clear(presets);
    FellohAuth auth = new FellohAuth(state, clock, Math.max(1, context.longSetting(SETTING_TOKEN_TTL, 3600)));
    FellohWebhooks webhooks = new FellohWebhooks(context.callbacks(), state, clock);
    AgentApi agent = new AgentApi(state, auth, webhooks, clock);
    PayPage page = new PayPage(state, webhooks, clock);

    router
        .add("POST", "/token", "token", auth::token)
        .add("PUT", "/agent/ecommerce", "create_ecommerce", agent::createEcommerce)
        .add("PUT", "/agent/payment-links", "create_payment_link", agent::createPaymentLink)
        .add("GET", "/agent/payment-links/{id}", "get_payment_link", agent::getPaymentLink)
        .add("POST", "/agent/ecommerce", "list_ecommerce", agent::listEcommerce)
        .add("GET", "/agent/ecommerce/{id}", "get_ecommerce", agent::getEcommerce)
        .add("DELETE", "/agent/ecommerce/{id}", "delete_ecommerce", agent::deleteEcommerce)
        .add("POST", "/agent/ecommerce/{id}/assign", "assign_ecommerce", agent::assignEcommerce)
        .add("POST", "/agent/transactions", "list_transactions", agent::listTransactions)
        .add("GET", "/agent/transactions/{id}", "get_transaction", agent::getTransaction)
        .add("GET", "/agent/transactions/{id}/complete", "complete", agent::complete)
        .add("GET", "/agent/transactions/{id}/reverse", "reverse", agent::reverse)
        .add("POST", "/agent/transactions/{id}/refund", "refund", agent::refund)
        .add("POST", "/agent/refunds", "list_refunds", agent::listRefunds)
        .add("GET", "/agent/refunds/{code}/authorise", "decide_refund", agent::authoriseRefund)
        .add("GET", "/agent/refunds/{code}/decline", "decide_refund", agent::declineRefund)
        .add("GET", "/enums", "enums", (r, p) -> enums())
        .add("GET", "/embed/{id}", "pay_page", page::showEmbed)
        .add("POST", "/embed/{id}", "pay_page", page::actEmbed)
        .add("GET", "/pay/{id}", "pay_page", page::showLink)
        .add("POST", "/pay/{id}", "pay_page", page::actLink)
        .add("GET", "/_settings", null, (r, p) -> settings())
        .add("POST", "/_settings", null, this::changeSettings);

    Set<String> ops = new LinkedHashSet<>(router.operations());
    ops.add(Faults.CALLBACK);
    this.operations = Set.copyOf(ops);
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * {@code token, create_ecommerce, create_payment_link, get_payment_link, list_ecommerce, get_ecommerce, delete_ecommerce,
   * assign_ecommerce, list_transactions, get_transaction, complete, reverse, refund, list_refunds,
   * decide_refund, enums, pay_page, callback}.
   */
  @Override
  public Set<String> operations() {
    return operations;
  }

  @Override
  public Optional<Route> route(SandboxRequest request) {
    return router.resolve(request);
  }

  /** Felloh's envelope with {@code errors[{title, message, documentation_url, type, code}]}. */
  @Override
  public SandboxResponse errorResponse(SimulatorException error) {
    return Envelope.error(error);
  }

  @Override
  public Set<String> sensitiveFields() {
    return Set.of("webhook_secret", "token");
  }

  @Override
  public void reset() {
    synchronized (state) {
      state.clear(presets);
    }
  }

  /** The ISO currency a Felloh minor-unit code counts ({@code GBX} → {@code GBP}). */
  static String majorUnit(String fellohCode) {
    return CURRENCIES.getOrDefault(fellohCode, fellohCode);
  }

  /** {@code GET /enums}: the status words this sandbox uses, and its currencies. */
  private static SandboxResponse enums() {
    ObjectNode data = Json.object();
    ObjectNode currency = data.putObject("currency");
    CURRENCIES.forEach((minor, major) -> currency.putObject(minor).put("minor_unit", minor)
        .put("major_unit", major).put("division_factor", 100));
    ObjectNode transaction = data.putObject("transaction");
    ArrayNode status = transaction.putArray("status");
    for (FellohState.TxStatus s : FellohState.TxStatus.values()) {
      status.add(s.name());
    }
    transaction.putArray("method").add("ONLINE");
    transaction.putArray("type").add("CARD").add("OPEN_BANKING");
    transaction.putArray("brand").add("VISA").add("MASTERCARD").add("AMEX");
    ArrayNode linkTypes = data.putArray("payment_link_type");
    LINK_TYPES.forEach(linkTypes::add);
    ArrayNode refund = data.putObject("refund").putArray("status");
    for (FellohState.RefundStatus s : FellohState.RefundStatus.values()) {
      refund.add(s.name());
    }
    return Envelope.ok(data);
  }

  /** {@code GET /felloh/_settings}: where webhooks go and the refund approval threshold. */
  private SandboxResponse settings() {
    synchronized (state) {
      ObjectNode out = Json.object();
      if (state.settings.webhookUrl == null) {
        out.putNull("webhook_url");
      } else {
        out.put("webhook_url", state.settings.webhookUrl);
      }
      out.put("webhook_secret_set", state.settings.webhookSecret != null);
      out.put("refund_approval_above", state.settings.refundApprovalAbove);
      out.put("pre_authorisation", state.settings.preAuthorisation);
      return SandboxResponse.json(200, out);
    }
  }

  /**
   * {@code POST /felloh/_settings} with any of {@code webhook_url} (null to stop webhooks),
   * {@code webhook_secret}, {@code refund_approval_above} (minor units; 0 makes every refund wait
   * for approval) and {@code revoke_tokens: true} (every issued token answers 401 from now on).
   */
  private SandboxResponse changeSettings(SandboxRequest request, Map<String, String> params) {
    ObjectNode body = Json.parseObject(request.body());
    Fields f = new Fields(body);
    String url = f.optionalText("webhook_url");
    if (url != null) {
      try {
        URI uri = URI.create(url);
        if (!uri.isAbsolute() || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
          f.problem("webhook_url", "must be an absolute http or https URL");
        }
      } catch (IllegalArgumentException e) {
        f.problem("webhook_url", "must be an absolute http or https URL");
      }
    }
    String secret = f.optionalText("webhook_secret");
    long threshold = f.integer("refund_approval_above", false, 0, Long.MAX_VALUE, -1);
    boolean revoke = f.bool("revoke_tokens", false);
    JsonNode preAuthorisation = body.get("pre_authorisation");
    if (preAuthorisation != null && !preAuthorisation.isBoolean()) {
      f.problem("pre_authorisation", "must be true or false");
    }
    f.validate();
    synchronized (state) {
      JsonNode rawUrl = body.get("webhook_url");
      if (rawUrl != null) {
        state.settings.webhookUrl = rawUrl.isNull() ? null : url;
      }
      if (secret != null) {
        state.settings.webhookSecret = secret;
      }
      if (threshold >= 0) {
        state.settings.refundApprovalAbove = threshold;
      }
      if (revoke) {
        state.tokens.clear();
      }
      if (preAuthorisation != null && preAuthorisation.isBoolean()) {
        state.settings.preAuthorisation = preAuthorisation.asBoolean();
      }
    }
    return settings();
  }
}
