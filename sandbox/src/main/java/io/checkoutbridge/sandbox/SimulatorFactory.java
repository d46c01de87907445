package io.checkoutbridge.sandbox;

/** Creates a simulator wired to the sandbox's shared machinery, e.g. {@code DinteroSimulator::new}. */
@FunctionalInterface
public interface SimulatorFactory {
  Simulator create(SandboxContext context);
}
