package io.faultline.harness.history.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.History;
import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.history.Op;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HistoryFormatTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void formats_are_named_by_their_ids() {
    assertThat(HistoryFormat.byId("jsonl")).contains(HistoryFormat.JSONL);
    assertThat(HistoryFormat.byId("EDN")).contains(HistoryFormat.EDN);
    assertThat(HistoryFormat.byId("jepsen-log")).contains(HistoryFormat.JEPSEN_LOG);
    assertThat(HistoryFormat.byId("xml")).isEmpty();
    assertThat(HistoryFormat.byId(null)).isEmpty();
    assertThat(HistoryFormat.ids()).isEqualTo("jsonl, edn, jepsen-log");
    assertThat(HistoryFormat.EDN.id()).isEqualTo("edn");
  }

  @ParameterizedTest
  @CsvSource({
    "history.jsonl, JSONL",
    "h.JSON, JSONL",
    "knossos.edn, EDN",
    "history.txt, JEPSEN_LOG",
    "jepsen.log, JEPSEN_LOG"
  })
  void detects_by_extension_without_reading(String name, HistoryFormat expected) {
    assertThat(HistoryFormat.detect(dir.resolve(name))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "json object line     | {\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\\n | JSONL",
        "cut-short json line  | {\"index\":0,\"time\":5,\"ty | JSONL",
        "edn op map line      | {:process 0, :type :invoke, :f :append, :key \"1\", :value \"x\"}\\n | EDN",
        "edn map over lines   | {:process 0,\\n :type :invoke, :f :read}\\n | EDN",
        "vector after comment | ; header\\n\\n[{:process 4, :type :invoke, :f :read, :value nil}] | EDN",
        "list                 | ({:process 4, :type :invoke, :f :read}) | EDN",
        "history.txt          | 3\\t:invoke\\t:cas\\t[3 1]\\n | JEPSEN_LOG",
        "nemesis first        | :nemesis\\t:info\\t:start\\tnil\\n | JEPSEN_LOG",
        "console log          | INFO  jepsen.util - 3\\t:invoke\\t:cas\\t[3 1]\\n | JEPSEN_LOG",
        "empty                | `` | JSONL",
      })
  void sniffs_files_without_a_known_extension(String why, String content, HistoryFormat expected)
      throws Exception {
    Path p = file("history", content.replace("\\n", "\n").replace("\\t", "\t"));
    assertThat(HistoryFormat.detect(p)).isEqualTo(expected);
  }

  @Test
  void a_txt_file_of_edn_op_maps_is_edn_as_in_the_6824_lab_format() throws Exception {
    Path p =
        file(
            "c01-ok.txt",
            "{:process 0, :type :invoke, :f :put, :key \"3\", :value \"x 0 0 y\"}\n"
                + "{:process 0, :type :ok, :f :put, :key \"3\", :value \"x 0 0 y\"}\n");
    assertThat(HistoryFormat.detect(p)).isEqualTo(HistoryFormat.EDN);
    assertThat(HistoryFormat.detect(p).read(p).get(1).value())
        .isEqualTo(java.util.List.of("3", "x 0 0 y"));
    assertThat(
            HistoryFormat.detect(
                file("jsonl.log", "{\"type\":\"ok\",\"process\":0,\"f\":\"r\"}\n")))
        .isEqualTo(HistoryFormat.JSONL);
    assertThat(HistoryFormat.detect(file("empty.txt", ""))).isEqualTo(HistoryFormat.JEPSEN_LOG);
    assertThat(HistoryFormat.detect(file("prose.log", "Starting...\n")))
        .isEqualTo(HistoryFormat.JEPSEN_LOG);
  }

  @Test
  void an_unrecognisable_file_names_the_formats() throws Exception {
    Path p = file("mystery", "<xml/>\n");
    assertThatThrownBy(() -> HistoryFormat.detect(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageContaining("jsonl, edn, jepsen-log")
        .hasMessageStartingWith(p + ": ");
  }

  @Test
  void detected_formats_read_the_same_history() throws Exception {
    History h =
        History.of(
            Op.invoke(0, "read", null),
            Op.ok(0, "read", 1L),
            Op.invoke(1, "write", 2L),
            Op.info(1, "write", 2L));
    Path jsonl = dir.resolve("a");
    Path edn = dir.resolve("b");
    HistoryFormat.JSONL.write(h, jsonl);
    HistoryFormat.EDN.write(h, edn);
    Path txt =
        file(
            "c",
            "0\t:invoke\t:read\tnil\n0\t:ok\t:read\t1\n1\t:invoke\t:write\t2\n1\t:info\t:write\t2\n");

    for (Path p : new Path[] {jsonl, edn, txt}) {
      HistoryFormat f = HistoryFormat.detect(p);
      assertThat(f.read(p)).as(p + " as " + f).isEqualTo(h);
    }
    assertThat(HistoryFormat.detect(jsonl)).isEqualTo(HistoryFormat.JSONL);
    assertThat(HistoryFormat.detect(edn)).isEqualTo(HistoryFormat.EDN);
    assertThat(HistoryFormat.detect(txt)).isEqualTo(HistoryFormat.JEPSEN_LOG);
  }

  @Test
  void a_byte_order_mark_is_ignored_by_every_format() throws Exception {
    String bom = "\uFEFF";
    Path jsonl = file("bom.jsonl", bom + "{\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n");
    Path edn = file("bom.edn", bom + "[{:type :invoke, :process 0, :f :read}]\n");
    Path txt = file("bom.txt", bom + "0\t:invoke\t:read\tnil\n");
    Path sniffed = file("bom", bom + "[{:type :invoke, :process 0, :f :read}]\n");
    for (Path p : new Path[] {jsonl, edn, txt, sniffed}) {
      History h = HistoryFormat.detect(p).read(p);
      assertThat(h.ops()).as(p.toString()).containsExactly(Op.invoke(0, "read", null).withIndex(0));
    }
  }
}
