package io.faultline.workloads.raft.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The detection power of a set of trials, one row per mode: how many unsafe runs found the bug, the median seconds
 * into a run at which it showed, and how many runs of the correct store were judged INVALID (false positives).
 *
 * <p>The goal ({@link #GOAL}): every mode detected in at least 90% of seeds within 60 s, and no false positive.
 */
public record DetectionTable(List<Row> rows) {
  /** The goal the table is measured against. */
  public static final String GOAL =
      "every mode detected in >= 90% of seeds within 60 s, zero false positives";

  private static final double GOAL_SHARE = 0.9;
  private static final Duration GOAL_TIME = Duration.ofSeconds(60);

  /**
   * One mode's figures.
   *
   * @param c the case
   * @param skipped why the case did not run here, or null
   * @param detected unsafe runs judged INVALID
   * @param inTime detected runs whose evidence showed within 60 s of the run's start
   * @param unsafeRuns unsafe runs
   * @param medianSeconds the median of the detected runs' evidence seconds; empty when none detected
   * @param falsePositives correct runs judged INVALID
   * @param correctRuns correct runs
   */
  public record Row(
      DetectionCase c,
      String skipped,
      int detected,
      int inTime,
      int unsafeRuns,
      OptionalDouble medianSeconds,
      int falsePositives,
      int correctRuns) {

    /** The figures of {@code trials}, the runs of {@code c}. */
    public static Row of(DetectionCase c, List<Trial> trials) {
      List<Double> seconds = new ArrayList<>();
      int detected = 0;
      int inTime = 0;
      int unsafe = 0;
      int fp = 0;
      int correct = 0;
      for (Trial t : trials) {
        if (t.unsafe()) {
          unsafe++;
          if (t.detected()) {
            detected++;
            seconds.add(t.evidenceSeconds().orElseThrow());
            inTime += t.evidenceSeconds().orElseThrow() <= GOAL_TIME.toSeconds() ? 1 : 0;
          }
        } else {
          correct++;
          fp += t.falsePositive() ? 1 : 0;
        }
      }
      return new Row(c, null, detected, inTime, unsafe, median(seconds), fp, correct);
    }

    /** A case that could not run here. */
    public static Row skipped(DetectionCase c, String why) {
      return new Row(c, why, 0, 0, 0, OptionalDouble.empty(), 0, 0);
    }

    /** Detected in at least 90% of its seeds, each within 60 s of the run's start, and no false positive. */
    boolean meetsGoal() {
      return skipped == null
          && unsafeRuns > 0
          && inTime >= Math.ceil(GOAL_SHARE * unsafeRuns)
          && falsePositives == 0;
    }
  }

  static OptionalDouble median(List<Double> xs) {
    if (xs.isEmpty()) {
      return OptionalDouble.empty();
    }
    List<Double> s = xs.stream().sorted().toList();
    int n = s.size();
    return OptionalDouble.of(n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2);
  }

  /** True when every row ran and meets the goal. */
  public boolean goalMet() {
    return !rows.isEmpty() && rows.stream().allMatch(Row::meetsGoal);
  }

  /** The table as Markdown: a row per mode, then the correct store's total. */
  public String render() {
    StringBuilder b = new StringBuilder();
    b.append(
        "| mode | workload | faults | detected | median s to detection | correct store: false positives |\n");
    b.append("|---|---|---|---|---|---|\n");
    int fp = 0;
    int correct = 0;
    for (Row r : rows) {
      b.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              r.c().mode(),
              workload(r.c()),
              faults(r.c()),
              r.skipped() != null ? "skipped: " + r.skipped() : r.detected() + "/" + r.unsafeRuns(),
              r.medianSeconds().isPresent()
                  ? String.format(Locale.ROOT, "%.1f", r.medianSeconds().getAsDouble())
                  : "-",
              r.skipped() != null ? "-" : r.falsePositives() + "/" + r.correctRuns()));
      fp += r.falsePositives();
      correct += r.correctRuns();
    }
    b.append(
        String.format(
            Locale.ROOT,
            "%ncorrect store, all modes' tests: %d false positives / %d runs%n",
            fp,
            correct));
    b.append("goal (")
        .append(GOAL)
        .append("): ")
        .append(goalMet() ? "met" : "NOT met")
        .append('\n');
    return b.toString();
  }

  /** The workload of a case with its options, e.g. {@code register (mix=3:2:0)}. */
  private static String workload(DetectionCase c) {
    if (c.workloadOptions().isEmpty()) {
      return c.workload();
    }
    java.util.StringJoiner j = new java.util.StringJoiner(", ", c.workload() + " (", ")");
    new java.util.TreeMap<>(c.workloadOptions()).forEach((k, v) -> j.add(k + "=" + v));
    return j.toString();
  }

  /** The faults of a case with its options, e.g. {@code partition (partition-kinds=isolate-leader)}. */
  private static String faults(DetectionCase c) {
    StringBuilder b = new StringBuilder(String.join("+", c.faults()));
    Map<String, String> opts = new java.util.TreeMap<>(c.nemesisOptions());
    opts.putAll(c.sutOptions());
    if (!opts.isEmpty()) {
      b.append(" (");
      opts.forEach(
          (k, v) ->
              b.append(b.charAt(b.length() - 1) == '(' ? "" : ", ")
                  .append(k)
                  .append('=')
                  .append(v));
      b.append(')');
    }
    return b.append(", every ").append(c.interval().toSeconds()).append(" s").toString();
  }
}
