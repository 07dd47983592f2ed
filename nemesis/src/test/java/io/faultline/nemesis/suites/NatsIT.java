package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.cluster.NodeSpec;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.store.Json;
import io.faultline.workloads.nats.NatsConfig;
import io.faultline.workloads.nats.NatsDb;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * NATS JetStream, a third system nobody here wrote: a 3-server cluster under the queue workload, about 12 s of
 * partitions. Partitions alone never lose an acknowledged message (a majority must store it before the ack), so the
 * run must be VALID, with every node's final read present and in agreement.
 *
 * <p>With {@code sync=always} where the server has {@code sync_interval} (2.10 and later); Debian's 2.9.10 has no such
 * setting and always syncs every two minutes, which cannot matter here: no fault in this suite loses the page cache.
 */
class NatsIT {

  @BeforeEach
  void natsInstalled() {
    Assumptions.assumeTrue(
        new NodeSpec.Binary(NatsDb.DEFAULT_BIN).installed(), NatsDb.NOT_INSTALLED);
  }

  @Test
  void partitionsLoseNoAcknowledgedMessage() throws Exception {
    TestSpec.Builder spec =
        TestSpec.builder()
            .name("suite-nats-queue-partition")
            .sut("nats")
            .workload("queue")
            .nodes(3)
            .concurrency(6)
            .rate(60)
            .timeLimit(Duration.ofSeconds(12))
            .nemesis(List.of("partition"))
            .nemesisInterval(Duration.ofSeconds(2))
            .seed(18);
    if (NatsConfig.hasSyncInterval(NatsDb.DEFAULT_BIN)) {
      spec.sutOption("sync", "always");
    }
    RunOutcome outcome = Faultline.run(spec.build());

    assertThat(outcome.verdict()).as("verdict of %s", outcome.run()).isEqualTo(Verdict.VALID);
    Map<?, ?> queue =
        (Map<?, ?>) Json.read(outcome.run().results(), Map.class).get("linearizability");
    assertThat(((Number) queue.get("acknowledged-count")).intValue())
        .as("acknowledged publishes")
        .isGreaterThan(100);
    assertThat((Map<?, ?>) queue.get("read-lengths")).as("final reads").hasSize(3);
    List<Op> history = HistoryFormat.JSONL.read(outcome.run().history()).ops();
    assertThat(history)
        .as("partitions that started")
        .anyMatch(op -> op.isNemesis() && op.f().equals("start-partition"));
  }
}
