package io.checkoutbridge.provider.felloh;

import io.checkoutbridge.config.Settings;
import io.checkoutbridge.config.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Felloh's configuration, read from the keys under {@code checkout-bridge.felloh.}. Immutable.
 * {@link #toString()} never shows the private key or the webhook secret.
 *
 * @param enabled whether Felloh is offered at checkout
 * @param publicKey public half of the API key pair, sent to {@code POST /token}
 * @param privateKey private half of the API key pair (secret)
 * @param organisation the organisation id that owns the ecommerce sessions ({@code X9876})
 * @param baseUrl API base, default {@code https://api.felloh.com}
 * @param payUrl base of the iframe source of an ecommerce session, default
 *     {@code https://pay.felloh.com/embed} (payment-sdk {@code src/const/environment/index.js});
 *     the session id is appended as a path segment and nothing else
 * @param linkUrl base of the hosted page of a payment link, default {@code https://pay.felloh.com}
 *     (the payment link object's default {@code success_url} is {@code {this}/{id}/success})
 * @param webhookSecret the secret Felloh signs webhooks with ({@code x-signature})
 * @param openBanking offer open banking on the payment page
 * @param card offer card payment on the payment page
 * @param excludedCardTypes card types refused on the page ({@code AMEX}, {@code VISA}, ...)
 * @param excludedCardRegions card regions refused on the page ({@code DOMESTIC}, {@code INTER},
 *     {@code INTRA})
 * @param authorisationOnly authorise at checkout and capture later with {@code complete} when the
 *     storefront asks to capture later; off by default, because Felloh's account manager must
 *     enable pre-authorisation for the organisation first
 * @param sessionExpiry how long a session may be paid, at least one day
 * @param checkoutMode how the shopper pays: on a payment link's hosted page (full-page redirect,
 *     back through {@code success_url}/{@code failure_url}/{@code cancel_url}) or in an ecommerce
 *     session's iframe inside the shop's own page
 */
public record FellohSettings(
    boolean enabled,
    String publicKey,
    String privateKey,
    String organisation,
    URI baseUrl,
    URI payUrl,
    URI linkUrl,
    String webhookSecret,
    boolean openBanking,
    boolean card,
    List<String> excludedCardTypes,
    List<String> excludedCardRegions,
    boolean authorisationOnly,
    Duration sessionExpiry,
    CheckoutMode checkoutMode) {

  /** The two ways Felloh lets a shopper pay. */
  public enum CheckoutMode {
    /** {@code PUT /agent/payment-links}, then a full-page redirect to the link's hosted page. */
    PAYMENT_LINK("payment-link"),
    /** {@code PUT /agent/ecommerce}, then Felloh's iframe in the shop's page (payment SDK). */
    EMBEDDED("embedded");

    private final String key;

    CheckoutMode(String key) {
      this.key = key;
    }

    /** The configuration value. */
    public String key() {
      return key;
    }
  }

  /** Configuration keys start with this. */
  public static final String PREFIX = "checkout-bridge.felloh.";
  public static final String DEFAULT_BASE_URL = "https://api.felloh.com";
  public static final String DEFAULT_PAY_URL = "https://pay.felloh.com/embed";
  public static final String DEFAULT_LINK_URL = "https://pay.felloh.com";
  public static final Duration DEFAULT_SESSION_EXPIRY = Duration.ofDays(30);

  static final Set<String> CARD_REGIONS = Set.of("DOMESTIC", "INTER", "INTRA");

  public FellohSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(payUrl, "payUrl");
    Objects.requireNonNull(linkUrl, "linkUrl");
    Objects.requireNonNull(checkoutMode, "checkoutMode");
    Objects.requireNonNull(sessionExpiry, "sessionExpiry");
    excludedCardTypes = List.copyOf(excludedCardTypes);
    excludedCardRegions = List.copyOf(excludedCardRegions);
  }

  /**
   * Reads and checks every key, then fails once with all problems found.
   *
   * @throws io.checkoutbridge.config.ConfigurationException naming each missing or invalid key
   */
  public static FellohSettings from(Settings settings) {
    SettingsReader r = new SettingsReader(settings, PREFIX);
    boolean enabled = r.flag("enabled", false);
    String publicKey = r.required("public-key", "\\S{1,200}", "the public key of a Felloh API key pair");
    String privateKey = r.secret("private-key", 8);
    String organisation = r.required("organisation", "[A-Za-z0-9_-]{1,64}", "a Felloh organisation id such as X9876");
    URI baseUrl = r.url("base-url", DEFAULT_BASE_URL);
    URI payUrl = r.url("pay-url", DEFAULT_PAY_URL);
    URI linkUrl = r.url("link-url", DEFAULT_LINK_URL);
    String webhookSecret = r.secret("webhook-secret", 8);
    boolean openBanking = r.flag("open-banking", true);
    boolean card = r.flag("card", true);
    if (!openBanking && !card) {
      r.problem(r.key("open-banking") + " and " + r.key("card")
          + " are both false: the shopper would have no way to pay");
    }
    List<String> cardTypes = r.list("excluded-card-types", "").stream().map(String::toUpperCase).toList();
    for (String type : cardTypes) {
      if (!type.matches("[A-Z_]{2,32}")) {
        r.problem(r.key("excluded-card-types") + " is invalid: expected card type names such as AMEX,VISA");
        break;
      }
    }
    List<String> regions = r.list("excluded-card-regions", "").stream().map(String::toUpperCase).toList();
    for (String region : regions) {
      if (!CARD_REGIONS.contains(region)) {
        r.problem(r.key("excluded-card-regions") + " is invalid: expected a comma list of DOMESTIC, INTER, INTRA");
        break;
      }
    }
    boolean authorisationOnly = r.flag("authorisation-only", false);
    Duration expiry = r.duration("session-expiry", DEFAULT_SESSION_EXPIRY);
    if (expiry.compareTo(Duration.ofDays(1)) < 0) {
      // Felloh takes expires_at as a date, so anything shorter than a day would expire at once.
      r.problem(r.key("session-expiry") + " is invalid: expected at least one day, such as P30D");
    }
    String modeText = r.string("checkout-mode", CheckoutMode.PAYMENT_LINK.key());
    CheckoutMode mode = null;
    for (CheckoutMode m : CheckoutMode.values()) {
      if (m.key().equals(modeText)) {
        mode = m;
      }
    }
    if (mode == null) {
      r.problem(r.key("checkout-mode") + " is invalid: expected payment-link or embedded");
    }
    r.validate();
    return new FellohSettings(enabled, publicKey, privateKey, organisation, baseUrl, payUrl, linkUrl, webhookSecret,
        openBanking, card, cardTypes, regions, authorisationOnly, expiry, mode);
  }

  @Override
  public String toString() {
    return "FellohSettings[enabled=" + enabled + ", publicKey=" + publicKey + ", privateKey=***, organisation="
        + organisation + ", baseUrl=" + baseUrl + ", payUrl=" + payUrl + ", linkUrl=" + linkUrl
        + ", webhookSecret=***, openBanking="
        + openBanking + ", card=" + card + ", excludedCardTypes=" + excludedCardTypes + ", excludedCardRegions="
        + excludedCardRegions + ", authorisationOnly=" + authorisationOnly + ", sessionExpiry=" + sessionExpiry
        + ", checkoutMode=" + checkoutMode.key() + "]";
  }
}
