package io.checkoutbridge.cdi;

import io.checkoutbridge.ops.ReadinessChecks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Map;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The plugin's readiness checks for MicroProfile Health ({@code /health/ready} on the management
 * port where the server has the {@code microprofile-health-smallrye} subsystem): the database
 * answers, every migration is applied, at least one provider is configured. Each is its own check
 * so the answer names what is down. Without the MicroProfile Health subsystem the container skips
 * this bean (an INFO line) and the plugin runs as before.
 */
@ApplicationScoped
public class PluginReadiness {

  @Inject
  CheckoutBridgeRuntime runtime;

  @Produces
  @Readiness
  HealthCheck database() {
    return () -> response(ReadinessChecks.database(dataSource()));
  }

  @Produces
  @Readiness
  HealthCheck migrations() {
    return () -> response(ReadinessChecks.migrations(dataSource()));
  }

  @Produces
  @Readiness
  HealthCheck providers() {
    return () -> response(ReadinessChecks.providers(runtime.engineProviders().stream().map(p -> p.id()).toList()));
  }

  private DataSource dataSource() {
    return runtime.database().dataSource();
  }

  static HealthCheckResponse response(ReadinessChecks.Check check) {
    var builder = HealthCheckResponse.named(check.name()).status(check.up());
    for (Map.Entry<String, String> entry : check.data().entrySet()) {
      builder.withData(entry.getKey(), entry.getValue());
    }
    return builder.build();
  }
}
