package io.checkoutbridge.api.spi;

import java.util.Objects;

/**
 * What a provider's {@link PaymentProvider#selfTest()} found: its credentials accepted and its API
 * reachable ({@link Outcome#OK}), or that it has no self-test ({@link Outcome#NOT_CHECKED}). A
 * refusal or an unreachable API is not a result but the {@link io.checkoutbridge.api.error.PaymentException}
 * the call threw, so that it carries the provider's code and request id like any other failure.
 *
 * @param outcome what the check found
 * @param detail one line for an admin saying what was checked (an endpoint, never a credential)
 */
public record SelfTestResult(Outcome outcome, String detail) {

  /** What a self-test found. */
  public enum Outcome {
    /** The provider accepted the credentials on its cheapest call. */
    OK,
    /** The provider offers no self-test; nothing was sent. */
    NOT_CHECKED
  }

  /**
   * A result as found.
   *
   * @param outcome what the check found
   * @param detail what was checked, for an admin
   */
  public SelfTestResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * The provider accepted the credentials.
   *
   * @param checked the call that was made, e.g. {@code POST /token}
   * @return an {@link Outcome#OK} result naming that call
   */
  public static SelfTestResult ok(String checked) {
    return new SelfTestResult(Outcome.OK, checked);
  }

  /**
   * Nothing was checked: the provider has no self-test.
   *
   * @return a {@link Outcome#NOT_CHECKED} result
   */
  public static SelfTestResult notChecked() {
    return new SelfTestResult(Outcome.NOT_CHECKED, "this provider has no self-test");
  }
}
