package io.faultline.workloads.raft.detect;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.runner.RunOutcome;
import io.faultline.harness.store.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One run of a detection case.
 *
 * @param mode the case's unsafe mode
 * @param seed the run's seed
 * @param unsafe true when the store ran with the mode on; false for the correct store under the same test
 * @param verdict the checker's verdict
 * @param evidenceSeconds for an INVALID run, seconds from the start of the run to the completion of the first
 *     operation the checker could not explain (or, for a bug only the final reads show, to the end of the history)
 * @param run the run folder
 */
public record Trial(
    String mode,
    long seed,
    boolean unsafe,
    Verdict verdict,
    OptionalDouble evidenceSeconds,
    Path run) {

  /** The trial of {@code outcome}, a run of the case of {@code mode}. */
  public static Trial of(String mode, boolean unsafe, RunOutcome outcome) {
    OptionalDouble evidence =
        outcome.verdict() == Verdict.INVALID
            ? OptionalDouble.of(evidenceNanos(outcome) / 1e9)
            : OptionalDouble.empty();
    return new Trial(
        mode, outcome.spec().seed(), unsafe, outcome.verdict(), evidence, outcome.run().path());
  }

  /** True for a run of the unsafe store that found the bug. */
  public boolean detected() {
    return unsafe && verdict == Verdict.INVALID;
  }

  /** True for a run of the correct store that was judged INVALID. */
  public boolean falsePositive() {
    return !unsafe && verdict == Verdict.INVALID;
  }

  /**
   * The earliest completion time of an operation that a failing part of the linearizability result names
   * ({@code op}, as the checker reports it), else the time of the history's last operation.
   */
  private static long evidenceNanos(RunOutcome outcome) {
    long first = Long.MAX_VALUE;
    Object lin = Json.read(outcome.run().results(), Map.class).get("linearizability");
    if (lin instanceof Map<?, ?> m && m.get("results") instanceof Map<?, ?> parts) {
      for (Object part : parts.values()) {
        if (part instanceof Map<?, ?> p
            && Boolean.FALSE.equals(p.get("valid"))
            && p.get("op") instanceof Map<?, ?> op
            && op.get("completion-time") instanceof Number t) {
          first = Math.min(first, t.longValue());
        }
      }
    }
    return first != Long.MAX_VALUE ? first : lastOpNanos(outcome.run().history());
  }

  private static long lastOpNanos(Path history) {
    String last = null;
    try (BufferedReader in = Files.newBufferedReader(history)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        last = line.isBlank() ? last : line;
      }
      return last == null
          ? 0L
          : ((Number) Json.MAPPER.readValue(last, Map.class).get("time")).longValue();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + history + ": " + e.getMessage(), e);
    }
  }
}
