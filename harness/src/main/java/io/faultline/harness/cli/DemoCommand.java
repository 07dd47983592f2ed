package io.faultline.harness.cli;

import io.faultline.harness.spi.TestSpec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./faultline demo}: the main job with good defaults. A 5-node cluster of the Raft store, the register
 * workload at 100 ops/s from 10 clients, and partitions, kills, pauses and clock faults, mixed, for about 60 s.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "The main job: a 5-node Raft cluster, the register workload, mixed faults, about 60 s; then the verdict and the"
          + " path of the report."
    })
final class DemoCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--time-limit",
      paramLabel = "S",
      defaultValue = "60",
      description = "Seconds of the main phase. Default: ${DEFAULT-VALUE}.")
  long timeLimit;

  @Option(names = "--seed", paramLabel = "X", description = "The seed. Default: random.")
  Long seed;

  @Override
  public Integer call() {
    TestSpec.Builder b =
        TestSpec.builder()
            .name("demo")
            .nodes(5)
            .concurrency(10)
            .rate(100)
            .timeLimit(Duration.ofSeconds(timeLimit))
            .nemesis(List.of(TestSpec.ALL_FAULTS))
            .nemesisInterval(Duration.ofSeconds(6));
    if (seed != null) {
      b.seed(seed);
    }
    return RunCommand.execute(b.build(), spec.commandLine().getOut());
  }
}
