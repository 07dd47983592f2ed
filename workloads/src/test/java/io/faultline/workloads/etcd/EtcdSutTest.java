package io.faultline.workloads.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cli.FaultlineCli;
import io.faultline.harness.cli.FaultlineCli.Output;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --sut etcd} refuses options it does not know, a missing binary and clock faults, with one line. */
class EtcdSutTest {

  private static void assertOneLineError(Output r, String message) {
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err().strip()).isEqualTo("faultline: " + message);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void unknownOptionsAndReadModesAreRefused() {
    assertOneLineError(
        FaultlineCli.runCaptured("run", "--sut", "etcd", "--sut-opt", "colour=red"),
        "unknown --sut-opt 'colour' for etcd; options: reads, etcd-bin");
    assertOneLineError(
        FaultlineCli.runCaptured("run", "--sut", "etcd", "--sut-opt", "reads=stale"),
        "--sut-opt reads must be linearizable or serializable, not 'stale'");
  }

  @Test
  void aMissingBinaryIsNamed() {
    assertOneLineError(
        FaultlineCli.runCaptured("run", "--sut", "etcd", "--sut-opt", "etcd-bin=/nonexistent/etcd"),
        "--sut-opt etcd-bin: no executable at /nonexistent/etcd");
  }

  @Test
  void clockFaultsAreRefusedWithTheReason() {
    assertOneLineError(
        FaultlineCli.runCaptured("run", "--sut", "etcd", "--nemesis", "partition,clock"),
        EtcdSut.NO_CLOCK_FAULTS);
  }

  @Test
  void readModes() {
    assertThat(EtcdSut.serializable(Map.of())).isFalse();
    assertThat(EtcdSut.serializable(Map.of("reads", "linearizable"))).isFalse();
    assertThat(EtcdSut.serializable(Map.of("reads", "serializable"))).isTrue();
  }
}
