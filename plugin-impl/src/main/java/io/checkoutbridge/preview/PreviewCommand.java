package io.checkoutbridge.preview;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.checkoutbridge.api.CheckoutRequest;
import io.checkoutbridge.api.error.InvalidRequestException;
import io.checkoutbridge.api.spi.PaymentProvider;
import io.checkoutbridge.api.spi.Preview;
import io.checkoutbridge.config.Settings;
import io.checkoutbridge.provider.ProviderFactory;
import io.checkoutbridge.provider.support.HttpClients;
import io.checkoutbridge.provider.support.HttpSettings;
import io.checkoutbridge.provider.support.JsonHttp;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import okhttp3.OkHttpClient;

/**
 * The dry-run preview: {@code PreviewCommand --provider dintero --cart cart.json} prints, as JSON,
 * the requests the provider's adapter would send for the cart and every rule the mapping applied.
 * Nothing is sent and no credentials are needed.
 */
public final class PreviewCommand {
  private PreviewCommand() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command; returns the process exit code (0 ok, 1 the cart breaks a rule, 2 usage). */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String provider = null;
    String cart = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--provider" -> provider = args[i + 1];
        case "--cart" -> cart = args[i + 1];
        default -> {
          err.println("unknown option " + args[i]);
          return 2;
        }
      }
    }
    List<ProviderFactory> factories = new ArrayList<>();
    ServiceLoader.load(ProviderFactory.class, PreviewCommand.class.getClassLoader()).forEach(factories::add);
    List<String> ids = factories.stream().map(ProviderFactory::id).toList();
    if (provider == null || cart == null) {
      err.println("usage: PreviewCommand --provider <" + String.join("|", ids) + "> --cart <cart.json>");
      return 2;
    }
    String wanted = provider;
    ProviderFactory factory = factories.stream().filter(f -> f.id().equals(wanted)).findFirst().orElse(null);
    if (factory == null) {
      err.println("no provider '" + provider + "'; known: " + ids);
      return 2;
    }
    OkHttpClient http = HttpClients.create(HttpSettings.defaults());
    try (InputStream in = Files.newInputStream(Path.of(cart))) {
      CheckoutRequest request = CartJson.read(in);
      PaymentProvider adapter = factory.createForPreview(Settings.system(), http, Clock.systemUTC());
      out.println(render(adapter.preview(request)));
      return 0;
    } catch (InvalidRequestException e) {
      err.println("the cart cannot be sent to " + provider + ": " + e.getMessage());
      return 1;
    } catch (IOException | IllegalArgumentException e) {
      err.println("cannot read " + cart + ": " + e.getMessage());
      return 2;
    } finally {
      HttpClients.shutdown(http);
    }
  }

  /** The preview as pretty JSON: requests with their bodies parsed, then the rules. */
  public static String render(Preview preview) {
    ObjectNode root = JsonHttp.object();
    root.put("provider", preview.providerId());
    ArrayNode requests = root.putArray("requests");
    for (Preview.Request r : preview.requests()) {
      ObjectNode node = requests.addObject();
      node.put("method", r.method());
      node.put("path", r.path());
      try {
        node.set("body", r.body().isBlank() ? null : JsonHttp.MAPPER.readTree(r.body()));
      } catch (IOException notJson) {
        node.put("body", r.body());
      }
    }
    ArrayNode rules = root.putArray("rules");
    preview.rules().forEach(rules::add);
    return JsonHttp.pretty(root);
  }
}
