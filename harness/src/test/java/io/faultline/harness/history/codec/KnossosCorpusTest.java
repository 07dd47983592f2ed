package io.faultline.harness.history.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Keyword;
import io.faultline.harness.history.Op;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every history of the shared Knossos corpus ({@code ../shared/corpus/knossos}) reads, and reads the same twice. */
class KnossosCorpusTest {

  /** The corpus folder, or null if this checkout has none next to it. */
  static Path corpus() {
    String root = System.getProperty("faultline.root");
    if (root == null) {
      return null;
    }
    Path p = Paths.get(root).resolve("../shared/corpus/knossos").normalize();
    return Files.isDirectory(p.resolve("data")) ? p : null;
  }

  static List<Path> ednFiles(Path corpus) throws IOException {
    try (Stream<Path> s = Files.walk(corpus.resolve("data"))) {
      return s.filter(p -> p.toString().endsWith(".edn")).sorted().collect(Collectors.toList());
    }
  }

  private static void assumeCorpus(Path corpus) {
    assumeTrue(
        corpus != null,
        "the Knossos corpus is absent (expected at ${faultline.root}/../shared/corpus/knossos;"
            + " faultline.root="
            + System.getProperty("faultline.root")
            + ")");
  }

  @TestFactory
  Stream<DynamicTest> every_corpus_history_parses() throws IOException {
    Path corpus = corpus();
    assumeCorpus(corpus);
    return ednFiles(corpus).stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    corpus.resolve("data").relativize(file).toString(),
                    () -> {
                      assertThat(HistoryFormat.detect(file)).isEqualTo(HistoryFormat.EDN);
                      History h = HistoryFormat.EDN.read(file);
                      assertThat(h.size()).isPositive();
                      for (Op op : h.ops()) {
                        assertThat(op.isNemesis() || op.process() >= 0).isTrue();
                      }
                      // What we write reads back equal.
                      History again = EdnHistoryCodec.parse(EdnHistoryCodec.toString(h));
                      assertThat(again).isEqualTo(h);
                    }));
  }

  @Test
  void every_file_of_expected_tsv_is_there_and_the_corpus_has_122() throws IOException {
    Path corpus = corpus();
    assumeCorpus(corpus);
    List<String> rows =
        Files.readAllLines(corpus.resolve("EXPECTED.tsv")).stream()
            .skip(1)
            .filter(l -> !l.isBlank())
            .collect(Collectors.toList());
    assertThat(rows).hasSize(122);
    assertThat(ednFiles(corpus)).hasSize(122);
    for (String row : rows) {
      assertThat(corpus.resolve(row.split("\t")[0])).isRegularFile();
    }
  }

  @Test
  void the_nemesis_only_history_reads_as_nemesis_ops() throws IOException {
    Path corpus = corpus();
    assumeCorpus(corpus);
    History h =
        HistoryFormat.EDN.read(
            corpus.resolve("data/cas-register/good/mongodb-v0-ack-rollback-.edn"));
    assertThat(h.ops()).isNotEmpty().allMatch(Op::isNemesis);
    assertThat(h.clientOps().isEmpty()).isTrue();
  }

  @Test
  void the_multi_register_history_keeps_its_keyword_transactions() throws IOException {
    Path corpus = corpus();
    assumeCorpus(corpus);
    History h =
        HistoryFormat.EDN.read(corpus.resolve("data/multi-register/good/multi-register.edn"));
    Op first = h.get(0);
    assertThat(first.f()).isEqualTo("txn");
    List<?> txn = (List<?>) first.value();
    assertThat((List<?>) txn.get(0)).first().isEqualTo(Keyword.of("read"));
  }

  @Test
  void times_beyond_32_bits_are_kept() throws IOException {
    Path corpus = corpus();
    assumeCorpus(corpus);
    History h = HistoryFormat.EDN.read(corpus.resolve("data/cas-register/bad/rethink-fail.edn"));
    assertThat(h.get(0).time()).isEqualTo(99286665244L);
  }
}
