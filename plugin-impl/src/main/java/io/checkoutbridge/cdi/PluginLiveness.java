package io.checkoutbridge.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The plugin's liveness for MicroProfile Health ({@code /health/live}): the periodic callback retry
 * and sweep are still scheduled. Without them callbacks that failed once are never applied and
 * unsettled payments stay unsettled, which only a restart mends. A slow database or provider is a
 * readiness matter, not this one.
 *
 * <p>A producer rather than a class implementing {@link HealthCheck}: on a server without the
 * MicroProfile Health subsystem the API is missing, and the container then skips this bean with an
 * INFO line, where a class implementing the missing interface fails to load with a WARN.
 */
@ApplicationScoped
public class PluginLiveness {

  @Inject
  CheckoutBridgeRuntime runtime;

  @Produces
  @Liveness
  HealthCheck backgroundTasks() {
    return () -> {
      boolean running = runtime.backgroundTasksScheduled();
      return HealthCheckResponse.named("checkout-bridge-background-tasks").status(running)
          .withData("callback-retry-and-sweep", running ? "scheduled" : "stopped; restart the application")
          .build();
    };
  }
}
