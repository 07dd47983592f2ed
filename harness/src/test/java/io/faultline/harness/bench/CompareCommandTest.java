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

/** {@code ./faultline compare} as a user runs it: the table, the HTML next to CURRENT, and the exit codes. */
class CompareCommandTest {
  private static final String T = "io.faultline.jmh.raft.ThroughputBenchmark.write";
  private static final String L = "io.faultline.jmh.raft.CommitLatencyBenchmark.write";

  @TempDir Path dir;

  private record Run(int exit, String out, String err) {}

  private static Run faultline(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = FaultlineCli.commandLine();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path run(String name, double writesPerSecond, double latencyMs) throws IOException {
    return Files.writeString(
        dir.resolve(name),
        JmhFiles.array(
            JmhFiles.result(
                T,
                "thrpt",
                Map.of("clients", "64", "valueSize", "16"),
                writesPerSecond,
                100,
                "ops/s"),
            JmhFiles.result(L, "sample", Map.of("store", "raft"), latencyMs, 0.01, "ms/op")));
  }

  @Test
  void theSameRunAgainExitsZeroAndPrintsOneRowPerBenchmarkAndParameterSet() throws IOException {
    Run r =
        faultline(
            "compare",
            run("base.json", 5_000, 0.5).toString(),
            run("now.json", 5_050, 0.5).toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("ThroughputBenchmark.write clients=64,valueSize=16")
        .contains("CommitLatencyBenchmark.write store=raft")
        .contains("5000 ± 100")
        .contains("5050 ± 100")
        .contains("1.010")
        .contains("0 slower, 0 faster, 2 same (threshold 10%");
    assertThat(r.err()).isEmpty();
  }

  @Test
  void aRegressionExitsOneAndTheHtmlTableLandsNextToCurrent() throws IOException {
    Path now = run("20261130T020000.json", 3_000, 0.8);
    Run r = faultline("compare", run("base.json", 5_000, 0.5).toString(), now.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out().lines().filter(l -> l.endsWith("slower"))).hasSize(2);
    Path html = dir.resolve("20261130T020000-compare.html");
    assertThat(r.out()).contains("html: " + html);
    assertThat(Files.readString(html))
        .contains("<tr class=\"slower\">")
        .contains("0.600")
        .contains("1.600");
  }

  @Test
  void theThresholdDecidesWhetherARealButSmallChangeCounts() throws IOException {
    Path base = run("base.json", 5_000, 0.5);
    Path now = run("now.json", 4_700, 0.5);
    assertThat(faultline("compare", base.toString(), now.toString()).exit()).isZero();
    assertThat(faultline("compare", "--threshold", "5%", base.toString(), now.toString()).exit())
        .isEqualTo(1);
    assertThat(faultline("compare", "--threshold", "5", base.toString(), now.toString()).exit())
        .isEqualTo(1);
  }

  @Test
  void badInputIsOneLineAndExitThree() throws IOException {
    Path base = run("base.json", 5_000, 0.5);
    Path junk = Files.writeString(dir.resolve("junk.json"), "hello");
    for (String[] args :
        new String[][] {
          {"compare", base.toString(), dir.resolve("missing.json").toString()},
          {"compare", base.toString(), junk.toString()},
          {"compare", "--threshold", "ten", base.toString(), base.toString()},
          {"compare", "--threshold", "-5%", base.toString(), base.toString()}
        }) {
      Run r = faultline(args);
      assertThat(r.exit()).as(String.join(" ", args)).isEqualTo(3);
      assertThat(r.err().lines()).as(r.err()).hasSize(1).allMatch(l -> l.startsWith("faultline: "));
      assertThat(r.out()).isEmpty();
    }
  }
}
