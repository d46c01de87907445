package io.checkoutbridge.demo.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The set-up commands at the top of the README: the first {@code bash} block, one command a line. */
final class ReadmeCommands {
  private ReadmeCommands() {}

  static List<List<String>> setUpCommands(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    int start = lines.indexOf("```bash");
    if (start < 0) {
      throw new IllegalStateException("README has no ```bash block");
    }
    return lines.subList(start + 1, lines.size()).stream()
        .takeWhile(l -> !l.startsWith("```"))
        .map(l -> l.contains("#") ? l.substring(0, l.indexOf('#')) : l)
        .map(String::strip)
        .filter(l -> !l.isEmpty())
        .map(l -> Arrays.asList(l.split("\\s+")))
        .toList();
  }

  /** The demo command: the first set-up command. */
  static List<String> demoCommand(Path readme) throws IOException {
    return setUpCommands(readme).get(0);
  }
}
