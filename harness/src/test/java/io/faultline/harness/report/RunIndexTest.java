package io.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunIndexTest {
  @TempDir Path results;

  @Test
  void listsEveryRunNewestFirstWithVerdictNameSeedDurationAndALinkToItsReport() throws Exception {
    RunFixture older =
        RunFixture.invalid(results.resolve("runs/report-fixture/20261129T101010.000"));
    ReportWriter.write(older.dir());
    Path crashed = Files.createDirectories(results.resolve("runs/other/20261130T000000.000"));
    Files.writeString(
        crashed.resolve("history.jsonl"),
        "{\"index\":0,\"time\":2500000000,\"type\":\"invoke\","
            + "\"process\":0,\"f\":\"read\",\"value\":null}\n");
    Files.createSymbolicLink(results.resolve("runs/latest"), Path.of("other/20261130T000000.000"));

    List<RunIndex.Entry> entries = RunIndex.entries(results);
    assertThat(entries)
        .extracting(RunIndex.Entry::test, RunIndex.Entry::verdict)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("other", "incomplete"),
            org.assertj.core.groups.Tuple.tuple("report-fixture", "invalid"));
    assertThat(entries.get(0).durationNanos()).isEqualTo(2_500_000_000L);
    assertThat(entries.get(1).href())
        .isEqualTo("runs/report-fixture/20261129T101010.000/report.html");

    String html = Files.readString(RunIndex.update(results));
    assertThat(html)
        .contains("2026-11-30 00:00:00")
        .contains("2.5 s")
        .contains(">INVALID<")
        .contains(">42<")
        .contains("href=\"runs/report-fixture/20261129T101010.000/report.html\"");
    assertThat(html.indexOf("other")).isLessThan(html.indexOf("report-fixture"));
  }
}
