package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.store.Json;
import io.faultline.workloads.etcd.EtcdDb;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * etcd, a Raft system nobody here wrote, as the second system under test: 3-node clusters, runs of about 12 s. With
 * linearizable reads it must stay VALID under every fault family that reaches it, with each workload; with
 * serializable reads (answered from the local member), a partition that isolates a member lets that member serve stale
 * lists, which must be caught as INVALID and shown in the report.
 *
 * <p>No clock suite: etcd is a Go program, which reads the clock through the vDSO, so libfaketime does not reach it,
 * and {@code --sut etcd} refuses the clock nemesis (see {@code EtcdSutTest}).
 */
class EtcdIT {

  @BeforeEach
  void etcdInstalled() {
    Assumptions.assumeTrue(EtcdDb.installed(EtcdDb.DEFAULT_BIN), EtcdDb.NOT_INSTALLED);
  }

  private static TestSpec.Builder etcd(String name) {
    return TestSpec.builder().name(name).sut("etcd").nodes(3).concurrency(6).rate(60);
  }

  @ParameterizedTest(name = "etcd with linearizable reads, {0} workload under {1}, is valid")
  @CsvSource({
    "register, partition",
    "register, kill",
    "register, pause",
    "register, packet",
    "append, partition+kill+pause+packet",
    "set, partition+kill+pause+packet"
  })
  void linearizableReadsStayLinearizable(String workload, String faults) {
    List<String> families = List.of(faults.split("\\+"));
    TestSpec spec =
        etcd("suite-etcd-" + workload + "-" + faults.replace('+', '-'))
            .workload(workload)
            .sutOption("reads", "linearizable")
            .timeLimit(Duration.ofSeconds(12))
            .nemesis(families)
            .nemesisInterval(Duration.ofSeconds(2))
            .seed((workload + faults).hashCode())
            .build();
    RunOutcome outcome = Faultline.run(spec);

    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.VALID);
    List<Op> history = HistoryFormat.JSONL.read(outcome.run().history()).ops();
    assertThat(history.stream().filter(op -> op.isNemesis() && op.type() == Op.Type.INFO).count())
        .as("fault ops in the history")
        .isGreaterThan(families.size());
    assertThat(history)
        .as("reads that succeeded")
        .anyMatch(op -> op.f().equals("read") && op.type() == Op.Type.OK);
    assertThat(history)
        .as("writes that succeeded")
        .anyMatch(op -> !op.isNemesis() && !op.f().equals("read") && op.type() == Op.Type.OK);
  }

  /**
   * The append workload with serializable reads, under partitions that isolate one member (the leader or any other)
   * while the majority commits appends: the isolated member keeps answering reads from its own state, so a read can
   * miss an element whose append was acknowledged before the read began. A stale read needs a member cut off for
   * longer than etcd takes to elect a new leader (1-2 s), and the nemesis draws durations at random, so up to three
   * runs (seeds 1-3) guard against an unlucky draw; so far the first run always found one. The first INVALID run must
   * show the evidence: the op that cannot be linearized is a read, and that read misses an element acknowledged before
   * it began (checked here from the history, not taken from the checker), and the report marks that read.
   */
  @Test
  void serializableReadsAreStaleUnderPartitions() throws IOException {
    RunOutcome outcome = null;
    for (int seed = 1; seed <= 3; seed++) {
      TestSpec spec =
          etcd("suite-etcd-serializable-stale")
              .workload("append")
              .sutOption("reads", "serializable")
              .timeLimit(Duration.ofSeconds(15))
              .nemesis(List.of("partition"))
              .nemesisOption("partition-kinds", "isolate-one+isolate-leader")
              .nemesisInterval(Duration.ofSeconds(4))
              .opTimeout(Duration.ofSeconds(1))
              .seed(seed)
              .build();
      outcome = Faultline.run(spec);
      if (outcome.verdict() == Verdict.INVALID) {
        break;
      }
    }

    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.INVALID);
    Map<?, ?> lin =
        (Map<?, ?>) Json.read(outcome.run().results(), Map.class).get("linearizability");
    List<?> failures = (List<?>) lin.get("failures");
    assertThat(failures).as("keys with a stale read").isNotEmpty();
    String key = String.valueOf(failures.get(0));
    Map<?, ?> failing =
        (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) lin.get("results")).get(key)).get("op");
    List<Op> history = HistoryFormat.JSONL.read(outcome.run().history()).ops();
    Op read = opAt(history, ((Number) failing.get("index")).longValue());
    Op returned = opAt(history, ((Number) failing.get("completion-index")).longValue());
    assertThat(read.f()).as("the op that cannot be linearized, %s", read).isEqualTo("read");
    assertThat(String.valueOf(((List<?>) read.value()).get(0))).isEqualTo(key);
    List<String> seen =
        ((List<?>) ((List<?>) returned.value()).get(1)).stream().map(String::valueOf).toList();
    assertThat(history)
        .as("an append to %s acknowledged before %s began and missing from %s", key, read, seen)
        .anyMatch(
            op ->
                op.type() == Op.Type.OK
                    && op.f().equals("append")
                    && op.time() < read.time()
                    && String.valueOf(((List<?>) op.value()).get(0)).equals(key)
                    && !seen.contains(String.valueOf(((List<?>) op.value()).get(1))));

    Map<?, ?> shown = reportedKey(outcome, key);
    assertThat(shown.get("verdict")).as("the key's verdict on the page").isEqualTo("invalid");
    assertThat(((Number) ((Map<?, ?>) shown.get("failure")).get("index")).longValue())
        .as("the op the page marks as not linearizable")
        .isEqualTo(read.index());
  }

  private static Op opAt(List<Op> history, long index) {
    return history.stream().filter(o -> o.index() == index).findFirst().orElseThrow();
  }

  /** The report page's entry for {@code key}, read from the data embedded in {@code report.html}. */
  private static Map<?, ?> reportedKey(RunOutcome outcome, String key) throws IOException {
    String html = Files.readString(outcome.run().report());
    String open = "<script type=\"application/json\" id=\"report-data\">";
    int from = html.indexOf(open);
    assertThat(from).as("report data in %s", outcome.run().report()).isNotNegative();
    String json = html.substring(from + open.length(), html.indexOf("</script>", from));
    Map<?, ?> data = Json.MAPPER.readValue(json, Map.class);
    List<?> keys = (List<?>) ((Map<?, ?>) data.get("lin")).get("keys");
    return keys.stream()
        .map(k -> (Map<?, ?>) k)
        .filter(k -> key.equals(String.valueOf(k.get("key"))))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the report has no timeline of key " + key));
  }
}
