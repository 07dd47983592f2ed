package io.faultline.workloads.raft;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cli.FaultlineCli;
import io.faultline.harness.cli.FaultlineCli.Output;
import org.junit.jupiter.api.Test;

/** {@code ./faultline run} refuses what cannot run with one line and exit code 3, before starting anything. */
class RunCommandTest {

  private static Output faultline(String... args) {
    return FaultlineCli.runCaptured(args);
  }

  private static void assertOneLineError(Output r, String message) {
    assertThat(r.exit()).isEqualTo(3);
    assertThat(r.err().strip()).isEqualTo("faultline: " + message);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void anImpossibleSpecIsRefused() {
    assertOneLineError(faultline("run", "--nodes", "0"), "--nodes must be between 1 and 99, not 0");
    assertOneLineError(
        faultline("run", "--nemesis", "partition,meteor"),
        "unknown fault family 'meteor'; families: partition, clock, kill, or all");
    assertOneLineError(
        faultline("run", "--time-limit", "-3"),
        "--time-limit must be a positive number of seconds," + " not -3.0");
  }

  @Test
  void unknownWorkloadsSystemsAndOptionsAreNamed() {
    Output workload = faultline("run", "--workload", "bank");
    assertThat(workload.exit()).isEqualTo(3);
    assertThat(workload.err())
        .startsWith("faultline: unknown workload 'bank'; workloads: ")
        .contains("register");
    Output sut = faultline("run", "--sut", "zookeeper");
    assertThat(sut.exit()).isEqualTo(3);
    assertThat(sut.err())
        .startsWith("faultline: unknown system under test 'zookeeper'; systems: ")
        .contains("raft");
    Output option = faultline("run", "--sut-opt", "read-mode=psychic");
    assertThat(option.exit()).isEqualTo(3);
    assertThat(option.err().strip())
        .isEqualTo("faultline: --sut-opt read-mode must be read-index or lease, not 'psychic'");
  }

  @Test
  void aSystemWithoutADockerBackendIsRefusedBeforeAnythingStarts() {
    assertOneLineError(
        faultline("run", "--sut", "etcd", "--cluster", "docker"),
        "etcd cannot run on the docker cluster backend; it runs on process, ssh");
    assertOneLineError(
        faultline("run", "--cluster", "docker", "--toxiproxy", "127.0.0.1:8474"),
        "--toxiproxy cannot be used with --cluster docker, whose proxies run in a container beside the nodes");
  }

  @Test
  void workloadOptionsAreCheckedBeforeAnythingStarts() {
    assertOneLineError(
        faultline("run", "--workload-opt", "mix=3:2"),
        "--workload-opt mix: a mix is read:write:cas weights, e.g. 3:2:0, not '3:2'");
    assertOneLineError(
        faultline("run", "--workload-opt", "keys=9"),
        "unknown --workload-opt keys for workload register; it takes mix and values");
    assertOneLineError(
        faultline("run", "--workload", "set", "--workload-opt", "mix=1:1:0"),
        "workload set takes no options (--workload-opt mix)");
  }

  @Test
  void aMissingReplayFolderIsNamed() {
    assertOneLineError(
        faultline("run", "--replay", "/nonexistent/run"),
        "--replay /nonexistent/run: no test.json there");
  }
}
