package io.faultline.nemesis.clock;

import io.faultline.nemesis.family.Targets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The value of a {@code strobe-clock} op: which nodes, how far their offsets flip, how often, and for how long.
 *
 * @param nodes the nodes whose clocks flip
 * @param deltaMillis how far the offsets jump on every other flip
 * @param periodMillis the time between flips, at least 1
 * @param durationMillis how long the strobe lasts, at most {@link ClockNemesis#MAX_STROBE_MILLIS}
 */
record Strobe(List<String> nodes, long deltaMillis, long periodMillis, long durationMillis) {

  Strobe {
    nodes = List.copyOf(nodes);
    if (periodMillis < 1) {
      throw new IllegalArgumentException(
          "a strobe's period must be at least 1 ms, not " + periodMillis);
    }
    if (durationMillis < 0 || durationMillis > ClockNemesis.MAX_STROBE_MILLIS) {
      throw new IllegalArgumentException(
          "a strobe lasts from 0 to "
              + ClockNemesis.MAX_STROBE_MILLIS
              + " ms, not "
              + durationMillis);
    }
  }

  /**
   * Reads {@code {"nodes": [...] or a target kind, "delta": ms, "period": ms, "duration": ms}}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static Strobe parse(Object value, List<String> allNodes, RandomGenerator random) {
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(
          "expected {\"nodes\": [...], \"delta\": ms, \"period\": ms, \"duration\": ms}"
              + ", not "
              + value);
    }
    return new Strobe(
        Targets.resolve(m.get("nodes"), allNodes, random),
        millis(m, "delta"),
        millis(m, "period"),
        millis(m, "duration"));
  }

  private static long millis(Map<?, ?> m, String key) {
    if (!(m.get(key) instanceof Number n)) {
      throw new IllegalArgumentException(
          "a strobe needs a number of ms for '" + key + "', not " + m.get(key));
    }
    return n.longValue();
  }

  /** The op value this strobe is read from. */
  Map<String, Object> toValue() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("nodes", nodes);
    m.put("delta", deltaMillis);
    m.put("period", periodMillis);
    m.put("duration", durationMillis);
    return m;
  }
}
