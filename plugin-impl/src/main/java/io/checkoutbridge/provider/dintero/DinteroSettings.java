package io.checkoutbridge.provider.dintero;

import io.checkoutbridge.config.Settings;
import io.checkoutbridge.config.SettingsReader;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Dintero's configuration, read from the keys under {@code checkout-bridge.dintero.}.
 *
 * <p>{@link #toString()} never shows the client secret or the callback signature secret.
 *
 * @param enabled whether Dintero is offered at checkout
 * @param accountId {@code T} (test) or {@code P} (production) plus 8 digits
 * @param clientId the API client's id (scopes {@code admin:checkout} and {@code admin:shopping})
 * @param clientSecret the API client's secret
 * @param profileId the checkout profile that decides the payment methods shown
 * @param checkoutUrl the Checkout API base, without a trailing slash
 * @param apiUrl the accounts and Orders API base, without a trailing slash
 * @param callbackSignatureSecret the secret Dintero signs callbacks with, or {@code null} when
 *     callbacks are not signed (the plugin's URL seal still protects them)
 * @param signatureTolerance how far a callback's signature timestamp may be from our clock
 */
public record DinteroSettings(
    boolean enabled,
    String accountId,
    String clientId,
    String clientSecret,
    String profileId,
    URI checkoutUrl,
    URI apiUrl,
    String callbackSignatureSecret,
    Duration signatureTolerance) {

  /** The prefix of every Dintero key. */
  public static final String PREFIX = "checkout-bridge.dintero.";
  public static final String DEFAULT_CHECKOUT_URL = "https://checkout.dintero.com/v1";
  public static final String DEFAULT_API_URL = "https://api.dintero.com/v1";
  public static final Duration DEFAULT_SIGNATURE_TOLERANCE = Duration.ofMinutes(5);
  static final String ACCOUNT_ID_PATTERN = "^[PT]\\d{8}$";

  public DinteroSettings {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(profileId, "profileId");
    Objects.requireNonNull(checkoutUrl, "checkoutUrl");
    Objects.requireNonNull(apiUrl, "apiUrl");
    Objects.requireNonNull(signatureTolerance, "signatureTolerance");
    if (callbackSignatureSecret != null && callbackSignatureSecret.isBlank()) {
      callbackSignatureSecret = null;
    }
  }

  /**
   * Reads and checks every key, then fails once naming all missing or invalid keys.
   *
   * @throws io.checkoutbridge.config.ConfigurationException listing every problem
   */
  public static DinteroSettings from(Settings settings) {
    SettingsReader reader = new SettingsReader(settings, PREFIX);
    boolean enabled = reader.flag("enabled", false);
    String accountId = reader.required("account-id", ACCOUNT_ID_PATTERN,
        "T (test) or P (production) followed by 8 digits, such as T12345678");
    String clientId = reader.required("client-id", null, "the API client's id");
    String clientSecret = reader.secret("client-secret", 8);
    String profileId = reader.required("profile-id", null, "the checkout profile id from the Dintero backoffice");
    DinteroSettings result = build(reader, enabled, accountId, clientId, clientSecret, profileId);
    reader.validate();
    return result;
  }

  /**
   * Settings for the dry-run preview, which sends nothing: missing credentials become visible
   * placeholders; malformed URLs and durations are still refused.
   */
  public static DinteroSettings forPreview(Settings settings) {
    SettingsReader reader = new SettingsReader(settings, PREFIX);
    boolean enabled = reader.flag("enabled", false);
    String accountId = reader.optional("account-id").filter(v -> v.matches(ACCOUNT_ID_PATTERN)).orElse("T00000000");
    String clientId = reader.optional("client-id").orElse("preview-client");
    String profileId = reader.optional("profile-id").orElse("<profile-id>");
    DinteroSettings result = build(reader, enabled, accountId, clientId, "preview-secret", profileId);
    reader.validate();
    return result;
  }

  private static DinteroSettings build(SettingsReader reader, boolean enabled, String accountId, String clientId,
      String clientSecret, String profileId) {
    URI checkoutUrl = reader.url("checkout-url", DEFAULT_CHECKOUT_URL);
    URI apiUrl = reader.url("api-url", DEFAULT_API_URL);
    Optional<String> signatureSecret = reader.optional("callback-signature-secret");
    if (signatureSecret.isPresent() && signatureSecret.get().length() < 8) {
      reader.problem(reader.key("callback-signature-secret") + " is too short: at least 8 characters");
    }
    Duration tolerance = reader.duration("signature-tolerance", DEFAULT_SIGNATURE_TOLERANCE);
    if (tolerance.isNegative() || tolerance.isZero()) {
      reader.problem(reader.key("signature-tolerance") + " is invalid: expected a positive duration such as PT5M");
      tolerance = DEFAULT_SIGNATURE_TOLERANCE;
    }
    return new DinteroSettings(enabled, accountId, clientId, clientSecret, profileId, checkoutUrl, apiUrl,
        signatureSecret.orElse(null), tolerance);
  }

  /** Whether the account is a test account ({@code T…}); test and live share the same hosts. */
  public boolean testMode() {
    return accountId.startsWith("T");
  }

  /** Whether callbacks must carry a valid {@code Dintero-Signature}. */
  public boolean signsCallbacks() {
    return callbackSignatureSecret != null;
  }

  @Override
  public String toString() {
    return "DinteroSettings[enabled=" + enabled + ", accountId=" + accountId + ", clientId=" + clientId
        + ", clientSecret=***, profileId=" + profileId + ", checkoutUrl=" + checkoutUrl + ", apiUrl=" + apiUrl
        + ", callbackSignatureSecret=" + (callbackSignatureSecret == null ? "unset" : "***")
        + ", signatureTolerance=" + signatureTolerance + "]";
  }
}
