package io.checkoutbridge.config;

import io.checkoutbridge.provider.support.HttpSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The plugin's own keys ({@code checkout-bridge.*}, providers aside), read and checked at start-up.
 *
 * @param datasource JNDI name of the ledger's DataSource
 * @param publicUrl the storefront application's public base URL
 * @param sealSecret secret of the URL seal
 * @param successUrl where a paying shopper lands ({@code {orderReference}}, {@code {paymentId}})
 * @param failureUrl where a shopper lands after a decline or failure
 * @param maxCallbackBytes the largest callback body accepted
 * @param callbackRetry when an accepted callback still unprocessed is tried again, and the first
 *     wait after a failed attempt (later waits double, up to an hour)
 * @param pollInterval how often the pending page asks again
 * @param giveUpAfter when the pending page stops asking
 * @param resolveAfter when an operation whose answer was lost, and that the provider's state does
 *     not show, is released; longer than the adapter can take ({@link HttpSettings#longestOperation()})
 * @param sweepInterval how often the sweeper looks for payments due
 * @param sweepFirstAfter the wait before an unsettled payment is first looked at again
 * @param sweepMaxDelay the longest wait between two looks (the wait doubles after each)
 * @param authorizationWindow how long after its creation a payment's authorisation may still change
 * @param providers provider ids in the order they are offered
 * @param http outbound timeouts
 */
public record CoreSettings(
    String datasource,
    URI publicUrl,
    String sealSecret,
    String successUrl,
    String failureUrl,
    int maxCallbackBytes,
    Duration callbackRetry,
    Duration pollInterval,
    Duration giveUpAfter,
    Duration resolveAfter,
    Duration sweepInterval,
    Duration sweepFirstAfter,
    Duration sweepMaxDelay,
    Duration authorizationWindow,
    List<String> providers,
    HttpSettings http) {

  public static final String PREFIX = "checkout-bridge.";
  public static final String DEFAULT_DATASOURCE = "java:jboss/datasources/ExampleDS";

  /** Reads and checks every core key; fails naming all problems at once. */
  public static CoreSettings from(Settings settings) {
    SettingsReader r = new SettingsReader(settings, PREFIX);
    String datasource = r.string("datasource", DEFAULT_DATASOURCE);
    URI publicUrl = r.url("public-url", null);
    String secret = r.secret("seal-secret", 32);
    String success = target(r, "storefront.success-url", "/orders/{orderReference}");
    String failure = target(r, "storefront.failure-url", "/checkout?failed={orderReference}");
    int maxBytes = r.integer("callback.max-body-bytes", 65536, 1024, 10 * 1024 * 1024);
    Duration retry = r.duration("callback.retry-after", Duration.ofSeconds(30));
    if (retry.isNegative() || retry.isZero()) {
      r.problem(r.key("callback.retry-after") + " is invalid: expected a positive duration");
    }
    Duration poll = r.duration("pending.poll-interval", Duration.ofSeconds(2));
    Duration giveUp = r.duration("pending.give-up-after", Duration.ofMinutes(15));
    Duration resolve = r.duration("operation.resolve-after", Duration.ofMinutes(10));
    Duration sweepInterval = positive(r, "sweep.interval", Duration.ofSeconds(30));
    Duration sweepFirstAfter = positive(r, "sweep.first-after", Duration.ofMinutes(1));
    Duration sweepMaxDelay = positive(r, "sweep.max-delay", Duration.ofHours(1));
    Duration window = positive(r, "sweep.authorization-window", Duration.ofHours(24));
    List<String> providers = r.list("providers", "dintero,hokodo,felloh,kibo");
    SettingsReader httpReader = new SettingsReader(settings, PREFIX + "http.");
    HttpSettings http = http(httpReader);
    httpReader.problems().forEach(r::problem);
    if (httpReader.problems().isEmpty() && resolve.compareTo(http.longestOperation()) <= 0) {
      // Settling an operation earlier could fail one whose answer is still on the way, and drop
      // the provider's success when it arrives.
      r.problem(r.key("operation.resolve-after") + " is too short: " + resolve + " must be longer than the "
          + http.longestOperation() + " an operation can take (" + HttpSettings.MAX_CALLS_PER_OPERATION
          + " calls of at most " + http.longestCall() + ", from " + PREFIX + "http.*)");
    }
    r.validate();
    return new CoreSettings(datasource, publicUrl, secret, success, failure, maxBytes, retry, poll, giveUp, resolve,
        sweepInterval, sweepFirstAfter, sweepMaxDelay, window, providers, http);
  }

  private static HttpSettings http(SettingsReader reader) {
    HttpSettings d = HttpSettings.defaults();
    return new HttpSettings(
        reader.duration("connect-timeout", d.connectTimeout()),
        reader.duration("read-timeout", d.readTimeout()),
        reader.duration("call-timeout", d.callTimeout()));
  }

  private static Duration positive(SettingsReader r, String name, Duration defaultValue) {
    Duration value = r.duration(name, defaultValue);
    if (value.isNegative() || value.isZero()) {
      r.problem(r.key(name) + " is invalid: expected a positive duration");
    }
    return value;
  }

  private static String target(SettingsReader r, String name, String defaultValue) {
    String value = r.string(name, defaultValue);
    if (!(value.startsWith("/") && !value.startsWith("//")) && !value.matches("https?://[^\\s]+")) {
      r.problem(r.key(name) + " is invalid: expected a path starting with / or an absolute http(s) URL");
    }
    return value;
  }
}
