package io.faultline.workloads.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.cli.FaultlineCli;
import io.faultline.harness.cli.FaultlineCli.Output;
import io.faultline.harness.cluster.NodeSpec;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** {@code --sut nats} refuses options it does not know, a missing binary and clock faults, with one line. */
class NatsSutTest {

  private static void assertOneLineError(Output r, String message) {
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err().strip()).isEqualTo("faultline: " + message);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownOptionsAndBadValuesAreRefused() {
    assertOneLineError(
        FaultlineCli.runCaptured(
            "run", "--sut", "nats", "--workload", "queue", "--sut-opt", "colour=red"),
        "unknown --sut-opt 'colour' for nats; options: nats-bin, sync, replicas");
    assertOneLineError(
        FaultlineCli.runCaptured(
            "run", "--sut", "nats", "--workload", "queue", "--sut-opt", "sync=sometimes"),
        "--sut-opt sync must be default or always, not 'sometimes'");
    assertThatThrownBy(() -> NatsConfig.of(Map.of("replicas", "7")))
        .hasMessage("--sut-opt replicas must be 1 to 5 (JetStream's limit), not '7'");
  }

  @Test
  void aMissingBinaryIsNamed() {
    assertOneLineError(
        FaultlineCli.runCaptured(
            "run",
            "--sut",
            "nats",
            "--workload",
            "queue",
            "--sut-opt",
            "nats-bin=/nonexistent/nats"),
        "--sut-opt nats-bin: no executable at /nonexistent/nats");
  }

  @Test
  void clockFaultsAreRefusedWithTheReason() {
    assertOneLineError(
        FaultlineCli.runCaptured(
            "run", "--sut", "nats", "--workload", "queue", "--nemesis", "partition,clock"),
        NatsSut.NO_CLOCK_FAULTS);
  }

  @Test
  void replicationDefaultsToEveryNodeUpToFive() {
    assertThat(NatsConfig.of(Map.of()).replicas(3)).isEqualTo(3);
    assertThat(NatsConfig.of(Map.of()).replicas(7)).isEqualTo(5);
    assertThat(NatsConfig.of(Map.of("replicas", "1")).replicas(5)).isEqualTo(1);
    assertThat(NatsConfig.of(Map.of("sync", "always")).syncAlways()).isTrue();
  }

  @Test
  void syncAlwaysIsRefusedByAServerWithoutSyncInterval() {
    Assumptions.assumeTrue(
        new NodeSpec.Binary(NatsDb.DEFAULT_BIN).installed(), NatsDb.NOT_INSTALLED);
    Assumptions.assumeFalse(
        NatsConfig.hasSyncInterval(NatsDb.DEFAULT_BIN), "this nats-server has sync_interval");
    assertOneLineError(
        FaultlineCli.runCaptured(
            "run", "--sut", "nats", "--workload", "queue", "--sut-opt", "sync=always"),
        "--sut-opt sync=always needs nats-server 2.10 or later (sync_interval); "
            + NatsDb.DEFAULT_BIN
            + " is "
            + NatsConfig.version(NatsDb.DEFAULT_BIN)
            + ", which says: "
            + NatsConfig.syncIntervalRefused(NatsDb.DEFAULT_BIN).orElseThrow());
    if (NatsConfig.version(NatsDb.DEFAULT_BIN).startsWith("v2.9.")) {
      assertThat(NatsConfig.syncIntervalRefused(NatsDb.DEFAULT_BIN))
          .contains("unknown field \"sync_interval\"");
    }
  }
}
