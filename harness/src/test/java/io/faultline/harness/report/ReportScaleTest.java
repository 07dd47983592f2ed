package io.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.History;
import io.faultline.harness.store.RunDir;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page of a 100,000-op history stays small enough to draw within the 3 s: the data it embeds is bounded
 * (measured by hand in headless Chromium: drawn about 0.3–0.6 s after navigation starts, see the data-drawn-ms
 * attribute; no timing is asserted here).
 */
class ReportScaleTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void aHundredThousandOpHistoryEmbedsBoundedDataAndKeepsTheFailureInView() throws Exception {
    History h =
        ReportFixtures.withFaults(
            ReportFixtures.withBadReadAt(ReportFixtures.kvHistory(50_000, 1, false, 11, 0), 0.6));
    assertThat(h.size()).isGreaterThanOrEqualTo(100_000);
    RunDir run = ReportFixtures.storeRun(dir, h);
    Map<String, Object> d = ReportData.ofRun(run);

    Map<String, Object> key =
        ((List<Map<String, Object>>) ((Map<String, Object>) d.get("lin")).get("keys")).get(0);
    assertThat(key.get("verdict")).isEqualTo("invalid");
    List<List<Object>> ops = (List<List<Object>>) key.get("ops");
    assertThat(ops).hasSize(KeyTimelines.Limits.DEFAULT.opsPerKey());
    assertThat((Map<String, Object>) key.get("shown")).containsEntry("of", 50_000);
    Object failing = ((Map<String, Object>) key.get("failure")).get("index");
    assertThat(ops).anyMatch(o -> o.get(7).equals(failing));

    Map<String, Object> perf = (Map<String, Object>) d.get("perf");
    assertThat(((Map<String, Object>) perf.get("points")).get("shown"))
        .isEqualTo(Performance.MAX_POINTS);
    assertThat(((List<Map<String, Object>>) perf.get("rates")).get(0).get("rate"))
        .satisfies(r -> assertThat(((double[]) r).length).isBetween(16, 41));

    long bytes = Files.size(ReportWriter.write(run));
    assertThat(bytes).isLessThan(4_000_000);
  }
}
