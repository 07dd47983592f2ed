package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.store.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Raft store in containers ({@code --cluster docker}): one short run per fault family, each VALID, and one run
 * that must find the stale reads of {@code --unsafe-stale-reads} with the leader cut off. Every run gives back every
 * container, network and volume it made. Skipped, with the reason, where no Docker engine is reachable.
 */
@Tag("docker")
@ExtendWith(RequiresDocker.class)
class DockerIT {

  private static TestSpec.Builder onContainers(String name, String workload, String... faults) {
    return TestSpec.builder()
        .name(name)
        .cluster("docker")
        .nodes(5)
        .workload(workload)
        .concurrency(10)
        .rate(100)
        .timeLimit(Duration.ofSeconds(15))
        .nemesis(List.of(faults))
        .nemesisInterval(Duration.ofSeconds(3));
  }

  @ParameterizedTest(name = "register in containers under {0} is valid")
  @ValueSource(strings = {"partition", "kill", "pause", "clock", "packet"})
  void everyFaultFamilyRunsOnContainers(String family) throws IOException {
    DockerCounts before = DockerCounts.now();
    RunOutcome outcome =
        Faultline.run(
            onContainers("suite-docker-" + family, "register", family)
                .seed(family.hashCode())
                .build());

    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.VALID);
    List<Op> history = HistoryFormat.JSONL.read(outcome.run().history()).ops();
    assertThat(
            history.stream()
                .filter(
                    op ->
                        op.isNemesis()
                            && op.type() == Op.Type.INFO
                            && !op.f().equals("await-recovery")))
        .as("fault ops in the history")
        .hasSizeGreaterThan(2);
    assertThat(history)
        .as("acknowledged reads")
        .anyMatch(op -> op.f().equals("read") && op.type() == Op.Type.OK);
    assertThat(Files.readString(outcome.run().path().resolve("nodes/n1/node.log")))
        .as("n1's log, copied from its container: it bound the cluster network's address")
        .contains("raft /10.213.");
    assertThat(DockerCounts.now())
        .as("containers, networks, volumes after the run")
        .isEqualTo(before);
  }

  @Test
  void staleReadsAreCaughtOnContainers() {
    DockerCounts before = DockerCounts.now();
    RunOutcome outcome = null;
    for (int seed = 1; seed <= DetectionIT.SEEDS; seed++) {
      outcome =
          Faultline.run(
              onContainers("suite-docker-detect-stale-reads", "register", "partition")
                  .sutOption("unsafe", "stale-reads")
                  .nemesisOption("partition-kinds", "isolate-leader")
                  .seed(seed)
                  .build());
      if (outcome.verdict() == Verdict.INVALID) {
        System.out.printf("[faultline] docker: seed %d found the stale reads%n", seed);
        break;
      }
    }

    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.INVALID);
    @SuppressWarnings("unchecked")
    Map<String, Object> results =
        (Map<String, Object>) Json.read(outcome.run().results(), Map.class).get("linearizability");
    assertThat((List<?>) results.get("failures")).as("keys with a stale read").isNotEmpty();
    assertThat(DockerCounts.now())
        .as("containers, networks, volumes after the runs")
        .isEqualTo(before);
  }
}
