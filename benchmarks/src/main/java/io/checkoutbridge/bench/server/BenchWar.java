package io.checkoutbridge.bench.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The benchmark storefront, exploded: the plugin and the sandbox in {@code WEB-INF/lib} exactly as
 * a shop installs them, the benchmark servlet in {@code WEB-INF/classes}, and the shop's own
 * {@code microprofile-config.properties}.
 */
public final class BenchWar {
  private BenchWar() {}

  public static Path build(Path dir, Path libs, Path classes, Map<String, String> config) throws IOException {
    WildFly.deleteTree(dir);
    Path lib = Files.createDirectories(dir.resolve("WEB-INF/lib"));
    try (Stream<Path> jars = Files.list(libs)) {
      for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
        Files.copy(jar, lib.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Path web = classes.resolve("io/checkoutbridge/bench/web");
    WildFly.copyTree(web, dir.resolve("WEB-INF/classes/io/checkoutbridge/bench/web"));
    StringBuilder properties = new StringBuilder();
    new TreeMap<>(config).forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
    Path meta = Files.createDirectories(dir.resolve("WEB-INF/classes/META-INF"));
    Files.writeString(meta.resolve("microprofile-config.properties"), properties, StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("WEB-INF/beans.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <beans xmlns="https://jakarta.ee/xml/ns/jakartaee" version="4.0" bean-discovery-mode="annotated"/>
        """, StandardCharsets.UTF_8);
    return dir;
  }
}
