package io.faultline.harness.junit;

import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.runner.Runner;
import io.faultline.harness.spi.Plugins;
import io.faultline.harness.spi.TestSpec;
import java.nio.file.Files;
import java.nio.file.Path;

/** Runs tests from JUnit: the same runner as {@code ./faultline run}, rooted at the Faultline checkout. */
public final class Faultline {
  private Faultline() {}

  /**
   * The checkout: {@code -Dfaultline.root} (Surefire and Failsafe set it to the repository root), else the nearest
   * folder above the working directory that holds {@code system-under-test/}.
   */
  public static Path root() {
    String prop = System.getProperty("faultline.root");
    if (prop != null) {
      return Path.of(prop).toAbsolutePath().normalize();
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("system-under-test"))) {
        return p;
      }
    }
    throw new IllegalStateException("cannot find the Faultline checkout; set -Dfaultline.root");
  }

  /**
   * Runs {@code spec}, prints where its results and report are, and returns the outcome. With
   * {@code -Dfaultline.cluster=docker} (which Failsafe passes on), a spec on the default {@code process} backend runs
   * on that backend instead, when its system under test supports it.
   */
  public static RunOutcome run(TestSpec spec) {
    RunOutcome outcome = Runner.run(onChosenCluster(spec), root());
    System.out.println(
        "[faultline] " + spec.name() + ": " + outcome.verdict() + " — " + outcome.run().path());
    System.out.println(outcome.summary().indent(2));
    return outcome;
  }

  private static TestSpec onChosenCluster(TestSpec spec) {
    String cluster = System.getProperty("faultline.cluster", "").strip();
    if (cluster.isEmpty()
        || cluster.equals(spec.cluster())
        || !spec.cluster().equals("process")
        || Plugins.sut(spec.sut()).map(s -> !s.clusters().contains(cluster)).orElse(true)) {
      return spec;
    }
    return spec.toBuilder().cluster(cluster).build();
  }
}
