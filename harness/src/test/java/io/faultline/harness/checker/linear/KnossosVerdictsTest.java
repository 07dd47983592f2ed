package io.faultline.harness.checker.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.Models;
import io.faultline.harness.history.History;
import io.faultline.harness.history.codec.Edn;
import io.faultline.harness.history.codec.HistoryFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every history of the Knossos corpus ({@code shared/corpus/knossos}, verdicts in its {@code EXPECTED.tsv}) gets the
 * verdict Knossos gives it.
 */
class KnossosVerdictsTest {

  /** The corpus folder: {@code ../shared/corpus/knossos} beside the repository root. */
  static Path corpus() {
    String root = System.getProperty("faultline.root", ".");
    return Path.of(root)
        .toAbsolutePath()
        .normalize()
        .resolveSibling("shared")
        .resolve("corpus")
        .resolve("knossos");
  }

  static Stream<Arguments> expectations() throws IOException {
    Path expected = corpus().resolve("EXPECTED.tsv");
    Assumptions.assumeTrue(
        Files.isRegularFile(expected), "the Knossos corpus is not at " + expected);
    List<String> lines = Files.readAllLines(expected);
    return lines.stream()
        .skip(1)
        .filter(l -> !l.isBlank())
        .map(l -> l.split("\t"))
        .map(c -> Arguments.of(c[0], c[1], c[2], c[3]));
  }

  @Test
  void theCorpusHasAllItsHistories() throws IOException {
    assertThat(expectations().count()).isEqualTo(122);
  }

  @ParameterizedTest(name = "{0} is {3}")
  @MethodSource("expectations")
  void knossosVerdict(String path, String model, String init, String expected) throws IOException {
    History history = HistoryFormat.EDN.read(corpus().resolve(path));
    LinearizabilityOptions options =
        LinearizabilityOptions.defaults().withTimeout(Duration.ofSeconds(60));
    LinearizabilityResult result =
        new LinearizabilityChecker(Models.create(model, Edn.parse(init)), options).check(history);
    assertThat(result.verdict())
        .as("%s: %s", path, result.toJson().get("cause"))
        .isEqualTo(expected.equals("valid") ? Verdict.VALID : Verdict.INVALID);
  }
}
