package io.faultline.workloads.raft.detect;

import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.ClockSkewable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of the detection matrix: an unsafe mode of the store and the test that exposes it.
 *
 * @param mode the store's unsafe mode, as its flag without {@code --unsafe-} (e.g. {@code stale-reads})
 * @param workload the workload whose checker sees the bug
 * @param workloadOptions options of the workload (e.g. the register's {@code mix}), empty for its defaults
 * @param faults the fault families
 * @param nemesisOptions options of the fault families (target kinds, a targeted schedule)
 * @param sutOptions options of the store besides the unsafe mode (e.g. {@code read-mode=lease})
 * @param interval the nemesis interval
 * @param minTimeLimit the shortest main phase in which the faults reach the bug (a targeted schedule's cycle and the
 *     run's first interval): a shorter time limit asked of {@link #spec} is raised to it; {@link Duration#ZERO} for
 *     none
 * @param evidence the key of the checker's result that names what the bug broke (e.g. {@code lost})
 * @param why one line: how these faults reach the bug
 */
public record DetectionCase(
    String mode,
    String workload,
    Map<String, String> workloadOptions,
    List<String> faults,
    Map<String, String> nemesisOptions,
    Map<String, String> sutOptions,
    Duration interval,
    Duration minTimeLimit,
    String evidence,
    String why) {

  /** Nodes, client threads and client rate of every detection test. */
  public static final int NODES = 5;

  public static final int CONCURRENCY = 10;
  public static final double RATE = 100;

  public DetectionCase {
    Objects.requireNonNull(mode, "mode");
    workloadOptions = Map.copyOf(workloadOptions);
    faults = List.copyOf(faults);
    nemesisOptions = Map.copyOf(nemesisOptions);
    sutOptions = Map.copyOf(sutOptions);
    Objects.requireNonNull(minTimeLimit, "minTimeLimit");
  }

  /** The nemesis interval of the generic mix: the mean time between its episodes' fault changes. */
  public static final Duration GENERIC_INTERVAL = Duration.ofSeconds(3);

  /**
   * This mode under the one default mix instead of its own test: every fault family ({@code --nemesis all}, with
   * its scenarios and healthy windows), the workload with its default options, and no store option but the unsafe
   * mode and its read mode. Nothing in it is shaped for this mode.
   */
  public DetectionCase generic() {
    Map<String, String> sut =
        sutOptions.containsKey("read-mode")
            ? Map.of("read-mode", sutOptions.get("read-mode"))
            : Map.of();
    return new DetectionCase(
        mode,
        workload,
        Map.of(),
        List.of(TestSpec.ALL_FAULTS),
        Map.of(),
        sut,
        GENERIC_INTERVAL,
        Duration.ZERO,
        evidence,
        "the default mix");
  }

  /** Whether this is the {@link #generic} variant of a case. */
  public boolean isGeneric() {
    return faults.equals(List.of(TestSpec.ALL_FAULTS));
  }

  /** The main phase of this case's runs when {@code timeLimit} is asked for: at least {@link #minTimeLimit}. */
  public Duration timeLimit(Duration timeLimit) {
    return timeLimit.compareTo(minTimeLimit) >= 0 ? timeLimit : minTimeLimit;
  }

  /** A case whose workload runs with its default options and whose faults reach the bug within any time limit. */
  public DetectionCase(
      String mode,
      String workload,
      List<String> faults,
      Map<String, String> nemesisOptions,
      Map<String, String> sutOptions,
      Duration interval,
      String evidence,
      String why) {
    this(
        mode,
        workload,
        Map.of(),
        faults,
        nemesisOptions,
        sutOptions,
        interval,
        Duration.ZERO,
        evidence,
        why);
  }

  /**
   * The test of this case: {@code prefix + mode} with the unsafe mode on, or {@code prefix + mode + "-correct"}, the
   * same test against the correct store; its main phase lasts {@link #timeLimit(Duration) timeLimit(timeLimit)}.
   */
  public TestSpec spec(String prefix, long seed, Duration timeLimit, boolean unsafe) {
    TestSpec.Builder b =
        TestSpec.builder()
            .name(prefix + (isGeneric() ? "generic-" : "") + mode + (unsafe ? "" : "-correct"))
            .nodes(NODES)
            .concurrency(CONCURRENCY)
            .rate(RATE)
            .workload(workload)
            .workloadOptions(workloadOptions)
            .timeLimit(timeLimit(timeLimit))
            .nemesis(faults)
            .nemesisInterval(interval)
            .nemesisOptions(nemesisOptions)
            .sutOptions(sutOptions)
            .seed(seed);
    if (unsafe) {
      b.sutOption("unsafe", mode);
    }
    return b.build();
  }

  /**
   * Why this case cannot run on this machine (clock faults without libfaketime, disk faults without root or FUSE),
   * or empty.
   */
  public Optional<String> unsupported() {
    if (faults.contains("clock") && !ClockSkewable.libfaketimeInstalled()) {
      return Optional.of(ClockSkewable.NEEDS_LIBFAKETIME);
    }
    return faults.contains("disk")
        ? io.faultline.harness.cluster.LazyFs.refusal(io.faultline.harness.junit.Faultline.root())
        : Optional.empty();
  }
}
