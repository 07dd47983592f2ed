package io.faultline.workloads.raft.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.spi.TestSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The detection table's figures and the goal, from trials. */
class DetectionTableTest {
  private static final DetectionCase STALE = DetectionMatrix.of("stale-reads").orElseThrow();

  private static Trial unsafe(long seed, Verdict v, double seconds) {
    return new Trial(
        "stale-reads",
        seed,
        true,
        v,
        v == Verdict.INVALID ? OptionalDouble.of(seconds) : OptionalDouble.empty(),
        Path.of("r" + seed));
  }

  private static Trial correct(long seed, Verdict v) {
    return new Trial("stale-reads", seed, false, v, OptionalDouble.empty(), Path.of("c" + seed));
  }

  @Test
  void aRowCountsDetectionsTheirMedianTimeAndFalsePositives() {
    DetectionTable.Row row =
        DetectionTable.Row.of(
            STALE,
            List.of(
                unsafe(1, Verdict.INVALID, 9),
                unsafe(2, Verdict.VALID, 0),
                unsafe(3, Verdict.INVALID, 4),
                correct(1, Verdict.VALID),
                correct(2, Verdict.INVALID)));

    assertThat(row.detected()).isEqualTo(2);
    assertThat(row.unsafeRuns()).isEqualTo(3);
    assertThat(row.medianSeconds()).hasValue(6.5);
    assertThat(row.falsePositives()).isEqualTo(1);
    assertThat(row.correctRuns()).isEqualTo(2);
  }

  @Test
  void theGoalNeedsNineInTenDetectedWithinAMinuteAndNoFalsePositive() {
    List<Trial> allFound =
        List.of(
            unsafe(1, Verdict.INVALID, 3),
            unsafe(2, Verdict.INVALID, 5),
            correct(1, Verdict.VALID),
            correct(2, Verdict.VALID));
    List<Trial> oneMissed =
        List.of(
            unsafe(1, Verdict.INVALID, 3),
            unsafe(2, Verdict.UNKNOWN, 0),
            correct(1, Verdict.VALID));
    List<Trial> tooLate = List.of(unsafe(1, Verdict.INVALID, 61), correct(1, Verdict.VALID));
    List<Trial> falsePositive = List.of(unsafe(1, Verdict.INVALID, 3), correct(1, Verdict.INVALID));

    assertThat(table(allFound).goalMet()).isTrue();
    assertThat(table(oneMissed).goalMet()).isFalse();
    assertThat(table(tooLate).goalMet()).isFalse();
    assertThat(table(falsePositive).goalMet()).isFalse();
    assertThat(new DetectionTable(List.of(DetectionTable.Row.skipped(STALE, "no tool"))).goalMet())
        .isFalse();
  }

  @Test
  void theTableHasARowPerModeAndTheCorrectStoresTotal() {
    String text =
        table(List.of(unsafe(1, Verdict.INVALID, 3.2), correct(1, Verdict.VALID))).render();

    assertThat(text)
        .contains("| stale-reads | register | partition, every 3 s | 1/1 | 3.2 | 0/1 |")
        .contains("correct store, all modes' tests: 0 false positives / 1 runs")
        .contains("): met");
  }

  @Test
  void theGenericColumnSitsBesideTheTargetedOneAndHasItsOwnGoal() {
    DetectionCase generic = STALE.generic();
    Trial late =
        new Trial("stale-reads", 1, true, Verdict.INVALID, OptionalDouble.of(100), Path.of("g1"));
    DetectionTable both =
        new DetectionTable(
            List.of(
                DetectionTable.Row.of(
                    STALE, List.of(unsafe(1, Verdict.INVALID, 3), correct(1, Verdict.VALID))),
                DetectionTable.Row.of(generic, List.of(late, correct(1, Verdict.VALID)))));

    assertThat(generic.faults()).containsExactly(TestSpec.ALL_FAULTS);
    assertThat(generic.nemesisOptions()).isEmpty();
    assertThat(generic.spec("d-", 1, Duration.ofSeconds(120), true).name())
        .isEqualTo("d-generic-stale-reads");
    assertThat(both.render())
        .contains(
            "| stale-reads | register | partition, every 3 s | 1/1 | 3.0 | 0/1 | 1/1 | 100.0 | 0/1 |")
        .contains("under the default mix");
    assertThat(both.goalMet()).as("100 s is within the generic goal's 120 s").isTrue();
  }

  private static DetectionTable table(List<Trial> trials) {
    return new DetectionTable(List.of(DetectionTable.Row.of(STALE, trials)));
  }
}
