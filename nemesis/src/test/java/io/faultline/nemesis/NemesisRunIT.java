package io.faultline.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.ClockSkewable;
import io.faultline.workloads.raft.RaftDb;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Whole runs with faults, through the same runner as {@code ./faultline run --nemesis kill,pause,clock}: the store
 * stays linearizable, every fault is in the history, and the faults are healed however the run ends.
 */
class NemesisRunIT {
  private static final boolean FAKETIME = Files.isReadable(RaftDb.LIBFAKETIME);

  private static List<String> families() {
    List<String> f = new ArrayList<>(List.of("kill", "pause"));
    if (FAKETIME) {
      f.add("clock");
    }
    return f;
  }

  private static List<Op> nemesisCompletions(History history) {
    return history.ops().stream().filter(op -> op.isNemesis() && op.isCompletion()).toList();
  }

  private static List<Path> clockFiles(Path nodes) {
    try (Stream<Path> s = Files.list(nodes)) {
      return s.map(n -> n.resolve("faketime")).filter(Files::exists).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void theStoreStaysLinearizableThroughKillsPausesAndClockFaultsAndTheHistoryShowsThem() {
    TestSpec spec =
        TestSpec.builder()
            .name("it-nemesis-mixed")
            .nodes(3)
            .concurrency(3)
            .rate(30)
            .timeLimit(Duration.ofSeconds(8))
            .nemesis(families())
            .nemesisInterval(Duration.ofMillis(400))
            .seed(5)
            .build();

    RunOutcome outcome = Faultline.run(spec);

    assertThat(outcome.verdict()).isEqualTo(Verdict.VALID);
    History history = HistoryFormat.JSONL.read(outcome.run().history());
    List<Op> faults = nemesisCompletions(history);
    assertThat(faults).extracting(Op::f).contains("kill", "pause");
    assertThat(faults)
        .filteredOn(op -> op.f().equals("kill"))
        .allSatisfy(
            op ->
                assertThat((List<?>) op.value())
                    .isNotEmpty()
                    .allMatch(n -> n.toString().matches("n[1-3]")));
    List<String> healing =
        FAKETIME
            ? List.of("reset-clock", "resume", "start", "await-recovery")
            : List.of("resume", "start", "await-recovery");
    assertThat(faults.subList(faults.size() - healing.size(), faults.size()))
        .extracting(Op::f)
        .as("the final heal, then recovery")
        .isEqualTo(healing);
    if (FAKETIME) {
      assertThat(clockFiles(outcome.run().nodes())).hasSize(3).allMatch(f -> read(f).equals("+0"));
    }
  }

  @Test
  void aRunThatThrowsMidFaultStillHealsEveryClock() {
    assumeTrue(FAKETIME, ClockSkewable.NEEDS_LIBFAKETIME);
    TestSpec spec =
        TestSpec.builder()
            .name("it-nemesis-throws")
            .workload(ThrowingWorkloadPlugins.NAME)
            .nodes(3)
            .concurrency(2)
            .rate(20)
            .timeLimit(Duration.ofSeconds(8))
            .nemesis(List.of("clock"))
            .nemesisInterval(Duration.ofMillis(250))
            .seed(8)
            .build();

    assertThatThrownBy(() -> Faultline.run(spec))
        .hasStackTraceContaining(ThrowingWorkloadPlugins.MESSAGE);

    Path run = latestRun(spec.name());
    List<Op> faults = nemesisCompletions(HistoryFormat.JSONL.read(run.resolve("history.jsonl")));
    assertThat(faults).extracting(Op::f).containsAnyOf("bump-clock", "strobe-clock", "skew-clock");
    assertThat(faults).extracting(Op::f).doesNotContain("await-recovery");
    assertThat(clockFiles(run.resolve("nodes"))).hasSize(3).allMatch(f -> read(f).equals("+0"));
  }

  private static Path latestRun(String testName) {
    try (Stream<Path> runs =
        Files.list(Faultline.root().resolve("results/runs").resolve(testName))) {
      return runs.filter(Files::isDirectory)
          .max(Comparator.comparing(p -> p.getFileName().toString()))
          .orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
