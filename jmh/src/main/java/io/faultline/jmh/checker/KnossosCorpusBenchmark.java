package io.faultline.jmh.checker;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Models;
import io.faultline.harness.history.History;
import io.faultline.harness.history.codec.Edn;
import io.faultline.harness.history.codec.HistoryFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to check stored histories of the Knossos corpus ({@code shared/corpus/knossos} beside the checkout), parsed
 * in setup: every history of a subfolder, or all 122. The checker must give each its known verdict, or setup fails.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class KnossosCorpusBenchmark {

  /** A folder under {@code data/} (e.g. {@code cas-register/bad}), or {@code all}. */
  @Param({"all", "cas-register/bad", "cas-register/good"})
  public String files;

  private final List<History> histories = new ArrayList<>();
  private final List<LinearizabilityChecker> checkers = new ArrayList<>();
  private int ops;

  @Setup(Level.Trial)
  public void load() throws IOException {
    Path corpus = corpus();
    for (String line : Files.readAllLines(corpus.resolve("EXPECTED.tsv")).subList(1, 123)) {
      String[] c = line.split("\t");
      if (!files.equals("all") && !c[0].startsWith("data/" + files + "/")) {
        continue;
      }
      History h = HistoryFormat.EDN.read(corpus.resolve(c[0]));
      Model<?> model = Models.create(c[1], Edn.parse(c[2]));
      LinearizabilityChecker checker = new LinearizabilityChecker(model);
      Verdict expected = c[3].equals("valid") ? Verdict.VALID : Verdict.INVALID;
      if (checker.check(h).verdict() != expected) {
        throw new IllegalStateException(c[0] + " should be " + expected);
      }
      histories.add(h);
      checkers.add(checker);
      ops += h.size();
    }
    System.out.println("[corpus] " + histories.size() + " histories, " + ops + " ops");
  }

  /** The corpus: {@code -Dfaultline.corpus}, else {@code ../shared/corpus/knossos} from the checkout. */
  static Path corpus() {
    String p = System.getProperty("faultline.corpus");
    if (p != null) {
      return Path.of(p);
    }
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path c = d.resolveSibling("shared").resolve("corpus").resolve("knossos");
      if (Files.isDirectory(d.resolve("system-under-test")) && Files.isDirectory(c)) {
        return c;
      }
    }
    throw new IllegalStateException("cannot find the Knossos corpus; set -Dfaultline.corpus");
  }

  /** Checks every history of the set; returns how many verdicts were valid. */
  @Benchmark
  public int checkAll() {
    int valid = 0;
    for (int i = 0; i < histories.size(); i++) {
      if (checkers.get(i).check(histories.get(i)).verdict() == Verdict.VALID) {
        valid++;
      }
    }
    return valid;
  }
}
