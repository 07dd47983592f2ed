package io.faultline.harness.bench;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The primary metric of one benchmark method under one parameter set, as JMH reports it.
 *
 * @param benchmark the fully qualified method, e.g. {@code io.faultline.jmh.raft.CommitLatencyBenchmark.write}
 * @param mode JMH's short mode name: {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param params the {@code @Param} values, sorted by name
 * @param score the score (for {@code sample}, the mean)
 * @param error half the width of JMH's 99.9% confidence interval; NaN when JMH could not compute one (one iteration)
 * @param unit the score's unit, e.g. {@code ops/s} or {@code ms/op}
 * @param percentiles for {@code sample}, JMH's percentiles keyed by their value (50.0, 90.0, 99.0, 99.9, ...)
 */
public record JmhResult(
    String benchmark,
    String mode,
    SortedMap<String, String> params,
    double score,
    double error,
    String unit,
    SortedMap<Double, Double> percentiles) {

  public JmhResult {
    params = new TreeMap<>(params);
    percentiles = new TreeMap<>(percentiles);
  }

  public JmhResult(
      String benchmark,
      String mode,
      Map<String, String> params,
      double score,
      double error,
      String unit) {
    this(benchmark, mode, new TreeMap<>(params), score, error, unit, new TreeMap<>());
  }

  /** Benchmark and parameters: what identifies the same measurement in two runs. */
  public String key() {
    return params.isEmpty() ? benchmark : benchmark + params;
  }

  /** The class and method without the package, with the parameters: {@code CommitLatencyBenchmark.write{...}}. */
  public String shortName() {
    int method = benchmark.lastIndexOf('.');
    int cls = method > 0 ? benchmark.lastIndexOf('.', method - 1) : -1;
    String name = benchmark.substring(cls + 1);
    if (params.isEmpty()) {
      return name;
    }
    StringBuilder sb = new StringBuilder(name).append(' ');
    params.forEach(
        (k, v) ->
            sb.append(sb.charAt(sb.length() - 1) == ' ' ? "" : ",")
                .append(k)
                .append('=')
                .append(v));
    return sb.toString();
  }

  /** True when a higher score is better (throughput); false for the time modes. */
  public boolean higherIsBetter() {
    return "thrpt".equals(mode);
  }

  /** The lower end of the error interval (the score itself when there is no error). */
  public double low() {
    return Double.isNaN(error) ? score : score - error;
  }

  /** The upper end of the error interval (the score itself when there is no error). */
  public double high() {
    return Double.isNaN(error) ? score : score + error;
  }

  /** This result with its score and error expressed in {@code target} (same kind of unit), or null if it cannot be. */
  public JmhResult in(String target) {
    if (unit.equals(target)) {
      return this;
    }
    double factor = ScoreUnits.factor(unit, target);
    if (Double.isNaN(factor)) {
      return null;
    }
    SortedMap<Double, Double> p = new TreeMap<>();
    percentiles.forEach((k, v) -> p.put(k, v * factor));
    return new JmhResult(benchmark, mode, params, score * factor, error * factor, target, p);
  }
}
