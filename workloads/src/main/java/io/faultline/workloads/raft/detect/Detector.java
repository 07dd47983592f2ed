package io.faultline.workloads.raft.detect;

import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.runner.Runner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs detection cases: each with the unsafe mode on for seeds {@code 1..seeds}, and the same tests against the
 * correct store. Runs one at a time, since each is a whole cluster.
 *
 * @param root the Faultline checkout, where runs are stored
 * @param prefix the prefix of the tests' names (e.g. {@code detect-})
 * @param seeds the number of seeds per case, from 1
 * @param timeLimit the main phase of every run
 * @param progress told of each trial as it ends
 */
public record Detector(
    Path root, String prefix, int seeds, Duration timeLimit, Consumer<Trial> progress) {

  public Detector {
    if (seeds < 1) {
      throw new IllegalArgumentException("seeds must be at least 1, not " + seeds);
    }
  }

  /** The unsafe trials of {@code c}, then its correct ones, seed by seed. */
  public List<Trial> run(DetectionCase c) {
    List<Trial> trials = new ArrayList<>();
    for (boolean unsafe : new boolean[] {true, false}) {
      for (long seed = 1; seed <= seeds; seed++) {
        trials.add(trial(c, seed, unsafe));
      }
    }
    return trials;
  }

  /** The unsafe trials of {@code c} alone, seed by seed. */
  public List<Trial> runUnsafe(DetectionCase c) {
    List<Trial> trials = new ArrayList<>();
    for (long seed = 1; seed <= seeds; seed++) {
      trials.add(trial(c, seed, true));
    }
    return trials;
  }

  /** One run of {@code c} with {@code seed}, unsafe or correct. */
  public Trial trial(DetectionCase c, long seed, boolean unsafe) {
    RunOutcome outcome = Runner.run(c.spec(prefix, seed, timeLimit, unsafe), root);
    Trial t = Trial.of(c.mode(), unsafe, outcome);
    progress.accept(t);
    return t;
  }
}
