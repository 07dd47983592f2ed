package io.faultline.jmh;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.bench.JmhJson;
import io.faultline.harness.bench.JmhResult;
import io.faultline.harness.bench.Ratios;
import io.faultline.harness.cli.FaultlineCli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code ./faultline bench} as a user runs it, on the built {@code benchmarks.jar}, limited to the floor benchmarks so
 * that it takes about half a minute: JMH runs for real, its JSON is kept, and the floor table is printed from it.
 */
class BenchIT {

  @Test
  void benchMeasuresTheFloorsAndShowsTheBareCommitAgainstOneWritePlusOneRoundTrip()
      throws IOException {
    FaultlineCli.Output run =
        FaultlineCli.runCaptured("bench", "--quick", "--include", "\\.floor\\.");
    assertThat(run.exit()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("Against the floor")
        .contains("p50 / bare commit")
        .contains("ReplicatedCommitBenchmark.commit");

    Path json =
        Path.of(
            run.out()
                .lines()
                .filter(l -> l.startsWith("json: "))
                .findFirst()
                .orElseThrow()
                .substring("json: ".length()));
    try {
      List<JmhResult> results = JmhJson.read(json);
      double write =
          p50(Ratios.find(results, ".DsyncWriteBenchmark.write", Map.of("pattern", "overwrite")));
      double roundTrip =
          p50(Ratios.find(results, ".LoopbackRoundTripBenchmark.roundTrip", Map.of()));
      double commit = p50(Ratios.find(results, ".ReplicatedCommitBenchmark.commit", Map.of()));
      // The bare commit waits for a durable write and, before and after it, for two hops of the
      // network each way.
      assertThat(commit).isGreaterThan(write).isGreaterThan(2 * roundTrip);
    } finally {
      Files.deleteIfExists(json);
    }
  }

  private static double p50(JmhResult r) {
    assertThat(r).isNotNull();
    return r.percentiles().get(50.0);
  }
}
