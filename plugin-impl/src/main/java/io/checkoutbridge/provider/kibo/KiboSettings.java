package io.checkoutbridge.provider.kibo;

import io.checkoutbridge.config.Settings;
import io.checkoutbridge.config.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Kibo OMS configuration, read from the keys under {@code checkout-bridge.kibo.}.
 *
 * <p>{@link #toString()} never shows the API key or the secret key.
 *
 * @param enabled {@code enabled}: offer Kibo at checkout
 * @param apiKey {@code api-key}: the Kibo API key, sent as HTTP Basic user to the token endpoint
 *     and as the {@code API-Key} header of every API call (required)
 * @param secretKey {@code secret-key}: the secret paired with the API key (required)
 * @param tokenUrl {@code token-url}: the OAuth2 token endpoint
 * @param baseUrl {@code base-url}: the order API v2, without a trailing slash
 * @param manufacturerId {@code manufacturer-id}: the merchant's manufacturer id in Kibo (≥ 1,
 *     required)
 * @param catalogId {@code catalog-id}: the manufacturer's catalog (≥ 0, default 0)
 * @param testOrders {@code test-orders}: flag every authorisation ({@code testOrder}) and every
 *     order ({@code isTestOrder}) as a test
 * @param shipType {@code ship-type}: {@code shippingMethod.shipType} of every order created
 * @param deliveryMethod {@code delivery-method}: {@code shippingMethod.deliveryMethod} of every
 *     order created
 * @param payPal {@code paypal-enabled}: accept PayPal details (off by default: Kibo's
 *     {@code paymentType} code for PayPal is not published; see the package documentation)
 * @param orderLookupGrace {@code order-lookup-grace}: how long after a create-order call whose
 *     outcome is unknown an order that Kibo's order search does not show may still appear; only
 *     after it is the payment failed (default 30 minutes)
 */
public record KiboSettings(
    boolean enabled,
    String apiKey,
    String secretKey,
    URI tokenUrl,
    URI baseUrl,
    int manufacturerId,
    int catalogId,
    boolean testOrders,
    String shipType,
    String deliveryMethod,
    boolean payPal,
    Duration orderLookupGrace) {

  /** The key prefix. */
  public static final String PREFIX = "checkout-bridge.kibo.";
  /** Kibo's live token endpoint. */
  public static final String DEFAULT_TOKEN_URL = "https://auth.shopatron.com/oauthserver/oauth2/token";
  /** Kibo's live order API v2. */
  public static final String DEFAULT_BASE_URL = "https://integration.shopatron.com/api/v2";
  /**
   * The {@code shipType} sent unless configured. Kibo publishes no list: the one create-order body
   * in public code sends {@code EXPRESS_1_DAY}, and Kibo's historic order import page speaks of
   * "standard shipping"; set the code your Kibo account uses.
   */
  public static final String DEFAULT_SHIP_TYPE = "STANDARD";
  /** The {@code deliveryMethod} sent unless configured: the value of the public create-order body. */
  public static final String DEFAULT_DELIVERY_METHOD = "SHIP_TO_HOME";
  /** The default of {@code order-lookup-grace}. */
  public static final Duration DEFAULT_ORDER_LOOKUP_GRACE = Duration.ofMinutes(30);
  private static final String CODE = "[A-Z][A-Z0-9_]{0,49}";

  public KiboSettings {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(shipType, "shipType");
    Objects.requireNonNull(deliveryMethod, "deliveryMethod");
    Objects.requireNonNull(orderLookupGrace, "orderLookupGrace");
  }

  /**
   * Reads and checks every key, reporting all problems at once.
   *
   * @throws io.checkoutbridge.config.ConfigurationException naming each missing or invalid key
   *     (never a secret's value)
   */
  public static KiboSettings from(Settings settings) {
    SettingsReader reader = new SettingsReader(settings, PREFIX);
    boolean enabled = reader.flag("enabled", false);
    String apiKey = reader.secret("api-key", 8);
    String secretKey = reader.secret("secret-key", 8);
    URI tokenUrl = reader.url("token-url", DEFAULT_TOKEN_URL);
    URI baseUrl = reader.url("base-url", DEFAULT_BASE_URL);
    String manufacturer = reader.required("manufacturer-id", "[1-9][0-9]{0,8}", "a whole number of at least 1");
    int manufacturerId = manufacturer.matches("[1-9][0-9]{0,8}") ? Integer.parseInt(manufacturer) : 0;
    int catalogId = reader.integer("catalog-id", 0, 0, Integer.MAX_VALUE);
    boolean testOrders = reader.flag("test-orders", false);
    if (reader.optional("shipping-method").isPresent()) {
      reader.problem(reader.key("shipping-method") + " is no longer read: Kibo's shippingMethod is an object; set "
          + reader.key("ship-type") + " and " + reader.key("delivery-method") + " instead");
    }
    String shipType = code(reader, "ship-type", DEFAULT_SHIP_TYPE);
    String deliveryMethod = code(reader, "delivery-method", DEFAULT_DELIVERY_METHOD);
    boolean payPal = reader.flag("paypal-enabled", false);
    Duration grace = reader.duration("order-lookup-grace", DEFAULT_ORDER_LOOKUP_GRACE);
    if (grace.isNegative() || grace.isZero()) {
      reader.problem(reader.key("order-lookup-grace") + " is invalid: expected a positive duration such as PT30M");
      grace = DEFAULT_ORDER_LOOKUP_GRACE;
    }
    reader.validate();
    return new KiboSettings(enabled, apiKey, secretKey, tokenUrl, baseUrl, manufacturerId, catalogId,
        testOrders, shipType, deliveryMethod, payPal, grace);
  }

  private static String code(SettingsReader reader, String name, String defaultValue) {
    String value = reader.string(name, defaultValue).trim();
    if (!value.matches(CODE)) {
      reader.problem(reader.key(name) + " is invalid: expected a Kibo code of 1 to 50 capital letters, digits or _"
          + " starting with a letter, such as " + defaultValue);
      return defaultValue;
    }
    return value;
  }

  @Override
  public String toString() {
    return "KiboSettings[enabled=" + enabled + ", apiKey=***, secretKey=***, tokenUrl=" + tokenUrl
        + ", baseUrl=" + baseUrl + ", manufacturerId=" + manufacturerId + ", catalogId=" + catalogId
        + ", testOrders=" + testOrders + ", shipType=" + shipType + ", deliveryMethod=" + deliveryMethod
        + ", payPal=" + payPal + ", orderLookupGrace=" + orderLookupGrace + "]";
  }
}
