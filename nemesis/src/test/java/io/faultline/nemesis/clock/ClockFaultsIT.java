package io.faultline.nemesis.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.harness.history.Op;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.nemesis.Await;
import io.faultline.workloads.raft.RaftDb;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clock faults seen from inside three real nodes of the Raft store, through the wall clock their admin endpoint
 * reports ({@code wallClockMillis}). Skipped where libfaketime is not installed.
 */
class ClockFaultsIT {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  /** How far a node's clock may be from the expected one: the time of an admin round trip, and then some. */
  private static final long TOLERANCE_MILLIS = 1_500;

  @TempDir Path runDir;

  private RaftDb db;
  private ClockNemesis nemesis;

  @BeforeEach
  void startCluster() {
    db = RaftDb.processes(3, RaftDb.jarIn(Faultline.root()), runDir, List.of());
    assumeTrue(db.clockFile("n1").isPresent(), ClockSkewable.NEEDS_LIBFAKETIME);
    db.setup();
    nemesis = new ClockNemesis(db, db.nodes(), 1);
  }

  @AfterEach
  void stopCluster() {
    if (db != null) {
      db.teardown();
    }
  }

  /** How far the node's wall clock is ahead of the harness's, or empty if it does not answer. */
  private Optional<Long> offset(String node) {
    long before = System.currentTimeMillis();
    Optional<Long> wall = db.status(node).map(s -> s.path("wallClockMillis").asLong());
    long after = System.currentTimeMillis();
    return wall.map(w -> w - (before + after) / 2);
  }

  private void awaitOffset(String node, long expectedMillis) {
    List<Optional<Long>> seen = new java.util.ArrayList<>();
    try {
      Await.until(
          node + " " + expectedMillis + " ms off",
          PATIENCE,
          () -> {
            Optional<Long> o = offset(node);
            seen.add(o);
            return o.map(v -> Math.abs(v - expectedMillis) <= TOLERANCE_MILLIS).orElse(false);
          });
    } catch (AssertionError e) {
      throw new AssertionError(
          e.getMessage()
              + "; last offsets seen: "
              + seen.subList(Math.max(0, seen.size() - 5), seen.size()),
          e);
    }
  }

  @Test
  void aBumpOfSixtySecondsIsVisibleInsideTheNodeAndAResetTakesItBack() {
    awaitOffset("n1", 0);

    Op bumped = nemesis.invoke(Op.invoke(Op.NEMESIS, "bump-clock", Map.of("n1", 60_000L)));

    assertThat(bumped.value()).isEqualTo(Map.of("n1", 60_000L));
    awaitOffset("n1", 60_000);
    awaitOffset("n2", 0);

    nemesis.invoke(Op.invoke(Op.NEMESIS, "reset-clock", List.of("n1")));
    awaitOffset("n1", 0);
  }

  @Test
  void aRateSkewMakesTheNodesClockRunFaster() {
    nemesis.invoke(Op.invoke(Op.NEMESIS, "skew-clock", Map.of("n2", 2.0)));
    long harnessStart = System.currentTimeMillis();
    long nodeStart = Await.value("n2 answering", PATIENCE, () -> offset("n2")) + harnessStart;

    Await.until(
        "n2's clock running twice as fast",
        PATIENCE,
        () -> {
          long harness = System.currentTimeMillis() - harnessStart;
          return harness > 500
              && offset("n2")
                  .map(o -> o + System.currentTimeMillis() - nodeStart)
                  .map(node -> node > 1.7 * harness)
                  .orElse(false);
        });
  }

  /**
   * A node whose clock went back and then forward again may not answer for up to as long as it went back: a thread
   * of its that was waiting on a timer when the clock went back sleeps that much longer in real time. So n1 goes back
   * only a little here.
   */
  @Test
  void teardownResetsEveryClock() {
    nemesis.invoke(
        Op.invoke(Op.NEMESIS, "bump-clock", Map.of("n1", -2_000L, "n2", 20_000L, "n3", 45_000L)));
    awaitOffset("n3", 45_000);

    nemesis.teardown();

    for (String n : db.nodes()) {
      awaitOffset(n, 0);
    }
  }
}
