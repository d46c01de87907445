package io.checkoutbridge.provider.hokodo;

import io.checkoutbridge.config.Settings;
import io.checkoutbridge.config.SettingsReader;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Hokodo's configuration, read from the keys under {@code checkout-bridge.hokodo.}.
 *
 * @param enabled whether Hokodo is offered at checkout ({@code enabled}, default {@code false})
 * @param apiKey the merchant's API key, sent as {@code Authorization: Token <key>} ({@code api-key},
 *     required, secret: never shown by {@link #toString()})
 * @param baseUrl the API root including {@code /v1}, without a trailing slash ({@code base-url},
 *     default {@value #DEFAULT_BASE_URL})
 * @param sdkKey the public key of Hokodo's front-end SDK, handed to the embedded checkout element
 *     ({@code sdk-key}, optional; required when {@code checkout-mode=embedded}); {@code null} if unset
 * @param checkoutMode how the shopper accepts a payment plan ({@code checkout-mode}, default
 *     {@code redirect})
 * @param merchantTermsUrl the merchant's terms page, passed to the offer as {@code urls.merchant_terms}
 *     ({@code merchant-terms-url}, optional); {@code null} if unset
 * @param sdkUrl where the storefront loads Hokodo's front-end SDK for the embedded element
 *     ({@code sdk-url}; default {@value #SDK_URL}, or {@value #SANDBOX_SDK_URL} when the base URL is
 *     Hokodo's sandbox API, as in Hokodo's Magento plugin {@code etc/config.xml} and
 *     {@code Model/Config/Sdk.php})
 * @param amountDecimals the most decimals an amount in minor units may have ({@code amount-decimals},
 *     0 to 5, default 0): Hokodo's guide accepts 5, every public Hokodo client sends integers
 */
public record HokodoSettings(
    boolean enabled,
    String apiKey,
    URI baseUrl,
    String sdkKey,
    CheckoutMode checkoutMode,
    URI merchantTermsUrl,
    URI sdkUrl,
    int amountDecimals) {

  /** Prefix of every Hokodo key. */
  public static final String PREFIX = "checkout-bridge.hokodo.";
  /** Hokodo's production API. */
  public static final String DEFAULT_BASE_URL = "https://api.hokodo.co/v1";
  /** Hokodo's production front-end SDK. */
  public static final String SDK_URL = "https://js.hokodo.co/hokodo-js/v1/";
  /** Hokodo's sandbox front-end SDK. */
  public static final String SANDBOX_SDK_URL = "https://js-sandbox.hokodo.co/hokodo-js/v1/";

  /** How the shopper picks and accepts a payment plan. */
  public enum CheckoutMode {
    /** Send the shopper to the first offered plan's {@code payment_url}. */
    REDIRECT,
    /** Mount Hokodo's checkout element in the storefront's page (needs the SDK key). */
    EMBEDDED
  }

  /** Settings with the SDK URL that goes with {@code baseUrl}. */
  public HokodoSettings(boolean enabled, String apiKey, URI baseUrl, String sdkKey, CheckoutMode checkoutMode,
      URI merchantTermsUrl) {
    this(enabled, apiKey, baseUrl, sdkKey, checkoutMode, merchantTermsUrl, defaultSdkUrl(baseUrl),
        HokodoMapper.DEFAULT_PLACES);
  }

  /** Hokodo's SDK for the API at {@code baseUrl}: the sandbox's for {@code api-sandbox…}, else production's. */
  static URI defaultSdkUrl(URI baseUrl) {
    String host = baseUrl == null || baseUrl.getHost() == null ? "" : baseUrl.getHost();
    return URI.create(host.startsWith("api-sandbox.") ? SANDBOX_SDK_URL : SDK_URL);
  }

  public HokodoSettings {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(sdkUrl, "sdkUrl");
    if (amountDecimals < 0 || amountDecimals > HokodoMapper.MAX_DECIMALS) {
      throw new IllegalArgumentException("amountDecimals must be 0 to " + HokodoMapper.MAX_DECIMALS);
    }
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(checkoutMode, "checkoutMode");
    if (checkoutMode == CheckoutMode.EMBEDDED && (sdkKey == null || sdkKey.isBlank())) {
      throw new IllegalArgumentException("the embedded checkout needs the SDK key");
    }
  }

  /**
   * Reads and checks every key, then fails once with all problems.
   *
   * @throws io.checkoutbridge.config.ConfigurationException naming each missing or invalid key
   */
  public static HokodoSettings from(Settings settings) {
    SettingsReader reader = new SettingsReader(settings, PREFIX);
    boolean enabled = reader.flag("enabled", false);
    String apiKey = reader.secret("api-key", 8);
    URI baseUrl = reader.url("base-url", DEFAULT_BASE_URL);
    String sdkKey = reader.optional("sdk-key").filter(s -> !s.isEmpty()).orElse(null);
    CheckoutMode mode = CheckoutMode.REDIRECT;
    String rawMode = reader.string("checkout-mode", "redirect").toLowerCase(Locale.ROOT);
    switch (rawMode) {
      case "redirect" -> mode = CheckoutMode.REDIRECT;
      case "embedded" -> mode = CheckoutMode.EMBEDDED;
      default -> reader.problem(reader.key("checkout-mode") + " is invalid: expected redirect or embedded");
    }
    if (mode == CheckoutMode.EMBEDDED && sdkKey == null) {
      reader.problem(reader.key("sdk-key") + " is required when " + reader.key("checkout-mode") + "=embedded");
    }
    Optional<String> terms = reader.optional("merchant-terms-url").filter(s -> !s.isEmpty());
    URI termsUrl = terms.isPresent() ? reader.url("merchant-terms-url", null) : null;
    Optional<String> rawSdkUrl = reader.optional("sdk-url").filter(s -> !s.isEmpty());
    URI sdkUrl = rawSdkUrl.isPresent() ? reader.url("sdk-url", null) : null;
    int amountDecimals = reader.integer("amount-decimals", HokodoMapper.DEFAULT_PLACES, 0, HokodoMapper.MAX_DECIMALS);
    reader.validate();
    return new HokodoSettings(enabled, apiKey, baseUrl, sdkKey, mode, termsUrl,
        sdkUrl != null ? sdkUrl : defaultSdkUrl(baseUrl), amountDecimals);
  }

  @Override
  public String toString() {
    return "HokodoSettings[enabled=" + enabled + ", apiKey=***, baseUrl=" + baseUrl
        + ", sdkKey=" + (sdkKey == null ? "unset" : "set") + ", checkoutMode=" + checkoutMode
        + ", merchantTermsUrl=" + merchantTermsUrl + ", sdkUrl=" + sdkUrl + ", amountDecimals=" + amountDecimals + "]";
  }
}
