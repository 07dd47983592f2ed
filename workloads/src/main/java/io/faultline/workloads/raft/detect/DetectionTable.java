package io.faultline.workloads.raft.detect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The detection power of a set of trials, one row per mode: how many unsafe runs found the bug, the median seconds
 * into a run at which it showed, and how many runs of the correct store were judged INVALID (false positives). A mode
 * may have two rows: its targeted case, and its {@linkplain DetectionCase#generic generic} one under the default mix,
 * shown as a second column group beside the first.
 *
 * <p>The goals ({@link #GOAL}, {@link #GENERIC_GOAL}): every targeted case detected in at least 90% of seeds within
 * 60 s, every generic one in at least 80% of seeds within 120 s, and no false positive.
 */
public record DetectionTable(List<Row> rows) {
  /** The goal the targeted cases are measured against. */
  public static final String GOAL =
      "every mode detected in >= 90% of seeds within 60 s, zero false positives";

  /** The goal the generic cases are measured against. */
  public static final String GENERIC_GOAL =
      "under the default mix, every mode detected in >= 80% of seeds within 120 s, zero false positives";

  private static final double GOAL_SHARE = 0.9;
  private static final Duration GOAL_TIME = Duration.ofSeconds(60);
  private static final double GENERIC_SHARE = 0.8;
  private static final Duration GENERIC_TIME = Duration.ofSeconds(120);

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
            inTime += t.evidenceSeconds().orElseThrow() <= goalTime(c).toSeconds() ? 1 : 0;
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

    /**
     * Detected in at least 90% of its seeds, each within 60 s of the run's start (generic: 80% within 120 s), and no
     * false positive.
     */
    boolean meetsGoal() {
      double share = c.isGeneric() ? GENERIC_SHARE : GOAL_SHARE;
      return skipped == null
          && unsafeRuns > 0
          && inTime >= Math.ceil(share * unsafeRuns)
          && falsePositives == 0;
    }

    private String cells() {
      return String.format(
          Locale.ROOT,
          "%s | %s | %s",
          skipped != null ? "skipped: " + skipped : detected + "/" + unsafeRuns,
          medianSeconds.isPresent()
              ? String.format(Locale.ROOT, "%.1f", medianSeconds.getAsDouble())
              : "-",
          skipped != null ? "-" : falsePositives + "/" + correctRuns);
    }
  }

  private static Duration goalTime(DetectionCase c) {
    return c.isGeneric() ? GENERIC_TIME : GOAL_TIME;
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

  /**
   * The table as Markdown: a row per mode (its targeted case, and its generic one beside it when there is one),
   * then the correct store's total and the goals.
   */
  public String render() {
    List<Row> targeted = rows.stream().filter(r -> !r.c().isGeneric()).toList();
    Map<String, Row> generic = new java.util.LinkedHashMap<>();
    rows.stream().filter(r -> r.c().isGeneric()).forEach(r -> generic.put(r.c().mode(), r));
    StringBuilder b = new StringBuilder();
    String extra = generic.isEmpty() ? "" : " generic mix: detected | median s | false positives |";
    b.append("| mode | workload | faults | detected | median s to detection |")
        .append(" correct store: false positives |")
        .append(extra)
        .append('\n');
    b.append("|---|---|---|---|---|---|").append(generic.isEmpty() ? "" : "---|---|---|");
    b.append('\n');
    for (Row r : targeted) {
      Row g = generic.remove(r.c().mode());
      b.append("| ").append(r.c().mode()).append(" | ").append(workload(r.c()));
      b.append(" | ").append(faults(r.c())).append(" | ").append(r.cells()).append(" |");
      if (!extra.isEmpty()) {
        b.append(' ').append(g == null ? "- | - | -" : g.cells()).append(" |");
      }
      b.append('\n');
    }
    for (Row g : generic.values()) {
      b.append("| ").append(g.c().mode()).append(" | ").append(workload(g.c()));
      b.append(" | - | - | - | - | ").append(g.cells()).append(" |\n");
    }
    int fp = rows.stream().mapToInt(Row::falsePositives).sum();
    int correct = rows.stream().mapToInt(Row::correctRuns).sum();
    b.append(
        String.format(
            Locale.ROOT,
            "%ncorrect store, all modes' tests: %d false positives / %d runs%n",
            fp,
            correct));
    boolean targetedMet = targeted.stream().allMatch(Row::meetsGoal);
    boolean genericMet = rows.stream().filter(r -> r.c().isGeneric()).allMatch(Row::meetsGoal);
    if (!targeted.isEmpty()) {
      b.append("goal (").append(GOAL).append("): ").append(targetedMet ? "met" : "NOT met");
      b.append('\n');
    }
    if (rows.stream().anyMatch(r -> r.c().isGeneric())) {
      b.append("goal (").append(GENERIC_GOAL).append("): ");
      b.append(genericMet ? "met" : "NOT met").append('\n');
    }
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
