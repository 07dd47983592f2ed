package io.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cli.FaultlineCli;
import io.faultline.harness.cli.FaultlineCli.Output;
import io.faultline.harness.history.codec.HistoryFormat;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./faultline report RUN_DIR} and {@code ./faultline check --html OUT}, as a user runs them. */
class ReportCommandsTest {
  @TempDir Path dir;

  private static Output faultline(String... args) {
    return FaultlineCli.runCaptured(args);
  }

  @Test
  void reportRebuildsTheRunsPageAndTheIndexOfItsStore() throws Exception {
    Path runDir = dir.resolve("results/runs/report-fixture/20261130T010203.004");
    RunFixture.invalid(runDir);
    Output r = faultline("report", runDir.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines())
        .containsExactly(
            runDir.resolve("report.html").toString(),
            dir.resolve("results/index.html").toAbsolutePath().normalize().toString());
    assertThat(Files.readString(runDir.resolve("report.html")))
        .contains("<title>INVALID · report-fixture");
    assertThat(Files.readString(dir.resolve("results/index.html"))).contains("report-fixture");
  }

  @Test
  void reportOfAFolderThatIsNoRunIsAOneLineError() throws Exception {
    Output missing = faultline("report", dir.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(FaultlineCli.EXIT_ERROR);
    assertThat(missing.err())
        .isEqualTo("faultline: " + dir.resolve("nope") + ": no such run folder\n");
    Output empty = faultline("report", dir.toString());
    assertThat(empty.err()).contains("not a run folder").doesNotContain("Exception");
  }

  @Test
  void checkHtmlWritesTheLinearizabilityPageOfAHistoryFile() throws Exception {
    Path history = dir.resolve("h.jsonl");
    HistoryFormat.JSONL.write(
        ReportFixtures.withBadReadAt(ReportFixtures.kvHistory(200, 2, false, 5, 0), 0.5), history);
    Path out = dir.resolve("out/h.html");
    Output r = faultline("check", "--model", "kv", "--html", out.toString(), history.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("\tinvalid\t");
    String html = Files.readString(out);
    assertThat(html)
        .contains("<title>INVALID · h.jsonl</title>")
        .contains("\"kind\":\"check\"")
        .contains("\"failure\":");
  }

  @Test
  void checkHtmlTakesOneFile() {
    Output r =
        faultline(
            "check",
            "--model",
            "kv",
            "--html",
            dir.resolve("x.html").toString(),
            "a.jsonl",
            "b.jsonl");
    assertThat(r.exit()).isEqualTo(FaultlineCli.EXIT_ERROR);
    assertThat(r.err()).isEqualTo("faultline: --html takes one FILE, not 2\n");
  }

  @Test
  void anHtmlFileThatCannotBeWrittenIsAOneLineError() throws Exception {
    Path history = dir.resolve("h.jsonl");
    HistoryFormat.JSONL.write(ReportFixtures.kvHistory(20, 1, false, 5, 0), history);
    Path blocker = Files.writeString(dir.resolve("file"), "");
    Output r =
        faultline(
            "check",
            "--model",
            "kv",
            "--html",
            blocker.resolve("h.html").toString(),
            history.toString());
    assertThat(r.exit()).isEqualTo(FaultlineCli.EXIT_ERROR);
    assertThat(r.err()).startsWith("faultline: cannot write ").doesNotContain("\tat ");
  }
}
