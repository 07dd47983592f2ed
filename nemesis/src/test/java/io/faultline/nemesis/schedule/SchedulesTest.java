package io.faultline.nemesis.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.generator.Generators;
import io.faultline.harness.generator.Simulator;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.TestSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Targeted schedules, simulated: which ops they send, in what order, at what times. */
class SchedulesTest {
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final long S = 1_000_000_000L;

  private static List<String> simulate(String schedule, String... families) {
    TestSpec spec =
        TestSpec.builder()
            .nodes(5)
            .nemesis(List.of(families))
            .nemesisInterval(INTERVAL)
            .nemesisOption(Schedules.OPTION, schedule)
            .build();
    List<Op> ops =
        Simulator.invocations(
            Simulator.of(2)
                .seed(1)
                .run(
                    Generators.timeLimit(
                        Duration.ofSeconds(10),
                        Generators.nemesis(Schedules.faults(schedule, spec)))));
    return ops.stream().map(op -> op.time() / S + "s " + op.f() + " " + op.value()).toList();
  }

  @Test
  void isolateTheLeaderAndSetItsClockBackForAnIntervalThenHealAndRest() {
    assertThat(simulate("isolated-leader-clock-back", "partition", "clock"))
        .containsExactly(
            "2s start-partition " + Map.of("kind", "isolate-leader", "mode", "blackhole"),
            "2s bump-clock {leader=-4000}",
            "4s stop-partition null",
            "4s reset-clock all",
            "6s start-partition " + Map.of("kind", "isolate-leader", "mode", "blackhole"),
            "6s bump-clock {leader=-4000}",
            "8s stop-partition null",
            "8s reset-clock all");
  }

  @Test
  void slowEveryNodeLinkLetAMinorityOfFollowersLagThenMuteTheLeaderForAnIntervalAndHeal() {
    Map<String, String> latency = Map.of("kind", "latency", "node-links", "all");
    Map<String, String> lag = Map.of("kind", "isolate-followers", "mode", "blackhole");
    Map<String, String> mute = Map.of("kind", "mute-leader", "mode", "blackhole");

    // Cycles of 3 s (a quarter interval of lag, an interval muted, a quarter of rest); times are
    // whole seconds.
    assertThat(simulate("lagging-followers-mute-leader", "partition", "packet"))
        .containsExactly(
            "2s start-packet " + latency,
            "2s start-partition " + lag,
            "2s start-partition " + mute,
            "4s stop-partition null",
            "4s stop-packet null",
            "5s start-packet " + latency,
            "5s start-partition " + lag,
            "5s start-partition " + mute,
            "7s stop-partition null",
            "7s stop-packet null",
            "8s start-packet " + latency,
            "8s start-partition " + lag,
            "8s start-partition " + mute);
  }

  @Test
  void crashEveryNodeRestartThemAndLetThemTakeWritesForAnInterval() {
    assertThat(simulate("crash-all-after-writes", "kill"))
        .containsExactly(
            "2s kill all",
            "3s start all",
            "5s kill all",
            "6s start all",
            "8s kill all",
            "9s start all");
  }

  @Test
  void cutTheLeadersRepliesForAnIntervalThenHealAndRest() {
    assertThat(simulate("reset-leader-replies", "packet"))
        .containsExactly(
            "2s start-packet " + Map.of("kind", "reset-peer", "client-links", "leader"),
            "4s stop-packet null",
            "6s start-packet " + Map.of("kind", "reset-peer", "client-links", "leader"),
            "8s stop-packet null");
  }

  @Test
  void anUnknownScheduleOrAMissingFamilyIsOneLine() {
    TestSpec spec = TestSpec.builder().nemesis(List.of("partition")).build();

    assertThatThrownBy(() -> Schedules.faults("nope", spec))
        .hasMessage(
            "unknown schedule 'nope'; schedules: isolated-leader-clock-back, crash-all-after-writes,"
                + " reset-leader-replies, lagging-followers-mute-leader, ring-restart-voter,"
                + " isolated-leader-followers-forward,"
                + " restart-voters-of-cut-follower, transfer-then-isolate-old-leader");
    assertThatThrownBy(() -> Schedules.faults("isolated-leader-clock-back", spec))
        .hasMessage(
            "schedule isolated-leader-clock-back needs the fault families partition,clock (--nemesis)");
  }

  @Test
  void cutTheLeaderOffAndSetEveryFollowersClockForward() {
    assertThat(simulate("isolated-leader-followers-forward", "partition", "clock"))
        .startsWith(
            "2s start-partition " + Map.of("kind", "isolate-leader", "mode", "blackhole"),
            "2s bump-clock {followers=5000}",
            "4s stop-partition null",
            "4s reset-clock all");
  }

  @Test
  void restartTheVotersOfACutFollowerWhileTheLeaderHoldsItsLease() {
    List<String> ops = simulate("restart-voters-of-cut-follower", "leader", "partition", "kill");
    assertThat(ops.get(0)).startsWith("2s transfer-leader n");
    assertThat(ops.get(1)).startsWith("4s start-partition {").contains("kind=cut-pair");
    assertThat(ops.get(2)).startsWith("6s kill [");
    assertThat(ops.get(3)).isEqualTo(ops.get(2).replace("kill", "start"));
    assertThat(ops.get(4)).isEqualTo("9s stop-partition null");
  }

  /**
   * With the store's default 150 ms election timeout: X leads, A's messages are delayed 145 ms (29/30 of it), X
   * hands over to A, X is cut off 125 ms later (5/6), and A's delay is healed 30 ms after its votes have arrived.
   */
  @Test
  void transferToATargetWhoseVotesArriveAfterTheOldLeaderIsCutOff() {
    List<String> ops =
        simulate("transfer-then-isolate-old-leader", "leader", "partition", "packet");
    assertThat(ops.get(0)).startsWith("2s transfer-leader n");
    String x = ops.get(0).substring("2s transfer-leader ".length());
    assertThat(ops.get(1)).startsWith("3s start-packet {").contains("delay-ms=145");
    String a = ops.get(1).replaceAll(".*from=(n[0-9]).*", "$1");
    assertThat(a).isNotEqualTo(x);
    assertThat(ops.get(2)).isEqualTo("3s transfer-leader " + a);
    assertThat(ops.get(3)).startsWith("3s start-partition {").contains(x + "=[");
    assertThat(ops.get(4)).isEqualTo("3s stop-packet null");
    assertThat(ops.get(5)).isEqualTo("5s stop-partition null");
  }

  @Test
  void ringRestartVoterKillsTheLeaderFirstAndWaitsForItsName() {
    assertThat(simulate("ring-restart-voter", "partition", "kill"))
        .startsWith("2s kill leader", "2s kill all");
  }

  /**
   * With n4 the killed leader (A) and seed 3, the ring is n2-n4-n1-n5-n3 (W-A-V-B-X). With an interval of 7 s: A and B
   * restart with V cut off from B; V restarts 4.5 s later (half an interval and a second); at 10.15 s (a restart,
   * an election timeout and 5%, 0.3 s) V is killed and restarted with X and W, cut off from A instead of B; 3.5 s
   * later (a restart and a second) V hears A too.
   */
  @Test
  void ringRestartVoterGivesTwoCandidatesOfOneTermTheSameRestartedVoter() {
    TestSpec spec =
        TestSpec.builder()
            .nodes(5)
            .nemesis(List.of("partition", "kill"))
            .nemesisInterval(Duration.ofSeconds(7))
            .seed(3)
            .build();
    List<Op> ops =
        Simulator.invocations(
            Simulator.of(2)
                .seed(1)
                .run(
                    Generators.timeLimit(
                        Duration.ofSeconds(30),
                        Generators.nemesis(Schedules.ringRestartVoter(spec, List.of("n4"))))));
    String ring = "n1=[n2, n3], n2=[n1, n5], n3=[n1, n4], n4=[n3, n5], n5=[n2, n4]";
    assertThat(
            ops.stream()
                .map(
                    op ->
                        op.time() / (S / 100) / 100.0
                            + "s "
                            + op.f()
                            + " "
                            + (op.value() instanceof Map<?, ?> m ? m.get("drops") : op.value())))
        .containsExactly(
            "0.0s kill all",
            "0.0s start-partition {n1=[n2, n3, n5], n2=[n1, n5], n3=[n1, n4], n4=[n3, n5], n5=[n1, n2, n4]}",
            "0.0s start [n4, n5]",
            "4.5s start [n1]",
            "10.15s kill [n1]",
            "10.15s start-partition {n1=[n2, n3, n4], n2=[n1, n5], n3=[n1, n4], n4=[n1, n3, n5], n5=[n2, n4]}",
            "10.15s start [n1, n3, n2]",
            "13.65s start-partition {" + ring + "}",
            "16.65s stop-partition null");
  }

  @Test
  void ringRestartVoterNeedsFiveNodes() {
    TestSpec spec =
        TestSpec.builder()
            .nodes(3)
            .nemesis(List.of("partition", "kill"))
            .nemesisOption(Schedules.OPTION, "ring-restart-voter")
            .build();
    assertThatThrownBy(() -> Schedules.faults("ring-restart-voter", spec))
        .hasMessage("schedule ring-restart-voter needs 5 nodes, not 3");
  }
}
