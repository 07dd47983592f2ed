package io.faultline.nemesis.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.Op;
import io.faultline.nemesis.FakeCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clock faults as the libfaketime files of the nodes see them. */
class ClockNemesisTest {
  @TempDir Path dir;

  private FakeCluster cluster;
  private ClockNemesis nemesis;

  private ClockNemesis nemesis() {
    cluster = new FakeCluster(3, dir);
    nemesis = new ClockNemesis(cluster, cluster.nodes(), 1);
    return nemesis;
  }

  private static Op op(String f, Object value) {
    return Op.invoke(Op.NEMESIS, f, value);
  }

  @Test
  void libfaketimeReadsOffsetsInSecondsAndRatesAfterAnX() {
    assertThat(FakeTime.TRUE.spec()).isEqualTo("+0");
    assertThat(new FakeTime(60_000, 1).spec()).isEqualTo("+60.000");
    assertThat(new FakeTime(-250, 1).spec()).isEqualTo("-0.250");
    assertThat(new FakeTime(0, 1.5).spec()).isEqualTo("+0 x1.5");
    assertThat(new FakeTime(1_500, 0.8).spec()).isEqualTo("+1.500 x0.8");
    assertThatThrownBy(() -> new FakeTime(0, 0)).hasMessageContaining("positive");
  }

  @Test
  void aBumpSetsEachNodesOffsetAndASkewItsRateKeepingTheOffset() {
    ClockNemesis n = nemesis();

    Op bumped = n.invoke(op("bump-clock", Map.of("n1", 60_000L, "n3", -250)));
    Op skewed = n.invoke(op("skew-clock", Map.of("n3", 1.5)));

    assertThat(bumped.value()).isEqualTo(Map.of("n1", 60_000L, "n3", -250));
    assertThat(skewed.value()).isEqualTo(Map.of("n3", 1.5));
    assertThat(cluster.clock("n1")).isEqualTo("+60.000");
    assertThat(cluster.clock("n2")).isEqualTo("+0");
    assertThat(cluster.clock("n3")).isEqualTo("-0.250 x1.5");
    assertThat(dir.resolve("n1.faketime.tmp")).doesNotExist();
  }

  @Test
  void aBumpOfTheLeaderSetsTheClockOfTheNodeThatLeadsNow() {
    cluster = new FakeCluster(3, dir);
    ClockNemesis n =
        new ClockNemesis(cluster, cluster.nodes(), 1, () -> java.util.Optional.of("n2"));

    Op bumped = n.invoke(op("bump-clock", Map.of("leader", -4_000)));

    assertThat(bumped.value()).isEqualTo(Map.of("n2", -4_000));
    assertThat(cluster.clock("n2")).isEqualTo("-4.000");
    assertThat(cluster.clock("n1")).isEqualTo("+0");
    assertThatThrownBy(() -> nemesis().invoke(op("bump-clock", Map.of("leader", 1))))
        .hasMessage("this cluster cannot say which node leads");
  }

  @Test
  void aResetBringsTheNamedNodesBackToTrueTime() {
    ClockNemesis n = nemesis();
    n.invoke(op("bump-clock", Map.of("n1", 5_000, "n2", 5_000)));

    assertThat(n.invoke(op("reset-clock", List.of("n2"))).value()).isEqualTo(List.of("n2"));
    assertThat(cluster.clock("n1")).isEqualTo("+5.000");
    assertThat(cluster.clock("n2")).isEqualTo("+0");
  }

  @Test
  void aStrobeFlipsTheOffsetForItsDurationThenPutsItBack() {
    ClockNemesis n = nemesis();
    n.invoke(op("bump-clock", Map.of("n2", 1_000)));
    Map<String, Object> strobe =
        Map.of("nodes", List.of("n2"), "delta", 500, "period", 5, "duration", 200);

    long start = System.nanoTime();
    Op done = n.invoke(op("strobe-clock", strobe));

    assertThat(System.nanoTime() - start)
        .isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
    assertThat(done.value())
        .isEqualTo(
            Map.of(
                "nodes",
                List.of("n2"),
                "delta",
                500L,
                "period",
                5L,
                "duration",
                200L,
                "flips",
                ((Map<?, ?>) done.value()).get("flips")));
    assertThat((Integer) ((Map<?, ?>) done.value()).get("flips")).isGreaterThan(4);
    assertThat(cluster.clock("n2")).isEqualTo("+1.000");
  }

  @Test
  void badValuesAreRefusedWithoutTouchingAnyClock() {
    ClockNemesis n = nemesis();

    assertThatThrownBy(() -> n.invoke(op("bump-clock", Map.of("n7", 10))))
        .hasMessageContaining("unknown node");
    assertThatThrownBy(() -> n.invoke(op("skew-clock", Map.of("n1", 2, "n2", -1))))
        .hasMessageContaining("positive");
    assertThatThrownBy(
            () -> n.invoke(op("strobe-clock", Map.of("delta", 1, "period", 0, "duration", 5))))
        .hasMessageContaining("period");
    assertThat(cluster.nodes()).allMatch(node -> cluster.clock(node).equals("+0"));
  }

  @Test
  void teardownStopsAStrobeInProgressAndResetsEveryClock() throws Exception {
    ClockNemesis n = nemesis();
    n.invoke(op("bump-clock", Map.of("n1", -3_000)));
    Map<String, Object> strobe =
        Map.of("nodes", "all", "delta", 500, "period", 2, "duration", 10_000);
    CompletableFuture<Op> running =
        CompletableFuture.supplyAsync(() -> n.invoke(op("strobe-clock", strobe)));
    await(() -> cluster.clock("n3").equals("+0.500"), Duration.ofSeconds(5));

    n.teardown();

    Op done = running.get(5, TimeUnit.SECONDS);
    assertThat((Integer) ((Map<?, ?>) done.value()).get("flips")).isLessThan(5_000);
    assertThat(cluster.nodes()).allMatch(node -> cluster.clock(node).equals("+0"));
  }

  @Test
  void teardownLeavesAloneTheClockFilesOfNodesThatNeverStarted() throws Exception {
    ClockNemesis n = nemesis();
    Files.delete(dir.resolve("n2.faketime"));

    n.teardown();

    assertThat(dir.resolve("n2.faketime")).doesNotExist();
    assertThat(cluster.clock("n1")).isEqualTo("+0");
  }

  private static void await(BooleanSupplier condition, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("waited %s", timeout).isNegative();
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}
