package io.checkoutbridge.sandbox.dintero;

import io.checkoutbridge.sandbox.SimulatorException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-line money: what each {@code line_id} may hold and how much it holds, in minor units.
 * Negative lines (discounts, gift cards) move towards their negative limit. Not thread-safe; used
 * under the simulator's lock.
 */
final class LineBook {

  /** One line of a capture, refund or record request. */
  record Movement(String lineId, long amount, int index) {}

  private final Map<String, Long> limits;
  private final Map<String, Long> totals = new LinkedHashMap<>();

  LineBook(Map<String, Long> limits) {
    this.limits = new LinkedHashMap<>(limits);
  }

  boolean has(String lineId) {
    return limits.containsKey(lineId);
  }

  long limit(String lineId) {
    return limits.getOrDefault(lineId, 0L);
  }

  long total(String lineId) {
    return totals.getOrDefault(lineId, 0L);
  }

  Map<String, Long> totals() {
    return Map.copyOf(totals);
  }

  /**
   * Checks that every movement names a known line and keeps each line within {@code
   * limitFor.apply(line)}, without changing anything.
   *
   * @param field JSON array name used in error messages, e.g. {@code items}
   * @param limitFor the most this book may hold for a line
   * @param verb for messages, e.g. {@code captured}
   */
  void check(List<Movement> movements, String field, java.util.function.ToLongFunction<String>
      limitFor, String verb) {
    Map<String, Long> after = new LinkedHashMap<>(totals);
    for (Movement m : movements) {
      if (!limits.containsKey(m.lineId())) {
        throw new SimulatorException(400, "unknown_line_id", "Unknown line_id " + m.lineId(),
            List.of(new SimulatorException.FieldError(field + "[" + m.index() + "].line_id",
                "no line with line_id " + m.lineId())));
      }
      long total = after.merge(m.lineId(), m.amount(), Math::addExact);
      long bound = limitFor.applyAsLong(m.lineId());
      if (!within(total, bound)) {
        throw new SimulatorException(400, "line_amount_exceeded",
            "Line " + m.lineId() + " would be " + verb + " " + total + " of " + bound,
            List.of(new SimulatorException.FieldError(field + "[" + m.index() + "].amount",
                "exceeds what may be " + verb + " on line " + m.lineId() + " (" + bound + ")")));
      }
    }
  }

  void apply(List<Movement> movements) {
    movements.forEach(m -> totals.merge(m.lineId(), m.amount(), Math::addExact));
  }

  static boolean within(long value, long bound) {
    return bound >= 0 ? value >= 0 && value <= bound : value <= 0 && value >= bound;
  }
}
