package io.faultline.workloads.raft.detect;

import io.faultline.harness.cli.FaultlineCli;
import io.faultline.harness.cli.UserError;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./faultline detect}: runs every case of the {@link DetectionMatrix} for a number of seeds, with the unsafe
 * mode on and against the correct store, and prints the detection table. Exit code 0 when the goal is met, 1 when
 * not, 3 for a bad flag.
 */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Measures detection power: runs each unsafe mode of the Raft store under the",
      "faults that should expose it, for seeds 1..N, and the same tests against the",
      "correct store. Prints one row per mode: detected/total, the median seconds to",
      "detection, and the correct store's false positives.",
      "With --generic, each mode also runs under the one default mix (--nemesis all,",
      "the workload's defaults, no option but the mode and its read mode), printed as",
      "a second column group.",
      "Exit code: 0 when every mode is detected in at least 90%% of seeds within 60 s",
      "(generic: 80%% within 120 s) with no false positive, 1 when not, 3 for errors."
    })
public final class DetectCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--seeds",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Seeds per mode, 1..N, for the unsafe and the correct store each. Default: ${DEFAULT-VALUE}.")
  int seeds;

  @Option(
      names = "--time-limit",
      paramLabel = "S",
      defaultValue = "15",
      description =
          "Seconds of the main phase of each run (a mode whose faults need longer gets longer)."
              + " Default: ${DEFAULT-VALUE}.")
  double timeLimit;

  @Option(
      names = "--generic",
      description = "Also run each mode under the default mix (--nemesis all), as a second column.")
  boolean generic;

  @Option(
      names = "--targeted",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Run each mode's targeted case (--no-targeted: the generic column only).")
  boolean targeted;

  @Option(
      names = "--correct",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Also run each test against the correct store (--no-correct: the unsafe runs only).")
  boolean correct;

  @Option(
      names = "--generic-time-limit",
      paramLabel = "S",
      defaultValue = "120",
      description = "Seconds of the main phase of each generic run. Default: ${DEFAULT-VALUE}.")
  double genericTimeLimit;

  @Option(
      names = "--mode",
      paramLabel = "M",
      split = ",",
      description = "Only these unsafe modes, comma-separated. Default: every mode.")
  List<String> modes = List.of();

  @Override
  public Integer call() {
    List<DetectionCase> cases = cases();
    if (seeds < 1) {
      throw new UserError("--seeds must be at least 1, not " + seeds);
    }
    seconds("--time-limit", timeLimit);
    seconds("--generic-time-limit", genericTimeLimit);
    if (!targeted && !generic) {
      throw new UserError("--no-targeted needs --generic: there would be nothing to run");
    }
    PrintWriter out = spec.commandLine().getOut();
    Detector detector = detector(timeLimit, out);
    Detector genericDetector = detector(genericTimeLimit, out);
    List<DetectionTable.Row> rows = new ArrayList<>();
    for (DetectionCase c : cases) {
      if (targeted && !c.isGeneric()) {
        rows.add(row(c, detector, correct));
      }
      if (generic) {
        rows.add(row(c.isGeneric() ? c : c.generic(), genericDetector, correct));
      }
    }
    DetectionTable table = new DetectionTable(rows);
    out.println();
    out.printf(
        Locale.ROOT,
        "detection power: %d seed(s) per mode, %.0f s per run%s%s%n%n",
        seeds,
        timeLimit,
        longerRuns(cases),
        generic ? String.format(Locale.ROOT, "; generic runs %.0f s", genericTimeLimit) : "");
    out.print(table.render());
    out.flush();
    return table.goalMet() ? 0 : 1;
  }

  private static void seconds(String flag, double s) {
    if (!(s > 0) || Double.isInfinite(s)) {
      throw new UserError(flag + " must be a positive number of seconds, not " + s);
    }
  }

  private Detector detector(double limit, PrintWriter out) {
    return new Detector(
        FaultlineCli.root(),
        "detect-",
        seeds,
        Duration.ofNanos((long) (limit * 1e9)),
        t -> progress(out, t));
  }

  private static DetectionTable.Row row(DetectionCase c, Detector detector, boolean correct) {
    String why = c.unsupported().orElse(null);
    return why != null
        ? DetectionTable.Row.skipped(c, why)
        : DetectionTable.Row.of(c, correct ? detector.run(c) : detector.runUnsafe(c));
  }

  /** The modes whose runs last longer than {@code --time-limit} ({@link DetectionCase#minTimeLimit()}), or "". */
  private String longerRuns(List<DetectionCase> cases) {
    Duration asked = Duration.ofNanos((long) (timeLimit * 1e9));
    String longer =
        cases.stream()
            .filter(c -> !c.timeLimit(asked).equals(asked))
            .map(c -> c.mode() + " " + c.timeLimit(asked).toSeconds() + " s")
            .collect(Collectors.joining(", "));
    return longer.isEmpty() ? "" : " (" + longer + ")";
  }

  private List<DetectionCase> cases() {
    if (modes.isEmpty()) {
      List<DetectionCase> all = new ArrayList<>(DetectionMatrix.cases());
      if (generic) {
        all.addAll(DetectionMatrix.untargeted());
      }
      return all;
    }
    List<DetectionCase> out = new ArrayList<>();
    for (String m : modes) {
      Optional<DetectionCase> untargeted = DetectionMatrix.untargeted(m);
      if (untargeted.isPresent() && !generic) {
        throw new UserError("--mode " + m + " has no targeted case yet: run it with --generic");
      }
      out.add(
          DetectionMatrix.of(m)
              .or(() -> untargeted)
              .orElseThrow(
                  () ->
                      new UserError(
                          "--mode: unknown unsafe mode '"
                              + m
                              + "'; modes: "
                              + String.join(", ", DetectionMatrix.modes())
                              + "; with --generic also: "
                              + String.join(
                                  ", ",
                                  DetectionMatrix.untargeted().stream()
                                      .map(DetectionCase::mode)
                                      .toList()))));
    }
    return out;
  }

  private static void progress(PrintWriter out, Trial t) {
    out.printf(
        Locale.ROOT,
        "[detect] %-21s seed %d %-7s %-7s %s %s%n",
        t.mode(),
        t.seed(),
        t.unsafe() ? "unsafe" : "correct",
        t.verdict(),
        t.evidenceSeconds().isPresent()
            ? String.format(Locale.ROOT, "at %.1f s", t.evidenceSeconds().getAsDouble())
            : "",
        t.run());
    out.flush();
  }
}
