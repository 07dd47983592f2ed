package io.faultline.harness.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading JMH's JSON, and one-line errors for files that are not. */
class JmhJsonTest {
  @TempDir Path dir;

  private Path write(String content) throws IOException {
    return Files.writeString(dir.resolve("run.json"), content);
  }

  @Test
  void readsTheScoreErrorUnitAndParametersOfEachResult() throws IOException {
    Path f =
        write(
            JmhFiles.array(
                JmhFiles.result(
                    "a.B.write",
                    "thrpt",
                    Map.of("clients", "64", "valueSize", "16"),
                    1234.5,
                    12.5,
                    "ops/s"),
                JmhFiles.result("a.B.read", "ss", Map.of(), 2.0, Double.NaN, "s/op")));
    List<JmhResult> rs = JmhJson.read(f);
    assertThat(rs).hasSize(2);
    assertThat(rs.get(0).params())
        .containsExactly(Map.entry("clients", "64"), Map.entry("valueSize", "16"));
    assertThat(rs.get(0).score()).isEqualTo(1234.5);
    assertThat(rs.get(0).error()).isEqualTo(12.5);
    assertThat(rs.get(0).unit()).isEqualTo("ops/s");
    assertThat(rs.get(0).shortName()).isEqualTo("B.write clients=64,valueSize=16");
    assertThat(rs.get(1).error()).isNaN();
  }

  @Test
  void readsThePercentilesOfSampleTime() throws IOException {
    Path f =
        write(
            """
        [{"benchmark":"a.L.write","mode":"sample","params":{"store":"raft"},
          "primaryMetric":{"score":0.61,"scoreError":0.01,"scoreUnit":"ms/op",
            "scorePercentiles":{"0.0":0.4,"50.0":0.58,"90.0":0.7,"99.0":1.1,"99.9":2.5,"100.0":9.0}}}]
        """);
    JmhResult r = JmhJson.read(f).get(0);
    assertThat(r.percentiles()).containsEntry(50.0, 0.58).containsEntry(99.9, 2.5);
    assertThat(BenchTables.text(BenchTables.runCells(List.of(r)))).contains("0.58").contains("2.5");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> JmhJson.read(dir.resolve("nope.json")))
        .isInstanceOf(BenchInputException.class)
        .hasMessageEndingWith("nope.json: no such file");
  }

  @Test
  void filesThatAreNotJmhJsonSayWhatIsWrongInOneLine() throws IOException {
    assertThatThrownBy(() -> JmhJson.read(write("{\"benchmark\": ")))
        .hasMessageContaining("not JSON (line 1")
        .hasMessageNotContaining("\n");
    assertThatThrownBy(() -> JmhJson.read(write("{\"benchmark\": \"x\"}")))
        .hasMessageContaining("not JMH JSON");
    assertThatThrownBy(() -> JmhJson.read(write("[{\"op\": \"read\"}]")))
        .hasMessageContaining("result 1: no \"benchmark\" string");
    assertThatThrownBy(
            () -> JmhJson.read(write("[{\"benchmark\": \"a.B.c\", \"mode\": \"thrpt\"}]")))
        .hasMessageContaining("(a.B.c): no primaryMetric");
    assertThatThrownBy(() -> JmhJson.read(write("[]")))
        .hasMessageContaining("holds no benchmark results");
    assertThatThrownBy(() -> JmhJson.read(write("")))
        .isInstanceOf(BenchInputException.class)
        .hasMessageNotContaining("\n");
  }

  @Test
  void readsARealRunOfJmh137() throws Exception {
    Path real = Path.of(JmhJsonTest.class.getResource("/jmh/run.json").toURI());
    List<JmhResult> rs = JmhJson.read(real);
    assertThat(rs).extracting(JmhResult::mode).containsExactly("thrpt", "sample", "ss");
    assertThat(rs.get(1).unit()).isEqualTo("us/op");
    assertThat(rs.get(1).percentiles()).containsKeys(50.0, 90.0, 99.0, 99.9);
    assertThat(Comparison.of(rs, rs, 0.1).rows())
        .allMatch(r -> r.verdict() == Comparison.Verdict.SAME);
  }
}
