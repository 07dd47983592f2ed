package io.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportPageTest {
  @TempDir Path dir;

  private static String embedded(String html) {
    String open = "<script type=\"application/json\" id=\"report-data\">";
    int from = html.indexOf(open) + open.length();
    return html.substring(from, html.indexOf("</script>", from));
  }

  @Test
  void aValueThatLooksLikeTheEndOfTheScriptCannotEndTheEmbeddedData() throws Exception {
    String evil = "</script><script>alert(1)</script><!--";
    String json = ReportPage.scriptSafeJson(Map.of("value", evil));
    assertThat(json).doesNotContain("<").contains("\\u003c/script>");
    assertThat(Json.MAPPER.readValue(json, Map.class)).isEqualTo(Map.of("value", evil));
  }

  @Test
  void aHistoryWithHostileValuesGivesAPageWithOneDataElementThatParsesBack() throws Exception {
    String evil = "</script><img src=x onerror=alert(1)>";
    History h =
        History.of(
            Op.invoke(0, "write", List.of("k</script>", evil)),
            Op.ok(0, "write", List.of("k</script>", evil)));
    String html =
        ReportPage.html(
            ReportData.ofCheck(
                Path.of("h.jsonl"),
                h,
                new io.faultline.harness.checker.linear.LinearizabilityChecker(
                        io.faultline.harness.checker.model.Models.create("kv", null))
                    .check(h)
                    .toJson()));
    String data = embedded(html);
    assertThat(data).doesNotContain("<");
    Map<?, ?> parsed = Json.MAPPER.readValue(data, Map.class);
    assertThat(parsed.get("kind")).isEqualTo("check");
    assertThat(Json.MAPPER.writeValueAsString(parsed))
        .contains("k</script>")
        .contains(evil.replace("\"", "\\\""));
  }

  @Test
  void thePageIsSelfContained() throws Exception {
    RunFixture run = RunFixture.invalid(dir);
    String html = Files.readString(ReportWriter.write(run.dir()));
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<style>")
        .contains("id=\"report-data\"");
    // the SVG namespace is a name, not a load; nothing else may point at a network address
    String rest = html.replace("'http://www.w3.org/2000/svg'", "");
    assertThat(rest)
        .doesNotContainPattern("<script[^>]+src=")
        .doesNotContainPattern("<link[^>]+href=")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("@import")
        .doesNotContain("url(");
    assertThat(html).contains("<title>INVALID · report-fixture");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theRunsDataHoldsTheSummaryTheFaultsTheKeysAndThePerformanceSeries() throws Exception {
    RunFixture run = RunFixture.invalid(dir);
    Map<String, Object> d = ReportData.ofRun(run.dir());
    assertThat(d.get("verdict")).isEqualTo("invalid");
    assertThat(d.get("seed")).isEqualTo(42);
    assertThat((List<Map<String, Object>>) d.get("faults"))
        .extracting(f -> f.get("family"))
        .containsExactly("partition", "kill", "pause", "clock");
    assertThat((List<Map<String, Object>>) d.get("nodeLogs"))
        .extracting(f -> f.get("href"))
        .containsExactly("nodes/n1/node.log", "nodes/n2/node.log");
    List<Map<String, Object>> counts = (List<Map<String, Object>>) d.get("counts");
    assertThat(counts)
        .filteredOn(c -> c.get("f").equals("kill"))
        .singleElement()
        .satisfies(c -> assertThat(c.get("nemesis")).isEqualTo(true));
    Map<String, Object> lin = (Map<String, Object>) d.get("lin");
    List<Map<String, Object>> keys = (List<Map<String, Object>>) lin.get("keys");
    assertThat(keys.get(0).get("verdict")).isEqualTo("invalid");
    // the invalid key cancels the search of the others, which stay unknown and are collapsed like
    // valid ones
    assertThat(keys.subList(1, keys.size())).allMatch(k -> !k.get("verdict").equals("invalid"));
    Map<String, Object> perf = (Map<String, Object>) d.get("perf");
    assertThat(perf.get("fs")).isEqualTo(List.of("cas", "read", "write"));
    assertThat((List<?>) perf.get("quantiles")).hasSize(3);
  }

  @Test
  void aRunThatCrashedBeforeItsResultsStillGetsAPage() throws Exception {
    RunFixture full = RunFixture.invalid(dir.resolve("full"));
    Path crashed = Files.createDirectories(dir.resolve("crashed"));
    Files.copy(full.dir().testJson(), crashed.resolve("test.json"));
    List<String> lines = Files.readAllLines(full.dir().history());
    Files.write(crashed.resolve("history.jsonl"), lines.subList(0, lines.size() / 2));
    Map<String, Object> d = ReportData.ofRun(new io.faultline.harness.store.RunDir(crashed));
    assertThat(d.get("verdict")).isEqualTo("incomplete");
    assertThat(((Map<?, ?>) d.get("lin")).get("verdict")).isNull();
    assertThat(Files.readString(ReportWriter.write(new io.faultline.harness.store.RunDir(crashed))))
        .contains("<title>INCOMPLETE · report-fixture");
  }
}
