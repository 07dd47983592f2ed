package io.faultline.harness.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report shades the fault families that the run stored in its results, and Jepsen's for anything else; it
 * carries a unique-element checker's findings (lost elements with their acknowledgement times) to the page.
 */
class ReportDataTest {
  @TempDir Path dir;

  @Test
  void theFamiliesARunStoredInItsResultsComeBackAsTheyWere() throws Exception {
    FaultFamily disk =
        new FaultFamily("disk", Set.of("power-loss", "corrupt"), Set.of("start"), "#B0A0E9");
    Path results = dir.resolve("results.json");
    Json.write(results, Map.of("valid", true, "faultFamilies", List.of(disk)));

    assertThat(ReportData.families(ReportData.readMap(results))).containsExactly(disk);
    assertThat(Files.readString(results)).contains("\"power-loss\"", "#B0A0E9");
  }

  @Test
  void resultsWithoutFamiliesFallBackToJepsensNames() {
    assertThat(ReportData.families(Map.of("valid", true))).isEqualTo(JepsenFamilies.FAMILIES);
    assertThat(ReportData.families(null)).isEqualTo(JepsenFamilies.FAMILIES);
  }

  @Test
  void everyCheckOfTheResultsIsARowWithItsVerdictItsCountsAndItsError() {
    Map<String, Object> results = new java.util.LinkedHashMap<>();
    results.put("valid", false);
    results.put("counts", Map.of("ok", 3));
    results.put("linearizability", Map.of("valid", true, "time-ms", 12));
    results.put(
        "durableAcks",
        Map.of(
            "valid",
            false,
            "acknowledged",
            40,
            "lost",
            List.of(Map.of("index", 12)),
            "error",
            "1 acknowledged writes are not in the log of a majority"));
    results.put("replicaAgreement", Map.of("valid", true, "skipped", "turned off"));

    List<Map<String, Object>> rows = ReportData.checks(results);

    assertThat(rows)
        .extracting(r -> r.get("name"))
        .containsExactly("linearizability", "durableAcks", "replicaAgreement");
    assertThat(rows.get(0)).containsEntry("verdict", "valid").containsEntry("counts", Map.of());
    assertThat(rows.get(1))
        .containsEntry("verdict", "invalid")
        .containsEntry("counts", Map.of("acknowledged", 40, "lost", 1))
        .containsEntry("note", "1 acknowledged writes are not in the log of a majority");
    assertThat(rows.get(2)).containsEntry("note", "turned off");
  }

  @Test
  void aQueueCheckersLostElementsComeWithTheirAcknowledgementTimes() {
    Map<String, Object> queue =
        Map.of(
            "lost-count", 2,
            "lost", List.of(4L, 9L),
            "lost-acked-at", List.of(List.of(4L, 1_000L), List.of(9L, 2_000L)),
            "divergent", Map.of(),
            "read-lengths", Map.of("n1", 7),
            "model", "ignored");
    Map<String, Object> e = ReportData.elements(queue);
    assertThat(e.get("counts")).isEqualTo(Map.of("lost-count", 2));
    assertThat(e.get("lost")).isEqualTo(List.of(List.of(4L, 1_000L), List.of(9L, 2_000L)));
    assertThat(e).containsEntry("ackTimes", true).containsEntry("read-lengths", Map.of("n1", 7));
    assertThat(ReportData.elements(Map.of("model", "cas-register"))).isNull();
    assertThat(ReportData.elements(null)).isNull();
  }
}
