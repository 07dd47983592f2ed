package io.faultline.harness.bench;

import java.util.Map;

/** Conversions between JMH's score units of one kind: {@code ops/<time>} or {@code <time>/op}. */
final class ScoreUnits {
  private static final Map<String, Double> SECONDS =
      Map.of(
          "ns", 1e-9, "us", 1e-6, "ms", 1e-3, "s", 1.0, "min", 60.0, "hr", 3600.0, "day", 86400.0);

  private ScoreUnits() {}

  /** What a score in {@code from} is multiplied by to be in {@code to}; NaN when they are not of one kind. */
  static double factor(String from, String to) {
    String[] a = from.split("/", -1);
    String[] b = to.split("/", -1);
    if (a.length != 2 || b.length != 2) {
      return Double.NaN;
    }
    if (a[1].equals("op")
        && b[1].equals("op")
        && SECONDS.containsKey(a[0])
        && SECONDS.containsKey(b[0])) {
      return SECONDS.get(a[0]) / SECONDS.get(b[0]);
    }
    if (a[0].equals("ops")
        && b[0].equals("ops")
        && SECONDS.containsKey(a[1])
        && SECONDS.containsKey(b[1])) {
      return SECONDS.get(b[1]) / SECONDS.get(a[1]);
    }
    return Double.NaN;
  }
}
