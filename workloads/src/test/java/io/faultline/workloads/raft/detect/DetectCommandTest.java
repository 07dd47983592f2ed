package io.faultline.workloads.raft.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cli.FaultlineCli;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code ./faultline detect} with bad flags: one line naming the cause, exit code 3, and no run started. */
class DetectCommandTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--seeds 0           | faultline: --seeds must be at least 1, not 0",
        "--time-limit 0      | faultline: --time-limit must be a positive number of seconds, not 0.0",
        "--mode nope         | faultline: --mode: unknown unsafe mode 'nope'; modes: stale-reads, no-dedup, no-fsync,"
            + " lazy-fsync, ack-before-commit, lease-wallclock, commit-previous-term, forget-vote,"
            + " lease-clock-jump, lease-after-transfer; with --generic also:"
            + " vote-ignores-log, read-index-unconfirmed, read-index-before-noop, stale-term-responses,"
            + " timeout-as-failure, stale-snapshot-installs",
        "--mode vote-ignores-log | faultline: --mode vote-ignores-log has no targeted case yet: run it with"
            + " --generic",
        "--seeds many        | faultline: Invalid value for option '--seeds': 'many' is not an int"
      })
  void aBadFlagIsOneLineAndExitCode3(String args, String error) {
    FaultlineCli.Output out = FaultlineCli.runCaptured(("detect " + args).split(" +"));

    assertThat(out.exit()).isEqualTo(FaultlineCli.EXIT_ERROR);
    assertThat(out.err().lines().findFirst()).hasValue(error);
    assertThat(out.err()).doesNotContain("Exception").doesNotContain("\tat ");
    assertThat(out.out()).doesNotContain("[detect]");
  }
}
