package io.checkoutbridge.bench;

import io.checkoutbridge.bench.jmh.MappingBenchmark;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** Figure 4: JMH, average time of {@code validate} and {@code preview} for a 1,000-line cart per provider. */
final class MappingRun {
  private MappingRun() {}

  static void run(boolean full, List<String> providers, Report report) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(MappingBenchmark.class.getName())
        .param("provider", providers.toArray(String[]::new))
        .forks(1)
        .warmupIterations(full ? 5 : 0)
        .warmupTime(TimeValue.milliseconds(1000))
        .measurementIterations(full ? 8 : 1)
        .measurementTime(TimeValue.milliseconds(full ? 1000 : 200))
        .jvmArgs("-Xms256m", "-Xmx256m")
        .shouldFailOnError(true)
        .build();
    Collection<RunResult> results = new Runner(options).run();
    StringBuilder text = new StringBuilder();
    for (RunResult r : results) {
      String method = r.getParams().getBenchmark().substring(r.getParams().getBenchmark().lastIndexOf('.') + 1);
      String provider = r.getParams().getParam("provider");
      double score = r.getPrimaryResult().getScore();
      double error = r.getPrimaryResult().getScoreError();
      String unit = r.getPrimaryResult().getScoreUnit();
      String value = Double.isNaN(error)
          ? String.format(Locale.ROOT, "%.3f %s", score, unit)
          : String.format(Locale.ROOT, "%.3f ± %.3f %s", score, error, unit);
      // The target is on mapping and validating (validate maps the cart to the provider's items and
      // checks them); the preview also renders every request body as JSON text, for a person to read.
      boolean target = "validate".equals(method);
      report.row("4. mapping " + provider + ": " + (target ? "map and validate" : "preview, bodies rendered") + " ("
          + MappingBenchmark.LINES + " lines)", value, "", "", target ? "< 1 ms" : "(information)",
          target ? score < 1.0 : null);
      text.append(String.format(Locale.ROOT, "%-8s %-9s %s (%d iterations)%n", provider, method, value,
          r.getPrimaryResult().getStatistics().getN()));
    }
    report.section("4. mapping (JMH, average time)", text.toString());
  }
}
