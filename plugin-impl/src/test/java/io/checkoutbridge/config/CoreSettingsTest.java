package io.checkoutbridge.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoreSettingsTest {

  @Test
  void everyMissingOrInvalidKeyIsNamedAtOnceAndNoSecretIsShown() {
    Settings settings = Settings.of(Map.of(
        "checkout-bridge.seal-secret", "too-short-secret",
        "checkout-bridge.storefront.success-url", "//evil.example/steal",
        "checkout-bridge.pending.poll-interval", "soon",
        "checkout-bridge.callback.retry-after", "PT0S"));
    assertThatThrownBy(() -> CoreSettings.from(settings))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "checkout-bridge.public-url is required (an absolute http or https URL)",
            "checkout-bridge.seal-secret is too short: at least 32 characters",
            "checkout-bridge.storefront.success-url is invalid: expected a path starting with / or an absolute http(s) URL",
            "checkout-bridge.pending.poll-interval is invalid: expected a duration such as PT10S or milliseconds",
            "checkout-bridge.callback.retry-after is invalid: expected a positive duration"))
        .hasMessageNotContaining("too-short-secret");
  }

  @Test
  void aResolveAfterNotLongerThanAnOperationCanTakeIsReportedWithTheOtherProblems() {
    Settings settings = Settings.of(Map.of(
        "checkout-bridge.public-url", "https://shop.example/",
        "checkout-bridge.seal-secret", "0123456789abcdef0123456789abcdef",
        "checkout-bridge.operation.resolve-after", "PT3M",
        "checkout-bridge.http.call-timeout", "PT30S",
        "checkout-bridge.sweep.interval", "PT0S"));
    assertThatThrownBy(() -> CoreSettings.from(settings))
        .isInstanceOfSatisfying(ConfigurationException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "checkout-bridge.sweep.interval is invalid: expected a positive duration",
            "checkout-bridge.operation.resolve-after is too short: PT3M must be longer than the PT3M an operation can"
                + " take (6 calls of at most PT30S, from checkout-bridge.http.*)"));
  }

  @Test
  void theLongestOperationComesFromTheCallTimeoutOrElseFromConnectAndReadTimeouts() {
    assertThat(new io.checkoutbridge.provider.support.HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(20),
        Duration.ofSeconds(30)).longestOperation()).isEqualTo(Duration.ofMinutes(3));
    assertThat(new io.checkoutbridge.provider.support.HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(20),
        Duration.ZERO).longestOperation()).isEqualTo(Duration.ofSeconds(6 * 45));
    CoreSettings core = CoreSettings.from(Settings.of(Map.of(
        "checkout-bridge.public-url", "https://shop.example/",
        "checkout-bridge.seal-secret", "0123456789abcdef0123456789abcdef",
        "checkout-bridge.http.call-timeout", "PT5S",
        "checkout-bridge.operation.resolve-after", "PT31S")));
    assertThat(core.resolveAfter()).isEqualTo(Duration.ofSeconds(31));
  }

  @Test
  void defaultsApplyWhenOnlyTheRequiredKeysAreSet() {
    CoreSettings core = CoreSettings.from(Settings.of(Map.of(
        "checkout-bridge.public-url", "https://shop.example/",
        "checkout-bridge.seal-secret", "0123456789abcdef0123456789abcdef")));
    assertThat(core.publicUrl().toString()).isEqualTo("https://shop.example");
    assertThat(core.datasource()).isEqualTo("java:jboss/datasources/ExampleDS");
    assertThat(core.maxCallbackBytes()).isEqualTo(65536);
    assertThat(core.callbackRetry()).isEqualTo(Duration.ofSeconds(30));
    assertThat(core.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(core.providers()).containsExactly("dintero", "hokodo", "felloh", "kibo");
    assertThat(core.resolveAfter()).isGreaterThan(core.http().longestOperation());
    assertThat(core.sweepInterval()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void systemSettingsReadEnvironmentNamesTheMicroProfileWay() {
    System.setProperty("checkout-bridge.test-only-key", "from-property");
    try {
      assertThat(Settings.system().get("checkout-bridge.test-only-key")).contains("from-property");
    } finally {
      System.clearProperty("checkout-bridge.test-only-key");
    }
  }
}
