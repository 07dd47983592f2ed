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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JepsenLogReaderTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, content, StandardCharsets.UTF_8);
    return p;
  }

  private static final List<Op> EXPECTED =
      List.of(
          Op.invoke(3, "cas", List.of(3L, 1L)).withIndex(0),
          Op.invoke(1, "read", null).withIndex(1),
          new Op(2, -1, Op.Type.INFO, Op.NEMESIS, "start", null, null, null),
          Op.fail(3, "cas", List.of(3L, 1L)).withIndex(3),
          Op.ok(1, "read", 3L).withIndex(4),
          new Op(5, -1, Op.Type.INFO, Op.NEMESIS, "stop", "fully connected", null, null));

  @Test
  void reads_history_txt_with_tabs() throws Exception {
    Path p =
        file(
            "history.txt",
            """
        3\t:invoke\t:cas\t[3 1]
        1\t:invoke\t:read\tnil
        :nemesis\t:info\t:start\tnil
        3\t:fail\t:cas\t[3 1]
        1\t:ok\t:read\t3
        :nemesis\t:info\t:stop\t"fully connected"
        """);
    assertThat(HistoryFormat.JEPSEN_LOG.read(p).ops()).isEqualTo(EXPECTED);
  }

  @Test
  void reads_history_txt_with_spaces() throws Exception {
    Path p =
        file(
            "history.txt",
            """
        3 :invoke :cas [3 1]
        1  :invoke  :read  nil
        :nemesis :info :start
        3 :fail :cas [3 1]
        1 :ok :read 3
        :nemesis :info :stop "fully connected"
        """);
    assertThat(HistoryFormat.JEPSEN_LOG.read(p).ops()).isEqualTo(EXPECTED);
  }

  @Test
  void reads_a_console_log_skipping_other_loggers_and_stack_traces() throws Exception {
    Path p =
        file(
            "jepsen.log",
            """
        INFO  jepsen.core - Running test
        INFO  jepsen.util - 3\t:invoke\t:cas\t[3 1]
        INFO  jepsen.util - 1\t:invoke\t:read\tnil
        INFO  jepsen.util - :nemesis\t:info\t:start\tnil
        WARN  jepsen.core - Process 3 crashed
        java.net.SocketTimeoutException: Read timed out
        \tat java.net.SocketInputStream.socketRead0(Native Method)
        \tat clojure.core$apply.invoke(core.clj:630)
        INFO  jepsen.util - 3\t:fail\t:cas\t[3 1]
        INFO  jepsen.util - 1 :ok :read 3
        INFO  jepsen.util - Waiting for recovery
        INFO  jepsen.util - :nemesis :info :stop "fully connected"
        """);
    assertThat(HistoryFormat.JEPSEN_LOG.read(p).ops()).isEqualTo(EXPECTED);
  }

  @Test
  void reads_timestamped_console_log_lines_of_newer_jepsen() throws Exception {
    Path p =
        file(
            "jepsen.log",
            """
        INFO [2017-03-08 14:14:51,380] jepsen worker 3 - jepsen.util 3\t:invoke\t:cas\t[3 1]
        INFO [2017-03-08 14:14:51,381] jepsen worker 1 - jepsen.util 1\t:invoke\t:read\tnil
        INFO [2017-03-08 14:14:51,390] jepsen nemesis - jepsen.util :nemesis\t:info\t:start\tnil
        INFO [2017-03-08 14:14:51,400] jepsen worker 3 - jepsen.util 3\t:fail\t:cas\t[3 1]
        INFO [2017-03-08 14:14:51,401] jepsen worker 1 - jepsen.util 1\t:ok\t:read\t3
        INFO [2017-03-08 14:14:52,000] jepsen nemesis - jepsen.util :nemesis\t:info\t:stop\t"fully connected"
        INFO [2017-03-08 14:14:53,000] main - jepsen.core Everything looks good! ヽ('ー`)ノ
        """);
    assertThat(HistoryFormat.JEPSEN_LOG.read(p).ops()).isEqualTo(EXPECTED);
  }

  @Test
  void a_value_that_is_not_edn_is_kept_as_text_and_a_tab_separates_the_error() {
    History h =
        JepsenLogReader.parse(
            """
        :nemesis\t:info\t:start\tCut off {:n1 #{:n2 :n3}, :n2 #{:n1}}
        4\t:invoke\t:write\t2
        4\t:info\t:write\t2\t:timeout
        5\t:invoke\t:read\t
        5\t:fail\t:read\tnil\tindeterminate: Read timed out
        6\t:invoke\t:txn\t[[:r :x nil]]
        """);
    assertThat(h.get(0).value()).isEqualTo("Cut off {:n1 #{:n2 :n3}, :n2 #{:n1}}");
    assertThat(h.get(2).value()).isEqualTo(2L);
    assertThat(h.get(2).error()).isEqualTo(Keyword.of("timeout"));
    assertThat(h.get(3).value()).isNull();
    assertThat(h.get(4).error()).isEqualTo("indeterminate: Read timed out");
    assertThat(((List<?>) ((List<?>) h.get(5).value()).get(0)).get(0)).isEqualTo(Keyword.of("r"));
    assertThat(h.ops()).allMatch(op -> op.time() == -1);
  }

  @Test
  void porcupine_etcd_logs_keep_timed_out_as_the_info_value() {
    History h =
        JepsenLogReader.parse(
            """
        INFO  jepsen.util - 4\t:invoke\t:write\t3
        INFO  jepsen.util - 4\t:info\t:write\t:timed-out
        INFO  jepsen.util - 9\t:invoke\t:cas\t[1 1]
        """);
    assertThat(h.get(1).value()).isEqualTo(Keyword.of("timed-out"));
    assertThat(h.get(1).type()).isEqualTo(Op.Type.INFO);
    assertThat(h.get(2).process()).isEqualTo(9);
  }

  @Test
  void a_broken_history_line_is_an_error_with_its_line() throws Exception {
    Path p = file("history.txt", "3\t:invoke\t:cas\t[3 1]\n3\t:done\t:cas\t[3 1]\n");
    assertThatThrownBy(() -> HistoryFormat.JEPSEN_LOG.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage(p + ":2: field 'type': expected :invoke, :ok, :fail or :info, got :done");
  }

  @Test
  void a_history_line_without_f_is_an_error() throws Exception {
    Path p = file("jepsen.log", "INFO  jepsen.core - start\nINFO  jepsen.util - 3 :invoke\n");
    assertThatThrownBy(() -> HistoryFormat.JEPSEN_LOG.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessage(p + ":2: missing field 'f' after the type :invoke");
  }

  @Test
  void a_file_without_any_history_line_is_an_error() throws Exception {
    Path p = file("other.log", "INFO  jepsen.core - Running test\nINFO  jepsen.db - setting up\n");
    assertThatThrownBy(() -> HistoryFormat.JEPSEN_LOG.read(p))
        .isInstanceOf(MalformedHistoryException.class)
        .hasMessageStartingWith(p + ": no Jepsen history lines found");
  }

  @Test
  void the_format_cannot_be_written() {
    assertThatThrownBy(() -> HistoryFormat.JEPSEN_LOG.write(History.empty(), dir.resolve("x.txt")))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("read-only");
    assertThat(HistoryFormat.JEPSEN_LOG.writable()).isFalse();
  }
}
