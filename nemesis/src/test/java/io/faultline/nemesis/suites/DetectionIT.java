package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.store.Json;
import io.faultline.workloads.raft.detect.DetectionCase;
import io.faultline.workloads.raft.detect.DetectionMatrix;
import io.faultline.workloads.raft.detect.Trial;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A harness is only as good as the bugs it finds: each deliberate bug of the store, paired with the faults that
 * expose it ({@link DetectionMatrix}, the same cases {@code ./faultline detect} measures), must give INVALID, with the
 * evidence in {@code results.json}. A suite tries seeds 1, 2, ... up to {@code faultline.detect.seeds} (3 by default)
 * and prints which seed found the bug and after how many seconds.
 *
 * <p>The {@code -Pfull} profile runs longer ({@code faultline.detect.time-limit}) and more seeds, and also runs each
 * test against the correct store, which must stay VALID under the very same faults. Cases whose faults are not known
 * to reach their bug (a gap of the matrix) are skipped with the reason.
 *
 * <p>{@code -Pfull} also runs the generic column ({@code faultline.detect.generic}): every mode, with a targeted case
 * or not, under the one default mix ({@code --nemesis all}, nothing shaped for the mode) for
 * {@link #GENERIC_TIME_LIMIT}, which must give INVALID by some check within the seeds. That is about an hour on two
 * cores, so the default build leaves it out.
 */
class DetectionIT {
  static final int SEEDS = Integer.getInteger("faultline.detect.seeds", 3);
  static final Duration TIME_LIMIT =
      Duration.ofSeconds(
          Long.getLong("faultline.detect.time-limit", DetectionMatrix.TIME_LIMIT.toSeconds()));
  static final boolean CORRECT_TOO = Boolean.getBoolean("faultline.detect.correct");
  static final boolean GENERIC = Boolean.getBoolean("faultline.detect.generic");
  static final Duration GENERIC_TIME_LIMIT = Duration.ofSeconds(120);

  static Stream<String> modes() {
    return DetectionMatrix.modes().stream();
  }

  static Stream<String> everyMode() {
    return Stream.concat(
        DetectionMatrix.modes().stream(),
        DetectionMatrix.untargeted().stream().map(DetectionCase::mode));
  }

  @ParameterizedTest(name = "{0} under the default mix")
  @MethodSource("everyMode")
  void theBugIsCaughtUnderTheDefaultMix(String mode) {
    assumeTrue(GENERIC, "the generic column runs with -Pfull (faultline.detect.generic=true)");
    DetectionCase c =
        DetectionMatrix.of(mode)
            .map(DetectionCase::generic)
            .orElseGet(() -> DetectionMatrix.untargeted(mode).orElseThrow());
    long start = System.nanoTime();
    RunOutcome outcome = null;
    for (int seed = 1; seed <= SEEDS; seed++) {
      outcome = Faultline.run(c.spec("suite-detect-", seed, GENERIC_TIME_LIMIT, true));
      if (outcome.verdict() == Verdict.INVALID) {
        System.out.printf(
            "[faultline] %s: seed %d found the bug under the default mix after %d s%n",
            outcome.spec().name(), seed, Duration.ofNanos(System.nanoTime() - start).toSeconds());
        break;
      }
    }
    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.INVALID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void theBugIsCaught(String mode) {
    DetectionCase c = DetectionMatrix.of(mode).orElseThrow();
    assumeTrue(c.unsupported().isEmpty(), () -> c.unsupported().orElseThrow());

    Map<String, Object> results = detect(c);

    Object evidence = results.get(c.evidence());
    assertThat(evidence instanceof Map<?, ?> m ? m.keySet() : (Collection<?>) evidence)
        .as("%s in the results of %s", c.evidence(), mode)
        .isNotEmpty();
    if (CORRECT_TOO) {
      RunOutcome correct = Faultline.run(c.spec("suite-detect-", 1, TIME_LIMIT, false));
      assertThat(correct.verdict())
          .as("the correct store under %s's faults: %s", mode, correct.run())
          .isEqualTo(Verdict.VALID);
    }
  }

  /**
   * Runs {@code c} with seeds 1, 2, ... until one gives INVALID, at most {@link #SEEDS}; returns that run's
   * linearizability results (the last run's when none does, so the assertion shows what was found).
   */
  private static Map<String, Object> detect(DetectionCase c) {
    long start = System.nanoTime();
    RunOutcome outcome = null;
    for (int seed = 1; seed <= SEEDS; seed++) {
      outcome = Faultline.run(c.spec("suite-detect-", seed, TIME_LIMIT, true));
      if (outcome.verdict() == Verdict.INVALID) {
        System.out.printf(
            "[faultline] %s: seed %d found the bug after %d s (%.1f s into its run)%n",
            outcome.spec().name(),
            seed,
            Duration.ofNanos(System.nanoTime() - start).toSeconds(),
            Trial.of(c.mode(), true, outcome).evidenceSeconds().orElseThrow());
        break;
      }
    }
    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.INVALID);
    assertThat(outcome.run().report()).exists();
    @SuppressWarnings("unchecked")
    Map<String, Object> results =
        (Map<String, Object>) Json.read(outcome.run().results(), Map.class).get("linearizability");
    return results;
  }
}
