package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.cluster.docker.DockerEngine;
import io.faultline.harness.db.DbException;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.runner.TestSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What goes wrong with the docker backend ends in one line that names the cause (with the tail of the container's
 * log when a container is at fault), never in a hang, and leaves no container, network or volume behind; not even
 * when the harness itself is interrupted (SIGINT, its shutdown hook) or killed (SIGKILL, the watchdog).
 */
@Tag("docker")
@ExtendWith(RequiresDocker.class)
class DockerBadInputIT {

  private static TestSpec.Builder shortRun(String name) {
    return TestSpec.builder().name(name).cluster("docker").nodes(3).timeLimit(Duration.ofSeconds(2))
        .nemesis(List.of("partition"));
  }

  @Test
  void aNodeThatExitsAtStartIsNamedWithTheEndOfItsLog() {
    DockerCounts before = DockerCounts.now();

    assertThatThrownBy(() -> Faultline.run(shortRun("docker-bad-flag").sutOption("unsafe", "bogus").build()))
        .isInstanceOf(DbException.class)
        .hasMessageStartingWith("node n1's container")
        .hasMessageContaining("unknown flag --unsafe-bogus");
    assertThat(DockerCounts.now()).as("containers, networks, volumes after the run threw").isEqualTo(before);
  }

  @Test
  void anImageThatCannotBeBuiltIsOneLine() {
    DockerCounts before = DockerCounts.now();
    System.setProperty("faultline.docker.base", "faultline-no-such-base:0");
    try {
      assertThatThrownBy(() -> Faultline.run(shortRun("docker-bad-base").build()))
          .isInstanceOf(DbException.class)
          .hasMessageStartingWith("cannot build image faultline-")
          .hasMessageContaining("faultline-no-such-base:0")
          .hasMessageNotContaining("\n");
    } finally {
      System.clearProperty("faultline.docker.base");
    }
    assertThat(DockerCounts.now()).as("containers, networks, volumes after the run threw").isEqualTo(before);
  }

  /** The CLI in a mount namespace where {@code /run} (and so the engine's socket) is hidden. */
  @Test
  void noEngineIsOneLineAndExitCode3() throws IOException, InterruptedException {
    Assumptions.assumeTrue(new ProcessBuilder("unshare", "-m", "true").start().waitFor() == 0,
        "hiding the engine's socket needs root and unshare");
    List<String> cmd = List.of("unshare", "-m", "sh", "-c", "mount -t tmpfs none /run && exec \"$@\"", "sh",
        ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
        "-Dlogback.configurationFile=faultline-logback.xml", "-Dfaultline.root=" + Faultline.root(),
        "io.faultline.harness.cli.FaultlineCli", "run", "--cluster", "docker", "--nodes", "3", "--time-limit", "2");
    Process cli = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(cli.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(cli.waitFor(60, TimeUnit.SECONDS)).as("the CLI ended").isTrue();

    assertThat(cli.exitValue()).as("exit code; stderr: %s", err).isEqualTo(3);
    assertThat(err.strip().lines()).as("stderr").singleElement().asString()
        .startsWith("faultline: no Docker engine is reachable");
  }

  @ParameterizedTest(name = "a harness ended with SIG{0} leaves no container, network or volume")
  @ValueSource(strings = {"KILL", "INT"})
  void aHarnessEndedBySignalLeavesNoContainerNetworkOrVolume(String signal) throws IOException, InterruptedException {
    DockerCounts before = DockerCounts.now();
    List<String> cmd = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
        System.getProperty("java.class.path"), "-Dlogback.configurationFile=faultline-logback.xml",
        "-Dfaultline.root=" + Faultline.root(), "io.faultline.harness.cli.FaultlineCli", "run", "--name",
        "docker-orphans-sig" + signal.toLowerCase(java.util.Locale.ROOT), "--cluster", "docker", "--nodes", "3", "--nemesis", "partition",
        "--time-limit", "120");
    Process harness = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      awaitCount(() -> ownedContainers(harness.pid()), 4, Duration.ofSeconds(120));   // three nodes and Toxiproxy
      assertThat(ownedContainers(harness.pid())).as("containers of the harness").isEqualTo(4);

      new ProcessBuilder("kill", "-" + signal, Long.toString(harness.pid())).start().waitFor(10, TimeUnit.SECONDS);
      assertThat(harness.waitFor(30, TimeUnit.SECONDS)).as("the harness ended").isTrue();

      awaitCount(DockerCounts::now, before, Duration.ofSeconds(60));
      assertThat(DockerCounts.now()).as("containers, networks, volumes after SIG%s", signal)
          .isEqualTo(before);
    } finally {
      harness.destroyForcibly();
    }
  }

  private static int ownedContainers(long pid) {
    return (int) DockerEngine.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(List.of("io.faultline.owner")).exec().stream()
        .filter(c -> c.getLabels().get("io.faultline.owner").endsWith(":" + pid)).count();
  }

  /** Waits until {@code value} gives {@code expected}, at most {@code timeout}. */
  private static <T> void awaitCount(java.util.function.Supplier<T> value, T expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!value.get().equals(expected) && System.nanoTime() - deadline < 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
    }
  }
}
