package io.faultline.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.bench.Comparison.Row;
import io.faultline.harness.bench.Comparison.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Verdicts row by row: direction from the mode, intervals, threshold, units, and rows present on one side only. */
class ComparisonTest {
  private static final String W = "io.faultline.jmh.raft.ThroughputBenchmark.write";
  private static final String L = "io.faultline.jmh.raft.CommitLatencyBenchmark.write";

  private static JmhResult thrpt(double score, double error) {
    return new JmhResult(W, "thrpt", Map.of("clients", "8"), score, error, "ops/s");
  }

  private static JmhResult sample(double score, double error, String unit) {
    return new JmhResult(L, "sample", Map.of(), score, error, unit);
  }

  private static Row only(JmhResult baseline, JmhResult current) {
    List<Row> rows = Comparison.of(List.of(baseline), List.of(current), 0.10).rows();
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  @Test
  void lessThroughputOutsideTheIntervalsAndPastTheThresholdIsSlower() {
    Row r = only(thrpt(10_000, 200), thrpt(8_000, 300));
    assertThat(r.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(r.ratio()).isEqualTo(0.8);
  }

  @Test
  void moreThroughputIsFasterButMoreTimeIsSlower() {
    assertThat(only(thrpt(10_000, 200), thrpt(12_000, 300)).verdict()).isEqualTo(Verdict.FASTER);
    assertThat(only(sample(1.0, 0.02, "ms/op"), sample(1.3, 0.02, "ms/op")).verdict())
        .isEqualTo(Verdict.SLOWER);
    assertThat(only(sample(1.3, 0.02, "ms/op"), sample(1.0, 0.02, "ms/op")).verdict())
        .isEqualTo(Verdict.FASTER);
  }

  @Test
  void overlappingIntervalsAreTheSameHoweverLargeTheChange() {
    assertThat(only(thrpt(10_000, 3_000), thrpt(6_000, 2_000)).verdict()).isEqualTo(Verdict.SAME);
  }

  @Test
  void aChangeWithinTheThresholdIsTheSameEvenWhenTheIntervalsAreApart() {
    Row r = only(thrpt(10_000, 10), thrpt(9_500, 10));
    assertThat(r.verdict()).isEqualTo(Verdict.SAME);
    assertThat(
            Comparison.of(List.of(thrpt(10_000, 10)), List.of(thrpt(9_500, 10)), 0.01).anySlower())
        .isTrue();
  }

  @Test
  void aScoreWithoutAnErrorIsAPointInterval() {
    assertThat(only(thrpt(10_000, Double.NaN), thrpt(8_000, Double.NaN)).verdict())
        .isEqualTo(Verdict.SLOWER);
    assertThat(only(thrpt(10_000, Double.NaN), thrpt(8_000, 2_500)).verdict())
        .isEqualTo(Verdict.SAME);
  }

  @Test
  void scoresInOtherUnitsOfTheSameKindAreConvertedToTheBaselines() {
    Row r = only(sample(1.0, 0.01, "ms/op"), sample(1500, 10, "us/op"));
    assertThat(r.verdict()).isEqualTo(Verdict.SLOWER);
    assertThat(r.ratio()).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.current().unit()).isEqualTo("ms/op");
    assertThat(
            only(
                    thrpt(10, 0.1),
                    new JmhResult(W, "thrpt", Map.of("clients", "8"), 0.01, 0.0001, "ops/ms"))
                .verdict())
        .isEqualTo(Verdict.SAME);
  }

  @Test
  void differentModesOrUnitsOfAnotherKindAreIncomparable() {
    assertThat(
            only(sample(1.0, 0.01, "ms/op"), new JmhResult(L, "avgt", Map.of(), 1.0, 0.01, "ms/op"))
                .verdict())
        .isEqualTo(Verdict.INCOMPARABLE);
    assertThat(only(sample(1.0, 0.01, "ms/op"), sample(1.0, 0.01, "MB/sec")).verdict())
        .isEqualTo(Verdict.INCOMPARABLE);
  }

  @Test
  void parametersMakeSeparateRowsAndRowsOnOneSideAreReportedNotFailed() {
    JmhResult eight = thrpt(10_000, 100);
    JmhResult one = new JmhResult(W, "thrpt", Map.of("clients", "1"), 2_000, 50, "ops/s");
    JmhResult sixtyFour = new JmhResult(W, "thrpt", Map.of("clients", "64"), 30_000, 50, "ops/s");
    Comparison c = Comparison.of(List.of(one, eight), List.of(eight, sixtyFour), 0.10);
    assertThat(c.rows())
        .extracting(Row::name, Row::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "ThroughputBenchmark.write clients=1", Verdict.MISSING),
            org.assertj.core.groups.Tuple.tuple(
                "ThroughputBenchmark.write clients=8", Verdict.SAME),
            org.assertj.core.groups.Tuple.tuple(
                "ThroughputBenchmark.write clients=64", Verdict.NEW));
    assertThat(c.anySlower()).isFalse();
  }
}
