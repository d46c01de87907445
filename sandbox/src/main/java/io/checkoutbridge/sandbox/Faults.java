package io.checkoutbridge.sandbox;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The active scripted faults, shared by all simulators. Each fault counts down as it applies and
 * disappears at zero; the oldest matching fault applies first. Thread-safe.
 */
public final class Faults {

  /** The operation name for callback faults, common to every simulator. */
  public static final String CALLBACK = "callback";

  /** What to do to one call. {@code mode} is the effect: fail-second's second call is ERROR. */
  public record Hit(String faultId, FaultMode mode, String label, int status, long delayMs) {}

  /** An active fault with how many uses are left. */
  public record Active(String id, Fault fault, int remaining) {}

  private static final class Slot {
    final String id;
    final Fault fault;
    int remaining;
    int calls;

    Slot(String id, Fault fault) {
      this.id = id;
      this.fault = fault;
      this.remaining = fault.count();
    }
  }

  private final List<Slot> slots = new ArrayList<>();
  private long nextId = 1;

  /** Adds a fault and returns its id. */
  public synchronized String add(Fault fault) {
    String id = "fault-" + nextId++;
    slots.add(new Slot(id, fault));
    return id;
  }

  /**
   * Consumes one use of the first fault matching this call, if any. A {@code fail-second} fault
   * lets odd calls through (empty result) and turns even calls into an ERROR hit.
   */
  public synchronized Optional<Hit> take(String provider, String operation) {
    for (Iterator<Slot> it = slots.iterator(); it.hasNext(); ) {
      Slot s = it.next();
      if (!s.fault.provider().equals(provider) || !s.fault.operation().equals(operation)) {
        continue;
      }
      if (s.fault.mode() == FaultMode.FAIL_SECOND) {
        s.calls++;
        if (s.calls % 2 == 1) {
          return Optional.empty();
        }
      }
      if (--s.remaining <= 0) {
        it.remove();
      }
      FaultMode effect = s.fault.mode() == FaultMode.FAIL_SECOND ? FaultMode.ERROR : s.fault.mode();
      return Optional.of(new Hit(s.id, effect, s.fault.mode().wire(), s.fault.status(),
          s.fault.delayMs()));
    }
    return Optional.empty();
  }

  public synchronized List<Active> active() {
    List<Active> out = new ArrayList<>();
    slots.forEach(s -> out.add(new Active(s.id, s.fault, s.remaining)));
    return out;
  }

  /** Removes every fault (of one provider when {@code provider} is not null). */
  public synchronized void clear(String provider) {
    slots.removeIf(s -> provider == null || s.fault.provider().equals(provider));
  }
}
