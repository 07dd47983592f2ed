package io.faultline.harness.history.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample files in {@code src/test/resources/histories/} hold one small register history in every format; each is
 * detected and read to the same ops.
 */
class SampleHistoriesTest {

  static Path sample(String name) throws Exception {
    return Paths.get(SampleHistoriesTest.class.getResource("/histories/" + name).toURI());
  }

  /** What every sample says, without times and nodes (the text formats carry neither). */
  static List<String> gist(History h) {
    return h.ops().stream()
        .map(
            op ->
                op.processName()
                    + " "
                    + op.type().jepsenName()
                    + " "
                    + op.f()
                    + " "
                    + Edn.write(op.value())
                    + (op.error() != null ? " " + Edn.write(op.error()) : ""))
        .toList();
  }

  static final List<String> REGISTER =
      List.of(
          "0 invoke write 1",
          "1 invoke read nil",
          "0 ok write 1",
          "nemesis info start \"isolated n1\"",
          "1 ok read 1",
          "0 invoke cas [1 2]",
          "0 fail cas [1 2] \"timeout\"");

  @ParameterizedTest
  @CsvSource({
    "register.jsonl, JSONL",
    "register.edn, EDN",
    "history.txt, JEPSEN_LOG",
    "console.log, JEPSEN_LOG"
  })
  void each_sample_is_detected_and_reads_the_same_register_history(
      String name, HistoryFormat format) throws Exception {
    Path p = sample(name);
    assertThat(HistoryFormat.detect(p)).isEqualTo(format);
    History h = format.read(p);
    assertThat(gist(h)).isEqualTo(REGISTER);
    assertThat(h.pairs()).containsExactly(2, 4, 0, -1, 1, 6, 5);
  }

  @Test
  void the_jsonl_and_edn_samples_are_equal_op_for_op() throws Exception {
    History jsonl = HistoryFormat.JSONL.read(sample("register.jsonl"));
    History edn = HistoryFormat.EDN.read(sample("register.edn"));
    assertThat(edn).isEqualTo(jsonl);
    assertThat(jsonl.get(4).node()).isEqualTo("n2");
    assertThat(jsonl.get(6).time()).isEqualTo(1900);
  }

  @Test
  void the_6824_kv_sample_reads_as_key_value_tuples() throws Exception {
    Path p = sample("kv-6824.txt");
    assertThat(HistoryFormat.detect(p)).isEqualTo(HistoryFormat.EDN);
    History h = HistoryFormat.detect(p).read(p);
    assertThat(h.ops())
        .extracting(Op::value)
        .containsExactly(
            List.of("a", "x 0 0 y"),
            java.util.Arrays.asList("a", null),
            List.of("a", "x 0 0 y"),
            List.of("a", "x 0 0 y"),
            List.of("b", "x 0 1 y"),
            List.of("b", "x 0 1 y"));
  }
}
