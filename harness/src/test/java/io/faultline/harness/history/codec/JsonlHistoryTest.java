package io.faultline.harness.history.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Keyword;
import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.history.Op;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonlHistoryTest {
  @TempDir Path dir;

  private static final String INVOKE_READ =
      "{\"index\":0,\"time\":5,\"type\":\"invoke\",\"process\":0,\"f\":\"read\","
          + "\"value\":null}";

  /** A small history with a bit of everything JSON can carry. */
  static History sample() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("x", 1L);
    map.put("y", Arrays.asList(null, 2.5d, "s", true));
    return History.of(
        Op.invoke(0, "write", 3L).withTime(1),
        Op.invoke(1, "read", null).withTime(2).withNode("n1"),
        Op.ok(0, "write", 3L).withTime(3_000_000_000_000L),
        new Op(-1, 4, Op.Type.INFO, Op.NEMESIS, "start", "partition [n1] [n2 n3]", null, null),
        Op.ok(1, "read", 3L).withTime(5),
        Op.invoke(2, "cas", List.of(3L, 4L)).withTime(6),
        Op.fail(2, "cas", List.of(3L, 4L)).withTime(7).withError("compare failed"),
        Op.invoke(3, "txn", List.of(map, List.of())).withTime(8),
        Op.info(3, "txn", List.of(map, List.of())).withTime(9).withError(Map.of("timeout", 1000L)));
  }

  private Path file(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  @Test
  void a_history_written_as_jsonl_reads_back_equal() throws Exception {
    Path p = dir.resolve("history.jsonl");
    HistoryFormat.JSONL.write(sample(), p);

    History back = HistoryFormat.JSONL.read(p);

    assertThat(back).isEqualTo(sample());
    assertThat(back.get(3).isNemesis()).isTrue();
    assertThat(back.get(2).time()).isEqualTo(3_000_000_000_000L);
  }

  @Test
  void each_op_is_one_line_in_the_documented_shape() throws Exception {
    Path p = dir.resolve("history.jsonl");
    HistoryFormat.JSONL.write(sample(), p);

    List<String> lines = Files.readAllLines(p);

    assertThat(lines).hasSize(sample().size());
    assertThat(lines.get(0))
        .isEqualTo(
            "{\"index\":0,\"time\":1,\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":3}");
    assertThat(lines.get(1)).endsWith(",\"value\":null,\"node\":\"n1\"}");
    assertThat(lines.get(3)).contains("\"process\":\"nemesis\"");
    assertThat(lines.get(6)).endsWith("\"value\":[3,4],\"error\":\"compare failed\"}");
    assertThat(Files.readString(p)).endsWith("}\n");
  }

  @Test
  void keywords_are_written_as_their_names() throws Exception {
    Op op =
        Op.invoke(
                0,
                "txn",
                List.of(List.of(Keyword.of("r"), Keyword.of("x"), Map.of(Keyword.of("k"), 1L))))
            .withError(Keyword.of("timeout"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonlHistoryWriter.write(History.of(op), out);

    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"index\":0,\"time\":-1,\"type\":\"invoke\",\"process\":0,\"f\":\"txn\",\"value\":[[\"r\",\"x\",{\"k\":1}]],"
                + "\"error\":\"timeout\"}\n");
    assertThat(OpJson.toMap(op))
        .containsEntry("error", "timeout")
        .containsEntry("value", List.of(List.of("r", "x", Map.of("k", 1L))));
  }

  @Test
  void integers_read_as_longs_and_fractions_as_doubles() {
    History h =
        JsonlHistoryReader.parse(
            "{\"type\":\"ok\",\"process\":7,\"f\":\"read\",\"value\":[1,2.0,-3,12345678901,"
                + "123456789012345678901234567890,{\"a\":[true,false,null]}]}\n");
    List<Object> v = new ArrayList<>();
    v.add(1L);
    v.add(2.0d);
    v.add(-3L);
    v.add(12345678901L);
    v.add(new BigInteger("123456789012345678901234567890"));
    v.add(Map.of("a", Arrays.asList(true, false, null)));
    assertThat(h.get(0).value()).isEqualTo(v);
    assertThat(h.get(0).value()).asList().first().isInstanceOf(Long.class);
    assertThat(h.get(0).time()).isEqualTo(-1);
    assertThat(((List<?>) h.get(0).value()).get(5)).isInstanceOf(LinkedHashMap.class);
  }

  @Test
  void positions_not_the_index_field_number_the_ops() {
    History h =
        JsonlHistoryReader.parse(
            "{\"index\":40,\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n"
                + "\n"
                + "{\"index\":7,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":1,\"extra\":{\"ignored\":1}}\n");
    assertThat(h.ops()).extracting(Op::index).containsExactly(0L, 1L);
    assertThat(h.get(0).value()).isNull();
  }

  @Test
  void a_key_field_makes_an_independent_tuple() {
    History h =
        JsonlHistoryReader.parse(
            "{\"type\":\"invoke\",\"process\":0,\"f\":\"append\",\"key\":\"1\",\"value\":\"x\"}\n"
                + "{\"type\":\"ok\",\"process\":0,\"f\":\"get\",\"key\":\"1\"}\n");
    assertThat(h.get(0).value()).isEqualTo(List.of("1", "x"));
    assertThat(h.get(1).value()).isEqualTo(Arrays.asList("1", null));
  }

  @Test
  void a_crashed_runs_file_loads_up_to_its_last_whole_line() throws Exception {
    String whole =
        INVOKE_READ + "\n" + INVOKE_READ.replace("\"process\":0", "\"process\":1") + "\n";
    Path p = file("crashed.jsonl", whole + "{\"index\":2,\"time\":9,\"type\":\"ok\",\"proc");

    History h = HistoryFormat.JSONL.read(p);

    assertThat(h.size()).isEqualTo(2);
    assertThat(h.get(1).process()).isEqualTo(1);
  }

  @Test
  void a_whole_last_line_without_a_line_break_is_kept() throws Exception {
    Path p = file("nonl.jsonl", INVOKE_READ + "\r\n" + INVOKE_READ.replace("invoke", "ok"));
    assertThat(HistoryFormat.JSONL.read(p).size()).isEqualTo(2);
  }

  @Test
  void a_broken_line_that_is_not_the_last_is_an_error() throws Exception {
    Path p = file("broken.jsonl", INVOKE_READ + "\n{\"type\":\"ok\",\"proc\n" + INVOKE_READ + "\n");
    assertThatThrownBy(() -> HistoryFormat.JSONL.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageStartingWith(p + ":2: not valid JSON")
        .satisfies(e -> assertThat(((MalformedHistoryException) e).line()).isEqualTo(2));
  }

  @Test
  void a_broken_last_line_that_ends_with_a_line_break_is_an_error() throws Exception {
    Path p = file("broken.jsonl", INVOKE_READ + "\n{\"type\":\"ok\",\"proc\n");
    assertThatThrownBy(() -> HistoryFormat.JSONL.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageStartingWith(p + ":2: not valid JSON");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "unknown type     | {\"type\":\"done\",\"process\":0,\"f\":\"read\"}"
            + " | field 'type': expected invoke, ok, fail or info, got \"done\"",
        "missing type     | {\"process\":0,\"f\":\"read\"} | missing field 'type'",
        "missing process  | {\"type\":\"ok\",\"f\":\"read\"} | missing field 'process'",
        "missing f        | {\"type\":\"ok\",\"process\":0} | missing field 'f'",
        "bad process      | {\"type\":\"ok\",\"process\":\"worker\",\"f\":\"read\"}"
            + " | field 'process': expected a non-negative integer or \"nemesis\", got \"worker\"",
        "negative process | {\"type\":\"ok\",\"process\":-1,\"f\":\"read\"}"
            + " | field 'process': expected a non-negative integer or \"nemesis\", got -1",
        "f not a string   | {\"type\":\"ok\",\"process\":0,\"f\":3} | field 'f': expected a string, got 3",
        "time not an int  | {\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"time\":\"soon\"}"
            + " | field 'time': expected an integer (nanoseconds), got \"soon\"",
        "node not a string| {\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"node\":[1]}"
            + " | field 'node': expected a string, got [1]",
        "not an object    | [1,2] | expected an op (a JSON object), got an array",
        "two objects      | {\"type\":\"ok\",\"process\":0,\"f\":\"r\"} {} | unexpected text after the op's closing '}'",
      })
  void a_malformed_line_gives_one_line_naming_file_line_and_problem(
      String why, String line, String problem) throws Exception {
    Path p =
        file(
            "bad.jsonl",
            INVOKE_READ + "\n" + INVOKE_READ.replace("invoke", "ok") + "\n" + line + "\n");
    assertThatThrownBy(() -> HistoryFormat.JSONL.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage(p + ":3: " + problem)
        .hasMessageNotContaining("\n");
  }

  @Test
  void a_missing_file_is_a_one_line_error() {
    Path p = dir.resolve("nope.jsonl");
    assertThatThrownBy(() -> HistoryFormat.JSONL.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage(p + ": cannot read the file: no such file");
  }

  @Test
  void an_empty_file_is_an_empty_history() throws Exception {
    assertThat(HistoryFormat.JSONL.read(file("empty.jsonl", "")).isEmpty()).isTrue();
  }

  @Test
  void the_streaming_writer_leaves_a_loadable_file_after_each_flush() throws Exception {
    Path p = dir.resolve("history.jsonl");
    try (JsonlHistoryWriter w = JsonlHistoryWriter.open(p)) {
      w.append(Op.invoke(0, "read", null).withTime(1));
      w.flush();
      assertThat(HistoryFormat.JSONL.read(p).ops()).hasSize(1);

      w.append(Op.ok(0, "read", 5L).withTime(2));
      w.append(Op.invoke(0, "write", 6L).withTime(3));
      w.flush();
      History h = HistoryFormat.JSONL.read(p);
      assertThat(h.ops()).extracting(Op::f).containsExactly("read", "read", "write");
      assertThat(w.count()).isEqualTo(3);
    }
    assertThat(Files.readAllLines(p)).hasSize(3);
  }

  @Test
  void a_map_of_the_json_shape_reads_back_as_the_op() {
    for (Op op : sample().ops()) {
      Map<String, Object> m = OpJson.toMap(op);
      @SuppressWarnings("unchecked")
      Map<String, Object> parsed = (Map<String, Object>) OpJson.parseValue(OpJson.toJsonString(m));
      assertThat(OpJson.fromMap(parsed)).isEqualTo(op);
      assertThat(JsonlHistoryReader.parseLine(OpJson.toJsonString(m)).withIndex(op.index()))
          .isEqualTo(op);
    }
  }

  @Test
  void unicode_survives_the_round_trip() throws Exception {
    History h = History.of(Op.invoke(0, "write", "héllo ✓ 日本"), Op.ok(0, "write", "héllo ✓ 日本"));
    Path p = dir.resolve("u.jsonl");
    HistoryFormat.JSONL.write(h, p);
    assertThat(HistoryFormat.JSONL.read(p)).isEqualTo(h);
  }

  @Test
  void lines_longer_than_the_read_buffer_and_blank_lines_keep_line_numbers_right()
      throws Exception {
    String big = "x".repeat(300_000);
    Path p =
        file(
            "long.jsonl",
            "\n"
                + INVOKE_READ.replace("null", "\"" + big + "\"")
                + "\n\n"
                + INVOKE_READ
                + "\n{\"type\":\"ok\"}\n");
    assertThatThrownBy(() -> HistoryFormat.JSONL.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage(p + ":5: missing field 'process'");
    Files.writeString(
        p, "\n" + INVOKE_READ.replace("null", "\"" + big + "\"") + "\n\n" + INVOKE_READ + "\n");
    History h = HistoryFormat.JSONL.read(p);
    assertThat(h.get(0).value()).isEqualTo(big);
    assertThat(h.size()).isEqualTo(2);
  }

  @Test
  void appends_from_several_threads_each_make_whole_lines() throws Exception {
    Path p = dir.resolve("threads.jsonl");
    try (JsonlHistoryWriter w = JsonlHistoryWriter.open(p)) {
      Thread[] threads = new Thread[4];
      for (int t = 0; t < threads.length; t++) {
        int process = t;
        threads[t] =
            new Thread(
                () -> {
                  try {
                    for (int i = 0; i < 500; i++) {
                      w.append(Op.invoke(process, "write", (long) i));
                      w.append(Op.ok(process, "write", (long) i));
                    }
                  } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                  }
                });
        threads[t].start();
      }
      for (Thread t : threads) {
        t.join();
      }
    }
    History h = HistoryFormat.JSONL.read(p);
    assertThat(h.size()).isEqualTo(4000);
    assertThat(h.pairs()).doesNotContain(-1);
  }
}
