package io.faultline.nemesis.suites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.cluster.docker.DockerEngine;
import io.faultline.harness.junit.Faultline;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.DbException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
    return TestSpec.builder()
        .name(name)
        .cluster("docker")
        .nodes(3)
        .timeLimit(Duration.ofSeconds(2))
        .nemesis(List.of("partition"));
  }

  @Test
  void aNodeThatExitsAtStartIsNamedWithTheEndOfItsLog() {
    DockerCounts before = DockerCounts.now();

    assertThatThrownBy(
            () -> Faultline.run(shortRun("docker-bad-flag").sutOption("unsafe", "bogus").build()))
        .isInstanceOf(DbException.class)
        // The nodes start in parallel: whichever fails first is named.
        .hasMessageMatching("(?s)node n[123]'s container .*")
        .hasMessageContaining("unknown flag --unsafe-bogus");
    assertThat(DockerCounts.now())
        .as("containers, networks, volumes after the run threw")
        .isEqualTo(before);
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
    assertThat(DockerCounts.now())
        .as("containers, networks, volumes after the run threw")
        .isEqualTo(before);
  }

  /** The command line of {@code faultline ARGS} in a JVM of its own, as the launcher runs it. */
  private static List<String> cli(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=faultline-logback.xml",
                "-Dfaultline.root=" + Faultline.root(),
                "io.faultline.harness.cli.FaultlineCli"));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs {@code cmd} without {@code unset} in its environment (at most a minute); asserts exit 3 and one line. */
  private static String oneLineError(List<String> cmd, String unset)
      throws IOException, InterruptedException {
    Path err = Files.createTempFile("faultline-cli", ".err");
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile());
    pb.environment().remove(unset);
    Process p = pb.start();
    boolean ended = p.waitFor(60, TimeUnit.SECONDS);
    p.destroyForcibly();
    String stderr = Files.readString(err);
    Files.delete(err);
    assertThat(ended).as("the CLI ended within a minute; stderr: %s", stderr).isTrue();
    assertThat(p.exitValue()).as("exit code; stderr: %s", stderr).isEqualTo(3);
    assertThat(stderr.strip().lines()).as("stderr").hasSize(1);
    return stderr.strip();
  }

  /** The CLI in a mount namespace where {@code /run} (and so the engine's socket) is hidden. */
  @Test
  void noEngineIsOneLineAndExitCode3() throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        new ProcessBuilder("unshare", "-m", "true").start().waitFor() == 0,
        "hiding the engine's socket needs root and unshare");
    List<String> cmd =
        new ArrayList<>(
            List.of("unshare", "-m", "sh", "-c", "mount -t tmpfs none /run && exec \"$@\"", "sh"));
    cmd.addAll(cli("run", "--cluster", "docker", "--nodes", "3", "--time-limit", "2"));

    assertThat(oneLineError(cmd, "NONE")).startsWith("faultline: no Docker engine is reachable");
  }

  /** Without these, Testcontainers would wait for image pulls that cannot succeed here. */
  @ParameterizedTest(name = "without {0}, the run names it in one line")
  @ValueSource(strings = {"TESTCONTAINERS_RYUK_DISABLED", "TESTCONTAINERS_HOST_OVERRIDE"})
  void aMissingTestcontainersSettingIsNamed(String variable)
      throws IOException, InterruptedException {
    Assumptions.assumeTrue(
        variable.endsWith("RYUK_DISABLED") || Files.exists(Path.of("/.dockerenv")),
        "the host override is needed only where /.dockerenv exists");

    assertThat(
            oneLineError(
                cli("run", "--cluster", "docker", "--nodes", "3", "--time-limit", "2"), variable))
        .startsWith("faultline: set " + variable + "=");
  }

  @ParameterizedTest(name = "a harness ended with SIG{0} leaves no container, network or volume")
  @ValueSource(strings = {"KILL", "INT"})
  void aHarnessEndedBySignalLeavesNoContainerNetworkOrVolume(String signal)
      throws IOException, InterruptedException {
    DockerCounts before = DockerCounts.now();
    // Through perl, which resets SIGINT to its default before exec: a test run started in the
    // background of a
    // non-interactive shell inherits SIGINT ignored, and a JVM that starts with it ignored never
    // hears it.
    List<String> cmd =
        new java.util.ArrayList<>(
            List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV or die $!"));
    cmd.addAll(
        cli(
            "run",
            "--name",
            "docker-orphans-sig" + signal.toLowerCase(java.util.Locale.ROOT),
            "--cluster",
            "docker",
            "--nodes",
            "3",
            "--nemesis",
            "partition",
            "--time-limit",
            "120"));
    Process harness =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      awaitCount(
          () -> ownedContainers(harness.pid()),
          4,
          Duration.ofSeconds(120)); // three nodes and Toxiproxy
      assertThat(ownedContainers(harness.pid())).as("containers of the harness").isEqualTo(4);

      new ProcessBuilder("kill", "-" + signal, Long.toString(harness.pid()))
          .start()
          .waitFor(10, TimeUnit.SECONDS);
      assertThat(harness.waitFor(30, TimeUnit.SECONDS)).as("the harness ended").isTrue();

      awaitCount(DockerCounts::now, before, Duration.ofSeconds(60));
      assertThat(DockerCounts.now())
          .as("containers, networks, volumes after SIG%s", signal)
          .isEqualTo(before);
    } finally {
      harness.destroyForcibly();
    }
  }

  private static int ownedContainers(long pid) {
    return (int)
        DockerEngine.client()
            .listContainersCmd()
            .withShowAll(true)
            .withLabelFilter(List.of("io.faultline.owner"))
            .exec()
            .stream()
            .filter(c -> c.getLabels().get("io.faultline.owner").endsWith(":" + pid))
            .count();
  }

  /** Waits until {@code value} gives {@code expected}, at most {@code timeout}. */
  private static <T> void awaitCount(
      java.util.function.Supplier<T> value, T expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!value.get().equals(expected) && System.nanoTime() - deadline < 0) {
      java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
    }
  }
}
