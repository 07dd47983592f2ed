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

/** The report shades the fault families that the run stored in its results, and Jepsen's for anything else. */
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
}
