package io.faultline.harness.generator;

import static io.faultline.harness.generator.Generators.clients;
import static io.faultline.harness.generator.Generators.clientsAndNemesis;
import static io.faultline.harness.generator.Generators.cycle;
import static io.faultline.harness.generator.Generators.delay;
import static io.faultline.harness.generator.Generators.eachThread;
import static io.faultline.harness.generator.Generators.invoke;
import static io.faultline.harness.generator.Generators.limit;
import static io.faultline.harness.generator.Generators.nemesis;
import static io.faultline.harness.generator.Generators.once;
import static io.faultline.harness.generator.Generators.phases;
import static io.faultline.harness.generator.Generators.repeat;
import static io.faultline.harness.generator.Generators.reserve;
import static io.faultline.harness.generator.Generators.seq;
import static io.faultline.harness.generator.Generators.sleep;
import static io.faultline.harness.generator.Generators.timeLimit;
import static io.faultline.harness.generator.Schedules.invocations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ThreadRoutingTest {
  private final Simulator threeThreads = Simulator.of(3).latency(Duration.ofMillis(10));

  @Test
  void opsForAnyProcessGoToClientsNeverToTheNemesis() {
    History h =
        Simulator.of(1).latency(Duration.ofMillis(10)).run(limit(3, repeat(invoke("read", null))));
    assertThat(invocations(h)).containsExactly("0ms p0 read", "10ms p0 read", "20ms p0 read");
  }

  @Test
  void nemesisRoutesToTheNemesisThreadAndClientsToClientThreads() {
    Generator g =
        clientsAndNemesis(limit(2, repeat(invoke("read", null))), once("partition", null));
    assertThat(invocations(threeThreads.run(g)))
        .containsExactly("0ms p0 read", "0ms p1 read", "0ms nemesis partition");
  }

  @Test
  void clientsAndNemesisRunTogetherUntilBothAreExhausted() {
    Generator nemesis = cycle(2, seq(sleep(Duration.ofMillis(25)), once("kill", null)));
    Generator g =
        clientsAndNemesis(timeLimit(Duration.ofMillis(40), repeat(invoke("read", null))), nemesis);
    assertThat(invocations(Simulator.of(1).latency(Duration.ofMillis(10)).run(g)))
        .containsExactly(
            "0ms p0 read",
            "10ms p0 read",
            "20ms p0 read",
            "25ms nemesis kill",
            "30ms p0 read",
            "60ms nemesis kill");
  }

  @Test
  void aWakingNemesisIsNotHeldBackByAClientOpDueLater() {
    Generator g =
        clientsAndNemesis(
            delay(Duration.ofSeconds(10), limit(2, repeat(invoke("read", null)))),
            seq(sleep(Duration.ofSeconds(1)), once("kill", null)));
    assertThat(invocations(Simulator.of(1).latency(Duration.ofMillis(10)).run(g)))
        .containsExactly("0ms p0 read", "1000ms nemesis kill", "10000ms p0 read");
  }

  @Test
  void phasesWaitForEveryThreadToBeFreeBeforeTheNextPhase() {
    Simulator sim = threeThreads.latency(op -> op.process() == 1 ? 50_000_000L : 10_000_000L);
    Generator g =
        clients(
            phases(
                limit(3, repeat(invoke("write", null))), limit(3, repeat(invoke("read", null)))));
    assertThat(invocations(sim.run(g)))
        .containsExactly(
            "0ms p0 write",
            "0ms p1 write",
            "0ms p2 write",
            "50ms p0 read",
            "50ms p1 read",
            "50ms p2 read");
  }

  @Test
  void phasesUnderClientsDoNotWaitForTheNemesis() {
    Generator g =
        clientsAndNemesis(phases(once("a", null), once("b", null)), once("slow-fault", null));
    Simulator sim = Simulator.of(1).latency(op -> op.isNemesis() ? 1_000_000_000L : 10_000_000L);
    assertThat(invocations(sim.run(g)))
        .containsExactly("0ms p0 a", "0ms nemesis slow-fault", "10ms p0 b");
  }

  @Test
  void aTopLevelPhaseWaitsForTheNemesisToo() {
    Generator g = phases(nemesis(once("heal", null)), clients(once("read", null)));
    Simulator sim = Simulator.of(1).latency(op -> op.isNemesis() ? 1_000_000_000L : 10_000_000L);
    assertThat(invocations(sim.run(g))).containsExactly("0ms nemesis heal", "1000ms p0 read");
  }

  @Test
  void reserveSplitsTheThreadsIntoGroups() {
    Simulator sim = Simulator.of(5).latency(Duration.ofMillis(10));
    Generator g =
        clients(
            reserve(
                2,
                limit(4, repeat(invoke("write", null))),
                1,
                limit(2, repeat(invoke("cas", null))),
                limit(4, repeat(invoke("read", null)))));
    Map<String, java.util.Set<Integer>> threadsByF =
        Simulator.invocations(sim.run(g)).stream()
            .collect(
                Collectors.groupingBy(
                    Op::f, Collectors.mapping(op -> op.process() % 5, Collectors.toSet())));
    assertThat(threadsByF)
        .containsOnly(
            Map.entry("write", java.util.Set.of(0, 1)),
            Map.entry("cas", java.util.Set.of(2)),
            Map.entry("read", java.util.Set.of(3, 4)));
  }

  @Test
  void reserveRoutesEventsToTheGroupOfTheirThread() {
    Simulator sim =
        Simulator.of(2)
            .latency(Duration.ofMillis(10))
            .outcome(
                op -> op.f().equals("write") && op.time() < 20_000_000 ? Op.Type.FAIL : Op.Type.OK);
    Generator g =
        clients(
            reserve(
                1,
                Generators.untilOk(delay(Duration.ofMillis(10), repeat(invoke("write", null)))),
                limit(2, delay(Duration.ofMillis(15), repeat(invoke("read", null))))));
    assertThat(invocations(sim.run(g)))
        .containsExactly(
            "0ms p0 write", "0ms p1 read", "10ms p0 write", "15ms p1 read", "20ms p0 write");
  }

  @Test
  void reserveGivesAGroupFewerThreadsWhenTheyRunOut() {
    Generator g =
        clients(
            reserve(
                2,
                limit(2, repeat(invoke("write", null))),
                limit(2, repeat(invoke("read", null)))));
    History h = Simulator.of(1).latency(Duration.ofMillis(10)).run(g);
    assertThat(invocations(h)).containsExactly("0ms p0 write", "10ms p0 write");
  }

  @Test
  void reserveRejectsNegativeCountsAndMismatchedGroups() {
    assertThatThrownBy(() -> reserve(-1, once("a", null), once("b", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("negative");
    assertThatThrownBy(
            () -> reserve(new int[] {1, 2}, java.util.List.of(once("a", null)), once("b", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("2 counts for 1 generators");
  }

  @Test
  void eachThreadGivesEveryThreadItsOwnCopy() {
    Generator g = clients(eachThread(seq(once("write", null), once("read", null))));
    assertThat(invocations(threeThreads.run(g)))
        .containsExactly(
            "0ms p0 write",
            "0ms p1 write",
            "0ms p2 write",
            "10ms p0 read",
            "10ms p1 read",
            "10ms p2 read");
  }

  @Test
  void eachThreadCopiesFollowTheirThreadAcrossACrash() {
    Simulator sim =
        Simulator.of(2)
            .latency(Duration.ofMillis(10))
            .outcome(op -> op.process() == 0 && op.f().equals("write") ? Op.Type.INFO : Op.Type.OK);
    Generator g = clients(eachThread(seq(once("write", null), once("read", null))));
    assertThat(invocations(sim.run(g)))
        .containsExactly("0ms p0 write", "0ms p1 write", "10ms p2 read", "10ms p1 read");
  }
}
