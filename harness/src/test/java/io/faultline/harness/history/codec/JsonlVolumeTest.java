package io.faultline.harness.history.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large histories stream through the JSON Lines codec. The default run uses 100,000 ops to stay fast on two cores;
 * {@code -Dfaultline.volume=1000000} runs the full million and prints the times (speed itself is measured with JMH,
 * not asserted here).
 */
class JsonlVolumeTest {
  @TempDir Path dir;

  static History generate(int n) {
    Op[] ops = new Op[n];
    int keys = 1000;
    for (int i = 0; i + 1 < n; i += 2) {
      int process = (i / 2) % 10;
      long key = (i / 2) % keys;
      String f = (i / 2) % 3 == 0 ? "write" : "read";
      Object value = List.of(key, (long) i);
      ops[i] = new Op(-1, 1_000L * i, Op.Type.INVOKE, process, f, value, null, null);
      ops[i + 1] =
          new Op(
              -1, 1_000L * i + 500, Op.Type.OK, process, f, value, null, "n" + (process % 5 + 1));
    }
    if (n % 2 == 1) {
      ops[n - 1] = new Op(-1, 1_000L * n, Op.Type.INFO, Op.NEMESIS, "start", null, null, null);
    }
    return History.of(List.of(ops));
  }

  @Test
  void a_large_history_round_trips() throws Exception {
    int n = Integer.getInteger("faultline.volume", 100_000);
    History h = generate(n);
    Path p = dir.resolve("big.jsonl");

    long t0 = System.nanoTime();
    HistoryFormat.JSONL.write(h, p);
    long t1 = System.nanoTime();
    History back = HistoryFormat.JSONL.read(p);
    long t2 = System.nanoTime();

    assertThat(back.size()).isEqualTo(n);
    assertThat(back.get(n - 1)).isEqualTo(h.get(n - 1));
    assertThat(back.get(n / 2)).isEqualTo(h.get(n / 2));
    if (n >= 1_000_000) {
      System.out.printf(
          "JSONL %d ops, %d MB: write %d ms, read %d ms%n",
          n, Files.size(p) >> 20, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }
  }

  @Test
  @EnabledIfSystemProperty(named = "faultline.volume", matches = "\\d{7,}")
  void repeated_reads_of_a_million_ops() throws Exception {
    History h = generate(1_000_000);
    Path p = dir.resolve("big.jsonl");
    HistoryFormat.JSONL.write(h, p);
    for (int i = 0; i < 5; i++) {
      long t0 = System.nanoTime();
      History back = HistoryFormat.JSONL.read(p);
      System.out.printf(
          "read %d ops in %d ms%n", back.size(), (System.nanoTime() - t0) / 1_000_000);
    }
    Path edn = dir.resolve("big.edn");
    HistoryFormat.EDN.write(h, edn);
    for (int i = 0; i < 3; i++) {
      long t0 = System.nanoTime();
      History back = HistoryFormat.EDN.read(edn);
      System.out.printf(
          "EDN read %d ops in %d ms%n", back.size(), (System.nanoTime() - t0) / 1_000_000);
    }
  }
}
