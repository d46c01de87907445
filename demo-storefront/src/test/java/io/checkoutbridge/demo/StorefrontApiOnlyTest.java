package io.checkoutbridge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The demo shop is what a storefront developer copies: it may use the storefront API
 * ({@code io.checkoutbridge.api} and its errors) and its own classes, never the provider SPI or the
 * implementation.
 */
class StorefrontApiOnlyTest {

  private static final Pattern REFERENCE =
      Pattern.compile("\\bio\\.checkoutbridge\\.([a-z][a-z0-9_]*(?:\\.[a-z][a-z0-9_]*)*)");

  @Test
  void demoSourcesReferenceOnlyTheStorefrontApiAndThemselves() {
    List<String> offending = references().filter(r -> !allowed(r)).distinct().toList();

    assertThat(offending).isEmpty();
  }

  @Test
  void theCheckIsNotVacuous() {
    assertThat(references()).contains("api", "demo.launcher");
    assertThat(allowed("api.spi")).isFalse();
    assertThat(allowed("engine")).isFalse();
  }

  private static boolean allowed(String pkg) {
    return pkg.equals("api") || pkg.equals("api.error") || pkg.equals("demo")
        || pkg.startsWith("demo.");
  }

  /** Every package named in the demo's main and test sources, relative to io.checkoutbridge. */
  private static Stream<String> references() {
    return Stream.of(Path.of("src/main/java"), Path.of("src/test/java"))
        .flatMap(StorefrontApiOnlyTest::javaFiles)
        .flatMap(StorefrontApiOnlyTest::packagesNamedIn);
  }

  private static Stream<Path> javaFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".java")).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Stream<String> packagesNamedIn(Path file) {
    try {
      Matcher m = REFERENCE.matcher(Files.readString(file));
      return m.results().map(r -> r.group(1)).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
