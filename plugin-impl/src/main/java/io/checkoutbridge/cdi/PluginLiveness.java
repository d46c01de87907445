package io.checkoutbridge.cdi;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * The plugin's liveness for MicroProfile Health ({@code /health/live}): the periodic callback retry
 * and sweep are still scheduled. Without them callbacks that failed once are never applied and
 * unsettled payments stay unsettled, which only a restart mends. A slow database or provider is a
 * readiness matter, not this one.
 */
@Liveness
@ApplicationScoped
public class PluginLiveness implements HealthCheck {

  @Inject
  CheckoutBridgeRuntime runtime;

  @Override
  public HealthCheckResponse call() {
    boolean running = runtime.backgroundTasksScheduled();
    return HealthCheckResponse.named("checkout-bridge-background-tasks").status(running)
        .withData("callback-retry-and-sweep", running ? "scheduled" : "stopped; restart the application")
        .build();
  }
}
