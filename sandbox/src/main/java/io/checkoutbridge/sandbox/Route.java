package io.checkoutbridge.sandbox;

/**
 * A request resolved to its handler but not yet run, so the sandbox can apply a scripted fault for
 * {@link #operation()} before (or instead of) doing the work.
 *
 * @param operation the fault operation name, or null when faults do not apply
 * @param invocation runs the handler
 */
public record Route(String operation, Invocation invocation) {

  /** Runs the handler; may throw {@link SimulatorException}. */
  @FunctionalInterface
  public interface Invocation {
    SandboxResponse invoke();
  }

  public SandboxResponse invoke() {
    return invocation.invoke();
  }
}
