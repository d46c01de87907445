package io.checkoutbridge.ops;

import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.SelfTestResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Runs each enabled provider's {@link PaymentProvider#selfTest()} and reports one line per
 * provider. A provider's refusal or a network failure becomes a {@link Status#FAILED} line with the
 * provider's own message (adapters keep secrets out of it), its error code and request id; nothing
 * here throws, so a failing provider neither hides the others nor fails a deployment.
 */
public final class ProviderSelfTests {
  private static final Logger LOG = Logger.getLogger(ProviderSelfTests.class.getName());

  private ProviderSelfTests() {}

  /** What one provider's self-test found. */
  public enum Status { OK, FAILED, NOT_CHECKED }

  /**
   * One provider's line.
   *
   * @param detail on OK the call that was checked; on FAILED the provider's refusal or the failure
   * @param code the error code on FAILED ({@code authentication_failed}, {@code provider_unavailable}, ...)
   * @param requestId the provider's request id when it answered, else null
   */
  public record Line(String providerId, String providerName, Status status, String detail, String code,
      String requestId, Duration took) {
    public Line {
      Objects.requireNonNull(providerId, "providerId");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(detail, "detail");
    }
  }

  /** Tests every provider in turn, in the order given. */
  public static List<Line> run(Collection<PaymentProvider> providers, Clock clock) {
    List<Line> lines = new ArrayList<>();
    for (PaymentProvider provider : providers) {
      lines.add(run(provider, clock));
    }
    return lines;
  }

  /** Tests one provider. */
  public static Line run(PaymentProvider provider, Clock clock) {
    Instant start = clock.instant();
    try {
      SelfTestResult result = provider.selfTest();
      Status status = result.outcome() == SelfTestResult.Outcome.OK ? Status.OK : Status.NOT_CHECKED;
      return new Line(provider.id(), provider.displayName(), status, result.detail(), null, null,
          Duration.between(start, clock.instant()));
    } catch (PaymentException e) {
      return new Line(provider.id(), provider.displayName(), Status.FAILED, String.valueOf(e.getMessage()),
          e.code().code(), e.providerRequestId(), Duration.between(start, clock.instant()));
    } catch (RuntimeException e) {
      // An adapter's bug, not the provider's answer: its class says where to look; its message may not be ours to show.
      return new Line(provider.id(), provider.displayName(), Status.FAILED,
          "the self-test failed inside the plugin: " + e.getClass().getName(), "internal_error", null,
          Duration.between(start, clock.instant()));
    }
  }

  /**
   * The start-up check: one INFO line per provider that passed and a WARNING for each that did not,
   * naming the provider and what it answered.
   */
  public static List<Line> logAtStart(Collection<PaymentProvider> providers, Clock clock) {
    List<Line> lines = run(providers, clock);
    for (Line line : lines) {
      switch (line.status()) {
        case OK -> LOG.info(() -> "self-test of " + line.providerId() + ": OK (" + line.detail() + ")");
        case NOT_CHECKED -> LOG.info(() -> "self-test of " + line.providerId() + ": not checked (" + line.detail() + ")");
        case FAILED -> LOG.warning(() -> "self-test of " + line.providerId() + " FAILED [" + line.code() + "]: "
            + line.detail() + (line.requestId() == null ? "" : " (request id " + line.requestId() + ")")
            + "; payments through " + line.providerId() + " will fail until this is fixed");
      }
    }
    return lines;
  }
}
