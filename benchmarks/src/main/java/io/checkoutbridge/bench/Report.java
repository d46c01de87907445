package io.checkoutbridge.bench;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The figures of one run: a table of value, baseline, ratio and target, and the evidence behind them. */
final class Report {
  /** One line of the table. {@code baseline} and {@code ratio} may be blank. */
  record Row(String figure, String value, String baseline, String ratio, String target, String verdict) {}

  /** The heading of the hand-written analysis that {@link #write} keeps. */
  static final String FINDINGS = "## Findings";

  private final List<Row> rows = new ArrayList<>();
  private final Map<String, String> sections = new LinkedHashMap<>();
  private final String mode;

  Report(String mode) {
    this.mode = mode;
  }

  void row(String figure, String value, String baseline, String ratio, String target, Boolean pass) {
    rows.add(new Row(figure, value, baseline, ratio, target, pass == null ? "-" : pass ? "PASS" : "FAIL"));
  }

  void section(String title, String text) {
    sections.merge(title, text, (a, b) -> a + "\n" + b);
  }

  static String ms(double millis) {
    return String.format(Locale.ROOT, "%.2f ms", millis);
  }

  static String num(double value, String format) {
    return String.format(Locale.ROOT, format, value);
  }

  String table() {
    String[] head = {"figure", "value", "baseline", "ratio", "target", "result"};
    int[] width = new int[head.length];
    List<String[]> cells = new ArrayList<>();
    cells.add(head);
    for (Row r : rows) {
      cells.add(new String[] {r.figure(), r.value(), r.baseline(), r.ratio(), r.target(), r.verdict()});
    }
    for (String[] c : cells) {
      for (int i = 0; i < c.length; i++) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (int n = 0; n < cells.size(); n++) {
      String[] c = cells.get(n);
      out.append('|');
      for (int i = 0; i < c.length; i++) {
        out.append(' ').append(String.format("%-" + width[i] + "s", c[i])).append(" |");
      }
      out.append('\n');
      if (n == 0) {
        out.append('|');
        for (int w : width) {
          out.append('-').append("-".repeat(w)).append("-|");
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  void print() {
    System.out.println();
    System.out.println("=== Checkout Bridge benchmarks (" + mode + ") ===");
    System.out.println(machine());
    sections.forEach((title, text) -> {
      System.out.println("--- " + title + " ---");
      System.out.println(text);
    });
    System.out.println(table());
  }

  void write(Path file) throws IOException {
    StringBuilder md = new StringBuilder();
    md.append("# Benchmark results\n\n");
    md.append("Written by the last full run (`mvn -B -pl benchmarks -am verify -Pbenchmarks`, see the README's\n")
        .append("\"Benchmarks\" section). Each figure and its baseline were measured side by side in that run;\n")
        .append("compare ratios within a run, never absolute numbers across runs.\n\n");
    md.append("## Machine\n\n```\n").append(machine()).append("```\n\n");
    md.append("## Results\n\n").append(table()).append('\n');
    sections.forEach((title, text) -> md.append("## ").append(title).append("\n\n```\n").append(text.strip())
        .append("\n```\n\n"));
    // The written analysis below the figures is kept from one run to the next.
    if (Files.exists(file)) {
      String previous = Files.readString(file, StandardCharsets.UTF_8);
      int findings = previous.indexOf(FINDINGS);
      if (findings >= 0) {
        md.append(previous.substring(findings));
      }
    }
    Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
  }

  static String machine() {
    StringBuilder m = new StringBuilder();
    m.append("date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append('\n');
    m.append("nproc: ").append(Runtime.getRuntime().availableProcessors()).append('\n');
    m.append("memory: ").append(memTotal()).append('\n');
    m.append("jdk: ").append(System.getProperty("java.vm.name")).append(' ')
        .append(System.getProperty("java.runtime.version")).append('\n');
    m.append("os: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
        .append(' ').append(System.getProperty("os.arch")).append('\n');
    m.append("postgresql: ").append(postgresVersion()).append('\n');
    return m.toString();
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return "unknown";
    }
    return "unknown";
  }

  static volatile String postgres = "unknown";

  private static String postgresVersion() {
    return postgres;
  }

  /** The output of a short command, or a note that it could not run. */
  static String command(String... command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      try (InputStreamReader in = new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)) {
        StringBuilder out = new StringBuilder();
        char[] buf = new char[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
          out.append(buf, 0, n);
        }
        p.waitFor();
        return out.toString();
      }
    } catch (IOException e) {
      return "(" + String.join(" ", command) + " failed: " + e.getMessage() + ")";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "(interrupted)";
    }
  }
}
