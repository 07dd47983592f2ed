package io.faultline.harness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Ratios between the rows of one run, which are only meaningful within one run on one machine: latencies as
 * multiples of a floor (a durable write, a round trip), and one system against another where the rows differ only
 * in one parameter (e.g. {@code store=raft} against {@code store=etcd}). Latencies compare medians (p50) and tails
 * (p99) of {@code SampleTime}; throughputs compare scores.
 */
public final class Ratios {
  private Ratios() {}

  /**
   * The result whose benchmark name ends with {@code suffix} and whose parameters include {@code params}; failing
   * that, the first whose name ends with {@code suffix} (a run from before the parameter existed); or null.
   */
  public static JmhResult find(List<JmhResult> results, String suffix, Map<String, String> params) {
    return results.stream()
        .filter(
            r ->
                r.benchmark().endsWith(suffix)
                    && r.params().entrySet().containsAll(params.entrySet()))
        .findFirst()
        .orElse(
            results.stream().filter(r -> r.benchmark().endsWith(suffix)).findFirst().orElse(null));
  }

  /**
   * Each {@code sample} result other than the floors as a multiple of the durable write's p50, of the durable write
   * plus one round trip, and of the replicated-commit floor ({@code commit}: the message pattern of a commit through
   * three members, measured with nothing else in it, which is also a row). Empty (no rows) when the run has no
   * durable-write floor; a column is blank when its floor is missing from the run.
   */
  public static List<List<String>> toFloor(
      List<JmhResult> results, JmhResult dsync, JmhResult roundTrip, JmhResult commit) {
    List<List<String>> rows = new ArrayList<>();
    if (dsync == null || p(dsync, 50.0) == null) {
      return rows;
    }
    double disk = p(dsync, 50.0);
    Double net = roundTrip == null ? null : p(roundTrip.in(dsync.unit()), 50.0);
    Double bare = commit == null ? null : p(commit.in(dsync.unit()), 50.0);
    rows.add(
        List.of(
            "benchmark",
            "p50 " + dsync.unit(),
            "p50 / dsync",
            "p50 / (dsync + rtt)",
            "p50 / bare commit",
            "p99 / dsync p99"));
    // The bare commit stays a row: its own multiple of one write + one round trip is what no store
    // can beat.
    List<JmhResult> floors = List.of(dsync, roundTrip == null ? dsync : roundTrip);
    for (JmhResult r : results) {
      if (floors.contains(r) || !"sample".equals(r.mode())) {
        continue;
      }
      JmhResult same = r.in(dsync.unit());
      if (same == null || p(same, 50.0) == null) {
        continue;
      }
      double p50 = p(same, 50.0);
      rows.add(
          List.of(
              r.shortName(),
              BenchTables.number(p50),
              times(p50 / disk),
              net == null ? "" : times(p50 / (disk + net)),
              bare == null ? "" : times(p50 / bare),
              ratio(p(same, 99.0), p(dsync, 99.0))));
    }
    return rows.size() == 1 ? List.of() : rows;
  }

  /**
   * Every row whose {@code param} is not {@code reference} against the row that differs only in having
   * {@code param=reference}: the score ratio for throughput, the p50 and p99 ratios for {@code sample}. A ratio above 1
   * means more throughput, or more latency, than the reference.
   */
  public static List<List<String>> versus(List<JmhResult> results, String param, String reference) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("benchmark", param, "score", reference, "ratio", "p50 ratio", "p99 ratio"));
    for (JmhResult r : results) {
      String value = r.params().get(param);
      if (value == null || value.equals(reference)) {
        continue;
      }
      JmhResult ref = counterpart(results, r, param, reference);
      JmhResult same = ref == null ? null : r.in(ref.unit());
      if (same == null || !same.mode().equals(ref.mode())) {
        continue;
      }
      SortedMap<String, String> others = new TreeMap<>(r.params());
      others.remove(param);
      String name = new JmhResult(r.benchmark(), r.mode(), others, 0, 0, r.unit()).shortName();
      boolean sample = "sample".equals(r.mode());
      rows.add(
          List.of(
              name,
              value,
              BenchTables.number(same.score()) + " " + ref.unit(),
              BenchTables.number(ref.score()),
              times(same.score() / ref.score()),
              sample ? ratio(p(same, 50.0), p(ref, 50.0)) : "",
              sample ? ratio(p(same, 99.0), p(ref, 99.0)) : ""));
    }
    return rows.size() == 1 ? List.of() : rows;
  }

  private static JmhResult counterpart(
      List<JmhResult> results, JmhResult r, String param, String reference) {
    Map<String, String> wanted = new TreeMap<>(r.params());
    wanted.put(param, reference);
    return results.stream()
        .filter(o -> o.benchmark().equals(r.benchmark()) && Objects.equals(o.params(), wanted))
        .findFirst()
        .orElse(null);
  }

  private static Double p(JmhResult r, double percentile) {
    return r == null ? null : r.percentiles().get(percentile);
  }

  private static String ratio(Double a, Double b) {
    return a == null || b == null ? "" : times(a / b);
  }

  private static String times(double x) {
    return String.format(Locale.ROOT, "%.2fx", x);
  }
}
