package io.checkoutbridge.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.checkoutbridge.api.error.AuthenticationException;
import io.checkoutbridge.api.error.PaymentException;
import io.checkoutbridge.api.spi.SelfTestResult;
import io.checkoutbridge.testing.ScriptedProvider;
import io.checkoutbridge.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class ProviderSelfTestsTest {
  private final TestClock clock = TestClock.startingNow();

  /** The scripted provider with a self-test that answers as told. */
  private final class Answering extends ScriptedProvider {
    private final String id;
    private final Object answer;

    Answering(String id, Object answer) {
      this.id = id;
      this.answer = answer;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public SelfTestResult selfTest() throws PaymentException {
      clock.advance(Duration.ofMillis(250));
      if (answer instanceof PaymentException e) {
        throw e;
      }
      if (answer instanceof RuntimeException e) {
        throw e;
      }
      return (SelfTestResult) answer;
    }
  }

  @Test
  void aProviderWithoutASelfTestIsReportedAsNotCheckedNeverAsOk() {
    ProviderSelfTests.Line line = ProviderSelfTests.run(new ScriptedProvider(), clock);
    assertThat(line.status()).isEqualTo(ProviderSelfTests.Status.NOT_CHECKED);
    assertThat(line.detail()).contains("no self-test");
  }

  @Test
  void oneRefusingProviderIsAFailedLineWithItsCodeAndRequestIdAndTheOthersAreStillTested() {
    List<ProviderSelfTests.Line> lines = ProviderSelfTests.run(List.of(
        new Answering("first", new AuthenticationException("First refused the API key (first.api-key)", "req-1", null)),
        new Answering("second", SelfTestResult.ok("POST /token"))), clock);
    assertThat(lines).extracting(ProviderSelfTests.Line::status)
        .containsExactly(ProviderSelfTests.Status.FAILED, ProviderSelfTests.Status.OK);
    assertThat(lines.get(0).code()).isEqualTo("authentication_failed");
    assertThat(lines.get(0).requestId()).isEqualTo("req-1");
    assertThat(lines.get(0).detail()).isEqualTo("First refused the API key (first.api-key)");
    assertThat(lines.get(0).took()).isEqualTo(Duration.ofMillis(250));
    assertThat(lines.get(1).detail()).isEqualTo("POST /token");
  }

  @Test
  void anAdaptersBugIsAFailureNamingItsClassNotItsMessage() {
    ProviderSelfTests.Line line = ProviderSelfTests.run(
        new Answering("buggy", new IllegalStateException("secret=hunter2")), clock);
    assertThat(line.status()).isEqualTo(ProviderSelfTests.Status.FAILED);
    assertThat(line.code()).isEqualTo("internal_error");
    assertThat(line.detail()).contains(IllegalStateException.class.getName()).doesNotContain("hunter2");
  }

  @Test
  void atStartUpAFailureIsAWarningNamingTheProviderAndNothingIsThrown() {
    Logger logger = Logger.getLogger(ProviderSelfTests.class.getName());
    List<LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
    Handler handler = new Handler() {
      @Override
      public void publish(LogRecord record) {
        records.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Level level = logger.getLevel();
    logger.setLevel(Level.INFO);
    logger.addHandler(handler);
    try {
      ProviderSelfTests.logAtStart(List.of(
          new Answering("down", PaymentException.of(io.checkoutbridge.api.error.ErrorCode.TRANSIENT_NETWORK,
              "Down could not be reached")),
          new Answering("up", SelfTestResult.ok("GET /ping"))), clock);
    } finally {
      logger.removeHandler(handler);
      logger.setLevel(level);
    }
    assertThat(records).filteredOn(r -> r.getLevel() == Level.WARNING).singleElement()
        .satisfies(r -> assertThat(r.getMessage()).startsWith("self-test of down FAILED [transient_network]: "
            + "Down could not be reached"));
    assertThat(records).filteredOn(r -> r.getLevel() == Level.INFO).singleElement()
        .satisfies(r -> assertThat(r.getMessage()).isEqualTo("self-test of up: OK (GET /ping)"));
  }
}
