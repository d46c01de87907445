package io.checkoutbridge.it;

import java.io.File;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Builds the WARs the container tests deploy, the way a storefront is built: the plugin's jars in
 * {@code WEB-INF/lib} and the storefront's own configuration, no {@code web.xml}.
 */
public final class Deployments {
  private Deployments() {}

  /** The HTTP port of the WildFly under test (8080 unless moved with a port offset). */
  /**
   * A client for the tests' own requests to the server. HTTP/1.1 only: over plain http the JDK
   * client first tries an h2c upgrade, and a POST during that upgrade was seen to hang until the
   * test timed out ("EOF reached while reading").
   */
  public static HttpClient httpClient() {
    return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  }

  public static int httpPort() {
    return Integer.getInteger("it.http.port", 8080);
  }

  /** The base URL of a deployment named {@code name}.war, as seen from inside the server too. */
  public static String baseUrl(String name) {
    return "http://127.0.0.1:" + httpPort() + "/" + name;
  }

  /** Jars from the plugin's runtime classpath whose file names start with one of {@code prefixes}. */
  public static File[] jars(String... prefixes) {
    File dir = new File(System.getProperty("plugin.lib", "target/plugin-lib"));
    File[] all = dir.listFiles((d, name) -> name.endsWith(".jar"));
    if (all == null) {
      throw new IllegalStateException("no plugin jars in " + dir + "; run the build through Maven");
    }
    return Arrays.stream(all)
        .filter(f -> Arrays.stream(prefixes).anyMatch(p -> f.getName().startsWith(p)))
        .toArray(File[]::new);
  }

  /** The plugin exactly as a shop installs it: plugin-api, plugin-impl and their libraries. */
  public static File[] pluginJars() {
    return Arrays.stream(jars("plugin-api-", "plugin-impl-", "jackson-", "okhttp", "okio", "kotlin-stdlib", "flyway-"))
        .filter(f -> !f.getName().endsWith("-tests.jar"))
        .toArray(File[]::new);
  }

  /** The admin pages and their API, as a shop adds them next to the plugin. */
  public static File[] adminJars() {
    return jars("admin-ui-");
  }

  /**
   * A storefront WAR named {@code name} with the plugin and configuration {@code config}
   * (written to the storefront's own {@code META-INF/microprofile-config.properties}).
   */
  public static WebArchive storefront(String name, Map<String, String> config) {
    Map<String, String> all = new TreeMap<>();
    all.put("checkout-bridge.public-url", baseUrl(name));
    all.put("checkout-bridge.seal-secret", "integration-test-seal-secret-0123456789");
    all.putAll(config);
    StringBuilder properties = new StringBuilder();
    all.forEach((k, v) -> properties.append(k).append('=').append(v).append('\n'));
    return ShrinkWrap.create(WebArchive.class, name + ".war")
        .addAsLibraries(pluginJars())
        .addAsResource(new StringAsset(properties.toString()), "META-INF/microprofile-config.properties");
  }
}
