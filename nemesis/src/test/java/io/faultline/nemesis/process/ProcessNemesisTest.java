package io.faultline.nemesis.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.Op;
import io.faultline.nemesis.FakeCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Kills, restarts, pauses and resumes, as the cluster sees them, and what the history records. */
class ProcessNemesisTest {
  private final FakeCluster cluster = new FakeCluster(5, null);
  private final ProcessNemesis kill = ProcessNemesis.kill(cluster, cluster.nodes(), 1);
  private final ProcessNemesis pause = ProcessNemesis.pause(cluster, cluster.nodes(), 1);

  private static Op op(String f, Object value) {
    return Op.invoke(Op.NEMESIS, f, value);
  }

  @Test
  void aKillNamesItsNodesAndAStartOfAllRestartsOnlyTheDeadOnes() {
    assertThat(kill.invoke(op("kill", List.of("n2", "n4"))).value()).isEqualTo(List.of("n2", "n4"));
    assertThat(cluster.running).containsExactly("n1", "n3", "n5");

    assertThat(kill.invoke(op("start", "all")).value()).isEqualTo(List.of("n2", "n4"));
    assertThat(cluster.running).containsExactlyInAnyOrder("n1", "n2", "n3", "n4", "n5");
    // The nodes of one op are hit in parallel, so only the order of the ops is fixed.
    assertThat(cluster.actions).hasSize(4);
    assertThat(cluster.actions.subList(0, 2)).containsExactlyInAnyOrder("kill n2", "kill n4");
    assertThat(cluster.actions.subList(2, 4)).containsExactlyInAnyOrder("restart n2", "restart n4");
  }

  @Test
  void aKillOfATargetKindIsResolvedAndRecordedAsNodes() {
    List<?> killed = (List<?>) kill.invoke(op("kill", "majority")).value();

    assertThat(killed).hasSize(3);
    assertThat(cluster.running)
        .hasSize(2)
        .doesNotContainAnyElementsOf(killed.stream().map(String::valueOf).toList());
  }

  @Test
  void teardownRestartsWhatTheNemesisKilled() {
    kill.invoke(op("kill", List.of("n1", "n5")));
    kill.invoke(op("start", List.of("n1")));
    kill.invoke(op("kill", List.of("n3")));

    kill.teardown();

    assertThat(cluster.running).containsExactlyInAnyOrder("n1", "n2", "n3", "n4", "n5");
    List<String> actions = cluster.actions;
    assertThat(actions.subList(actions.size() - 2, actions.size()))
        .containsExactlyInAnyOrder("restart n5", "restart n3");
  }

  @Test
  void aPauseSkipsNodesThatAreDownAndResumeOfAllThawsTheRest() {
    kill.invoke(op("kill", List.of("n1")));

    assertThat(pause.invoke(op("pause", List.of("n1", "n2", "n3"))).value())
        .isEqualTo(List.of("n2", "n3"));
    assertThat(cluster.paused).containsExactlyInAnyOrder("n2", "n3"); // paused in parallel

    pause.invoke(op("resume", "all"));
    assertThat(cluster.paused).isEmpty();
  }

  @Test
  void teardownResumesWhatTheNemesisPaused() {
    pause.invoke(op("pause", List.of("n2", "n4")));
    pause.invoke(op("resume", List.of("n2")));

    pause.teardown();

    assertThat(cluster.paused).isEmpty();
    assertThat(cluster.actions).endsWith("resume n4");
  }
}
