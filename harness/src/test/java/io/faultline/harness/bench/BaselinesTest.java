package io.faultline.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cli.FaultlineCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Saving a run as a baseline: trimmed JSON that compares the same, and a sidecar describing the machine. */
class BaselinesTest {
  @TempDir Path dir;

  @Test
  void aSavedBaselineDropsTheSampleHistogramsKeepsTheScoresAndDescribesTheMachine()
      throws IOException {
    String withHistogram =
        JmhFiles.result("a.L.write", "sample", Map.of("store", "raft"), 900, 20, "us/op")
            .replace(
                "\"rawData\"", "\"rawDataHistogram\" : [[[800.0, 3], [900.0, 5]]], \"rawData\"")
            .replace(
                "\"secondaryMetrics\" : {}",
                "\"secondaryMetrics\" : {\"p0.50\" : {\"score\" : 900.0},"
                    + " \"\u00b7gc.alloc.rate\" : {\"score\" : 12.0, \"rawDataHistogram\" : [[[1.0, 1]]]}}");
    Path run = Files.writeString(dir.resolve("run.json"), JmhFiles.array(withHistogram));
    Path saved = Baselines.save(run, dir.resolve("baselines"), "store");
    assertThat(saved).isEqualTo(dir.resolve("baselines/jmh-store.json"));
    assertThat(Files.readString(saved))
        .doesNotContain("rawDataHistogram")
        .doesNotContain("p0.50")
        .contains("\"score\" : 900.0")
        .contains("gc.alloc.rate");
    assertThat(Comparison.of(JmhJson.read(saved), JmhJson.read(run), 0.1).rows())
        .allMatch(r -> r.verdict() == Comparison.Verdict.SAME);
    assertThat(Files.readString(dir.resolve("baselines/jmh-store.machine.md")))
        .contains("cores")
        .contains("jdk:")
        .contains("other work running");
  }

  @Test
  void theShowOptionSavesAStoredRunAndABadNameIsOneLine() throws IOException {
    Path run =
        Files.writeString(
            dir.resolve("run.json"),
            JmhFiles.array(JmhFiles.result("a.T.w", "thrpt", Map.of(), 900, 20, "ops/s")));
    System.setProperty("faultline.root", dir.toString());
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cl = FaultlineCli.commandLine();
      cl.setOut(new PrintWriter(out));
      cl.setErr(new PrintWriter(err));
      assertThat(cl.execute("bench", "--show", run.toString(), "--baseline", "quiet")).isZero();
      assertThat(out.toString()).contains("T.w").contains("900").contains("jmh-quiet.json");
      assertThat(dir.resolve("results/baselines/jmh-quiet.machine.md")).exists();
      assertThat(cl.execute("bench", "--show", run.toString(), "--baseline", "../x")).isEqualTo(3);
      assertThat(err.toString().lines())
          .hasSize(1)
          .allMatch(l -> l.startsWith("faultline: --baseline:"));
    } finally {
      System.clearProperty("faultline.root");
    }
  }
}
