package io.checkoutbridge.provider.kibo;

import io.checkoutbridge.config.Settings;
import io.checkoutbridge.config.SettingsReader;
import java.net.URI;
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
 * @param testOrders {@code test-orders}: flag every authorisation as a test order
 * @param shippingMethod {@code shipping-method}: the shipping method of every order created
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
    String shippingMethod) {

  /** The key prefix. */
  public static final String PREFIX = "checkout-bridge.kibo.";
  /** Kibo's live token endpoint. */
  public static final String DEFAULT_TOKEN_URL = "https://auth.shopatron.com/oauthserver/oauth2/token";
  /** Kibo's live order API v2. */
  public static final String DEFAULT_BASE_URL = "https://integration.shopatron.com/api/v2";
  /**
   * The shipping method sent with every order unless configured. Kibo's list of methods was not
   * published with the order API; {@code STANDARD} is the plainest ground method name.
   */
  public static final String DEFAULT_SHIPPING_METHOD = "STANDARD";

  public KiboSettings {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(tokenUrl, "tokenUrl");
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(shippingMethod, "shippingMethod");
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
    String shippingMethod = reader.string("shipping-method", DEFAULT_SHIPPING_METHOD);
    if (!shippingMethod.matches("[A-Za-z0-9_ .-]{1,50}")) {
      reader.problem(reader.key("shipping-method")
          + " is invalid: expected 1 to 50 letters, digits, spaces or _ . -");
    }
    reader.validate();
    return new KiboSettings(enabled, apiKey, secretKey, tokenUrl, baseUrl, manufacturerId, catalogId,
        testOrders, shippingMethod);
  }

  @Override
  public String toString() {
    return "KiboSettings[enabled=" + enabled + ", apiKey=***, secretKey=***, tokenUrl=" + tokenUrl
        + ", baseUrl=" + baseUrl + ", manufacturerId=" + manufacturerId + ", catalogId=" + catalogId
        + ", testOrders=" + testOrders + ", shippingMethod=" + shippingMethod + "]";
  }
}
