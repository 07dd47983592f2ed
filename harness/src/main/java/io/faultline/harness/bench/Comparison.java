package io.faultline.harness.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A current run compared with a baseline, row by row (benchmark and parameter set).
 *
 * <p>A row is {@link Verdict#SLOWER} only when the error intervals do not overlap <em>and</em> the relative change
 * is past the threshold in the worse direction; {@link Verdict#FASTER} is the mirror image; anything else is
 * {@link Verdict#SAME}. The change is {@code current / baseline - 1}, with the current score first converted to the
 * baseline's unit; for throughput worse means lower, for the time modes higher.
 */
public record Comparison(double threshold, List<Row> rows) {

  /** What happened to one benchmark and parameter set. */
  public enum Verdict {
    FASTER,
    SLOWER,
    SAME,
    /** Only in the baseline: the benchmark was not run this time. */
    MISSING,
    /** Only in the current run. */
    NEW,
    /** In both, but in different modes or units that cannot be converted. */
    INCOMPARABLE;

    /** The lower-case word printed in tables. */
    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * One row; {@code baseline} or {@code current} is null for {@link Verdict#MISSING} and {@link Verdict#NEW}.
   * {@code current} is in the baseline's unit when the two could be converted.
   */
  public record Row(
      String name, JmhResult baseline, JmhResult current, double ratio, Verdict verdict) {}

  public Comparison {
    if (!(threshold >= 0)) {
      throw new IllegalArgumentException("the threshold must be 0 or more: " + threshold);
    }
    rows = List.copyOf(rows);
  }

  /**
   * Compares two runs; rows follow the baseline's order, then what only the current run has.
   *
   * @param threshold the smallest relative change that counts, e.g. 0.10 for 10%
   */
  public static Comparison of(List<JmhResult> baseline, List<JmhResult> current, double threshold) {
    Map<String, JmhResult> now = new LinkedHashMap<>();
    for (JmhResult r : current) {
      now.put(r.key(), r);
    }
    List<Row> rows = new ArrayList<>();
    for (JmhResult b : baseline) {
      JmhResult c = now.remove(b.key());
      rows.add(
          c == null
              ? new Row(b.shortName(), b, null, Double.NaN, Verdict.MISSING)
              : row(b, c, threshold));
    }
    for (JmhResult c : now.values()) {
      rows.add(new Row(c.shortName(), null, c, Double.NaN, Verdict.NEW));
    }
    return new Comparison(threshold, rows);
  }

  private static Row row(JmhResult b, JmhResult c, double threshold) {
    JmhResult converted = b.mode().equals(c.mode()) ? c.in(b.unit()) : null;
    if (converted == null) {
      return new Row(b.shortName(), b, c, Double.NaN, Verdict.INCOMPARABLE);
    }
    double ratio = converted.score() / b.score();
    return new Row(b.shortName(), b, converted, ratio, verdict(b, converted, ratio, threshold));
  }

  private static Verdict verdict(JmhResult b, JmhResult c, double ratio, double threshold) {
    boolean overlap = b.low() <= c.high() && c.low() <= b.high();
    double change = ratio - 1;
    if (overlap || Double.isNaN(change) || Math.abs(change) <= threshold) {
      return Verdict.SAME;
    }
    boolean better = b.higherIsBetter() ? change > 0 : change < 0;
    return better ? Verdict.FASTER : Verdict.SLOWER;
  }

  /** True when at least one row is {@link Verdict#SLOWER}. */
  public boolean anySlower() {
    return rows.stream().anyMatch(r -> r.verdict() == Verdict.SLOWER);
  }

  /** How many rows have this verdict. */
  public long count(Verdict v) {
    return rows.stream().filter(r -> r.verdict() == v).count();
  }
}
