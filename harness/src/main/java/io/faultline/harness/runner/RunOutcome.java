package io.faultline.harness.runner;

import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.store.RunDir;

/**
 * How a run ended.
 *
 * @param run the run folder
 * @param spec the spec it ran
 * @param result what the checker found
 * @param ok completed-ok operations
 * @param failed definitely failed operations
 * @param indeterminate indeterminate operations
 */
public record RunOutcome(
    RunDir run, TestSpec spec, Result result, long ok, long failed, long indeterminate) {

  public Verdict verdict() {
    return result.verdict();
  }

  public boolean isValid() {
    return verdict() == Verdict.VALID;
  }

  /** The lines printed at the end of a run. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append("run:      ").append(run.path()).append('\n');
    sb.append("verdict:  ").append(verdict().name()).append('\n');
    sb.append("ops:      ok ")
        .append(ok)
        .append(", fail ")
        .append(failed)
        .append(", info ")
        .append(indeterminate)
        .append('\n');
    sb.append("seed:     ")
        .append(spec.seed())
        .append("  (replay: ./faultline run --replay ")
        .append(run.path())
        .append(")\n");
    sb.append("results:  ").append(run.results());
    if (java.nio.file.Files.exists(run.report())) {
      sb.append('\n').append("report:   ").append(run.report());
    }
    return sb.toString();
  }
}
