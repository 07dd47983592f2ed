package io.faultline.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Latencies against the floor, and one store against another, within one run. */
class RatiosTest {
  private static JmhResult sample(
      String benchmark, Map<String, String> params, String unit, double p50, double p99) {
    TreeMap<Double, Double> p = new TreeMap<>(Map.of(50.0, p50, 99.0, p99));
    return new JmhResult(benchmark, "sample", new TreeMap<>(params), p50, 0.01, unit, p);
  }

  private static final JmhResult DSYNC =
      sample("x.floor.DsyncWriteBenchmark.write", Map.of(), "us/op", 400, 2000);
  private static final JmhResult RTT =
      sample("x.floor.LoopbackRoundTripBenchmark.roundTrip", Map.of(), "us/op", 20, 40);

  @Test
  void aCommitIsShownAsAMultipleOfTheDurableWriteAndOfTheWritePlusARoundTrip() {
    JmhResult commit =
        sample("x.store.CommitLatencyBenchmark.write", Map.of("store", "raft"), "ms/op", 0.84, 3.0);
    List<List<String>> rows = Ratios.toFloor(List.of(DSYNC, RTT, commit), DSYNC, RTT, null);
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1))
        .containsExactly(
            "CommitLatencyBenchmark.write store=raft", "840", "2.10x", "2.00x", "", "1.50x");
  }

  @Test
  void aCommitIsAlsoShownAgainstTheBareReplicatedCommitWhichIsARowToo() {
    JmhResult bare =
        sample("x.floor.ReplicatedCommitBenchmark.commit", Map.of(), "us/op", 600, 2500);
    JmhResult replica =
        sample("x.floor.ReplicaDsyncBenchmark.threeMembers", Map.of(), "us/op", 560, 2500);
    JmhResult commit =
        sample("x.store.CommitLatencyBenchmark.write", Map.of("store", "raft"), "us/op", 900, 3000);
    List<List<String>> rows =
        Ratios.toFloor(List.of(DSYNC, RTT, bare, replica, commit), DSYNC, RTT, bare);
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1))
        .containsExactly(
            "ReplicatedCommitBenchmark.commit", "600", "1.50x", "1.43x", "1.00x", "1.25x");
    assertThat(rows.get(2))
        .containsExactly(
            "ReplicaDsyncBenchmark.threeMembers", "560", "1.40x", "1.33x", "0.93x", "1.25x");
    assertThat(rows.get(3))
        .containsExactly(
            "CommitLatencyBenchmark.write store=raft", "900", "2.25x", "2.14x", "1.50x", "1.50x");
  }

  @Test
  void withoutAFloorThereIsNothingToShow() {
    JmhResult commit =
        sample("x.store.CommitLatencyBenchmark.write", Map.of("store", "raft"), "us/op", 840, 3000);
    assertThat(Ratios.toFloor(List.of(commit), null, null, null)).isEmpty();
  }

  @Test
  void eachStoreIsDividedByTheRowThatDiffersOnlyInTheStore() {
    JmhResult raft64 =
        new JmhResult(
            "x.T.w", "thrpt", Map.of("store", "raft", "clients", "64"), 9000, 100, "ops/s");
    JmhResult etcd64 =
        new JmhResult(
            "x.T.w", "thrpt", Map.of("store", "etcd", "clients", "64"), 4500, 100, "ops/s");
    JmhResult raft1 =
        new JmhResult("x.T.w", "thrpt", Map.of("store", "raft", "clients", "1"), 800, 10, "ops/s");
    JmhResult etcd1 =
        new JmhResult("x.T.w", "thrpt", Map.of("store", "etcd", "clients", "1"), 1000, 10, "ops/s");
    List<List<String>> rows = Ratios.versus(List.of(raft1, etcd1, raft64, etcd64), "store", "etcd");
    assertThat(rows).hasSize(3);
    assertThat(rows.get(1))
        .containsExactly("T.w clients=1", "raft", "800 ops/s", "1000", "0.80x", "", "");
    assertThat(rows.get(2))
        .containsExactly("T.w clients=64", "raft", "9000 ops/s", "4500", "2.00x", "", "");
  }

  @Test
  void latenciesCompareMediansAndTails() {
    JmhResult raft = sample("x.L.read", Map.of("store", "raft-lease"), "us/op", 120, 900);
    JmhResult etcd = sample("x.L.read", Map.of("store", "etcd"), "us/op", 360, 3000);
    assertThat(Ratios.versus(List.of(raft, etcd), "store", "etcd").get(1))
        .containsExactly("L.read", "raft-lease", "120 us/op", "360", "0.33x", "0.33x", "0.30x");
  }

  @Test
  void theFloorIsTheInPlaceWriteWhenTheRunHasBothPatterns() {
    JmhResult append =
        sample(
            "x.floor.DsyncWriteBenchmark.write", Map.of("pattern", "append"), "us/op", 900, 3000);
    JmhResult overwrite =
        sample(
            "x.floor.DsyncWriteBenchmark.write", Map.of("pattern", "overwrite"), "us/op", 90, 300);
    List<JmhResult> run = List.of(append, overwrite);
    assertThat(Ratios.find(run, ".DsyncWriteBenchmark.write", Map.of("pattern", "overwrite")))
        .isSameAs(overwrite);
    assertThat(
            Ratios.find(
                List.of(DSYNC), ".DsyncWriteBenchmark.write", Map.of("pattern", "overwrite")))
        .isSameAs(DSYNC);
  }
}
