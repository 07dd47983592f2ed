package io.faultline.harness.history.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Keyword;
import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.history.Op;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EdnHistoryTest {
  @TempDir Path dir;

  private static Keyword kw(String name) {
    return Keyword.of(name);
  }

  private Path file(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void reads_a_knossos_style_vector_with_a_header_comment() {
    History h =
        EdnHistoryCodec.parse(
            """
        ; A subset of a longer history
        [{:process 4, :type :invoke, :f :read, :value nil}
         {:process 4, :type :ok, :f :read, :value 3}
         ; a comment between ops
         {:process 5, :type :invoke, :f :cas, :value [3 1], :time 99286665244}
         {:process 5, :type :fail, :f :cas, :value [3 1], :error [:temporarily-unavailable nil]}]
        """);

    assertThat(h.ops())
        .extracting(Op::type)
        .containsExactly(Op.Type.INVOKE, Op.Type.OK, Op.Type.INVOKE, Op.Type.FAIL);
    assertThat(h.get(0).value()).isNull();
    assertThat(h.get(1).value()).isEqualTo(3L);
    assertThat(h.get(2).f()).isEqualTo("cas");
    assertThat(h.get(2).value()).isEqualTo(List.of(3L, 1L));
    assertThat(h.get(2).time()).isEqualTo(99286665244L);
    assertThat(h.get(0).time()).isEqualTo(-1);
    assertThat(h.get(3).error()).isEqualTo(Arrays.asList(kw("temporarily-unavailable"), null));
  }

  @Test
  void reads_a_list_with_multi_line_op_maps_nemesis_ops_and_no_values() {
    History h =
        EdnHistoryCodec.parse(
            """
        ({:type :invoke, :f :acquire, :process 1, :time 341187643, :index 0}
         {:process :nemesis,
          :type :info,
          :f :start,
          :value
          "Cut off {:n2 #{:n3}}"}
         {:type :ok, :f :acquire, :process 1, :time 12, :index 1})
        """);

    assertThat(h.size()).isEqualTo(3);
    assertThat(h.get(0).value()).isNull();
    assertThat(h.get(1).isNemesis()).isTrue();
    assertThat(h.get(1).value()).isEqualTo("Cut off {:n2 #{:n3}}");
    assertThat(h.ops()).extracting(Op::index).containsExactly(0L, 1L, 2L);
    assertThat(h.get(2).time()).as("times out of order are kept as they are").isEqualTo(12L);
  }

  @Test
  void reads_6824_style_op_maps_one_per_line_with_keys() {
    History h =
        EdnHistoryCodec.parse(
            """
        {:process 0, :type :invoke, :f :append, :key "1", :value "x"}
        {:process 1, :type :invoke, :f :get, :key "1", :value nil}
        {:process 0, :type :ok, :f :append, :key "1", :value "x"}
        {:process 1, :type :ok, :f :get, :key "1", :value "x"}
        """);

    assertThat(h.get(0).value()).isEqualTo(List.of("1", "x"));
    assertThat(h.get(1).value()).isEqualTo(Arrays.asList("1", null));
    assertThat(h.get(3).value()).isEqualTo(List.of("1", "x"));
    assertThat(h.ops()).extracting(Op::f).containsExactly("append", "get", "append", "get");
  }

  @Test
  void accepts_record_literals_and_string_fs() {
    History h =
        EdnHistoryCodec.parse(
            """
        [#jepsen.history.Op{:index 0, :time 1, :type :invoke, :process 0, :f "read", :value nil}
         #jepsen.history.Op{:index 1, :time 2, :type :ok, :process 0, :f "read", :value 1}]
        """);
    assertThat(h.get(1)).isEqualTo(Op.ok(0, "read", 1L).withTime(2).withIndex(1));
  }

  /** Everything EDN can say about an op. */
  static History rich() {
    Map<Object, Object> state = new LinkedHashMap<>();
    state.put(kw("x"), 0L);
    state.put(kw("y"), List.of("a", 1.5d));
    return History.of(
        Op.invoke(
                0,
                "txn",
                List.of(
                    Arrays.asList(kw("read"), kw("x"), null), List.of(kw("write"), kw("y"), 3L)))
            .withTime(5_000_000_000_000L),
        new Op(-1, 6, Op.Type.INFO, Op.NEMESIS, "start", Set.of(kw("n1")), null, null),
        Op.ok(0, "txn", List.of(state)).withTime(7).withNode("n2"),
        Op.invoke(1, "cas", List.of(1L, 2L)),
        Op.fail(1, "cas", List.of(1L, 2L)).withError(kw("not-found")),
        Op.invoke(2, "read", null),
        Op.info(2, "read", null).withError("timed out \"badly\"\n"),
        Op.invoke(3, "odd f name", 'c'));
  }

  @Test
  void a_history_written_as_edn_reads_back_equal_keywords_included() throws Exception {
    Path p = dir.resolve("h.edn");
    HistoryFormat.EDN.write(rich(), p);

    History back = HistoryFormat.EDN.read(p);

    assertThat(back).isEqualTo(rich());
    assertThat(((List<?>) ((List<?>) back.get(0).value()).get(0)).get(0)).isEqualTo(kw("read"));
  }

  @Test
  void edn_to_history_to_edn_is_stable() throws Exception {
    String first = EdnHistoryCodec.toString(rich());
    String second = EdnHistoryCodec.toString(EdnHistoryCodec.parse(first));
    assertThat(second).isEqualTo(first);
  }

  @Test
  void writes_a_vector_of_op_maps_one_per_line() {
    String edn =
        EdnHistoryCodec.toString(
            History.of(
                Op.invoke(0, "read", null).withTime(10),
                new Op(-1, -1, Op.Type.INFO, Op.NEMESIS, "kill", List.of("n1"), null, null),
                Op.ok(0, "read", kw("x"))));

    assertThat(edn)
        .isEqualTo(
            """
        [{:index 0, :time 10, :type :invoke, :process 0, :f :read, :value nil}
         {:index 1, :type :info, :process :nemesis, :f :kill, :value ["n1"]}
         {:index 2, :type :ok, :process 0, :f :read, :value :x}]
        """);
    assertThat(EdnHistoryCodec.toString(History.empty())).isEqualTo("[]\n");
  }

  @Test
  void a_json_round_trip_loses_only_what_json_cannot_say() throws Exception {
    Path p = dir.resolve("h.jsonl");
    HistoryFormat.JSONL.write(rich(), p);
    History back = HistoryFormat.JSONL.read(p);
    assertThat(back.get(0).value())
        .isEqualTo(List.of(Arrays.asList("read", "x", null), List.of("write", "y", 3L)));
    assertThat(back.get(4).error()).isEqualTo("not-found");
    assertThat(back.ops())
        .extracting(Op::type)
        .isEqualTo(rich().ops().stream().map(Op::type).toList());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "unknown type      | {:process 0, :type :done, :f :read}"
            + " | field 'type': expected invoke, ok, fail or info, got :done",
        "missing type      | {:process 0, :f :read} | missing field 'type'",
        "missing process   | {:type :ok, :f :read} | missing field 'process'",
        "missing f         | {:type :ok, :process 0} | missing field 'f'",
        "other process     | {:type :ok, :process :worker, :f :read}"
            + " | field 'process': expected a non-negative integer or :nemesis, got :worker",
        "string process    | {:type :ok, :process \"nemesis\", :f :read}"
            + " | field 'process': expected a non-negative integer or :nemesis, got \"nemesis\"",
        "huge process      | {:type :ok, :process 99999999999, :f :read}"
            + " | field 'process': expected a non-negative integer or :nemesis, got 99999999999",
        "time not integer  | {:type :ok, :process 0, :f :read, :time 1.5}"
            + " | field 'time': expected an integer (nanoseconds), got 1.5",
        "f a number        | {:type :ok, :process 0, :f 7} | field 'f': expected a keyword or a string, got 7",
        "not a map         | [:ok 0 :read] | expected an op map such as {:process 0, :type :invoke, :f :read,"
            + " :value nil}, got [:ok 0 :read]",
        "odd map           | {:type :ok, :process} | the map that starts at line 3 has a key with no value (:process)",
      })
  void a_malformed_op_gives_one_line_naming_file_line_and_problem(
      String why, String op, String problem) throws Exception {
    Path p =
        file(
            "bad.edn",
            "; header\n[{:process 0, :type :invoke, :f :read, :value nil}\n " + op + "\n]\n");
    assertThatThrownBy(() -> HistoryFormat.EDN.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage(p + ":3: " + problem);
  }

  @Test
  void a_syntax_error_names_its_line() throws Exception {
    Path p =
        file(
            "bad.edn",
            "[{:process 0, :type :invoke, :f :read}\n {:process 0, :type :ok, :f :read, :value @x}]");
    assertThatThrownBy(() -> HistoryFormat.EDN.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage(p + ":2: unsupported reader macro '@' (not EDN)");
  }

  @Test
  void an_unclosed_history_vector_is_an_error() throws Exception {
    Path p = file("bad.edn", "[{:process 0, :type :invoke, :f :read}\n");
    assertThatThrownBy(() -> HistoryFormat.EDN.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage(p + ":2: end of input inside the vector that starts at line 1 (missing ']')");
  }

  @Test
  void an_empty_or_comment_only_file_is_an_empty_history() throws Exception {
    assertThat(HistoryFormat.EDN.read(file("e.edn", "; nothing here\n")).isEmpty()).isTrue();
    assertThat(HistoryFormat.EDN.read(file("v.edn", "[]")).isEmpty()).isTrue();
  }
}
