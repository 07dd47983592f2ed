package io.faultline.harness.checker.linear;

import static io.faultline.harness.history.Op.invoke;
import static io.faultline.harness.history.Op.ok;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Operation;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A history whose search would exhaust the heap ends unknown, with the memory guard's reason, in a JVM of its own
 * with a small heap, under each of the JVM's usual collectors: never with an {@link OutOfMemoryError}.
 */
class MemoryGuardTest {
  private static final int PENDING = 22;

  /**
   * A set of added numbers whose states each carry 2 KiB the memory budget does not know of ({@link
   * Model#stateBytes} keeps its default), so only the heap watch can see the heap fill.
   */
  record Fat(int added, long[] ballast) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Fat f && f.added == added;
    }

    @Override
    public int hashCode() {
      return added;
    }
  }

  static final class FatSet implements Model<Fat> {
    @Override
    public String name() {
      return "fat-set";
    }

    @Override
    public Fat init() {
      return new Fat(0, new long[0]);
    }

    @Override
    public boolean isReadOnly(String f) {
      return f.equals("read");
    }

    @Override
    public Fat step(Fat state, Operation op) {
      int v = ((Number) op.value()).intValue();
      if (op.f().equals("add")) {
        return new Fat(state.added | 1 << v, new long[256]);
      }
      return state.added == v ? state : null;
    }
  }

  /** {@value #PENDING} adds that never return, then a read of a set nobody made: every subset gets tried. */
  static List<Operation> everySubset() {
    List<Op> ops = new ArrayList<>();
    for (int p = 0; p < PENDING; p++) {
      ops.add(invoke(p, "add", p));
    }
    ops.add(invoke(100, "read", -1));
    ops.add(ok(100, "read", -1));
    return Operations.of(History.of(ops), new FatSet(), false);
  }

  /** In the forked JVM: searches {@link #everySubset()} and prints the verdict and the cause. */
  public static void main(String[] args) {
    SearchLimits limits = new SearchLimits(Long.MAX_VALUE, SearchLimits.freeHeapFraction(0.99));
    PartResult r = new PartSearch("k", new FatSet(), everySubset(), limits).toEnd();
    System.out.println("RESULT " + r.verdict() + " " + r.configurations() + " " + r.cause());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"-XX:+UseG1GC", "-XX:+UseSerialGC", "-XX:+UseParallelGC"})
  void aSearchThatWouldExhaustTheHeapEndsUnknownWithTheReason(String collector)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                collector,
                "-cp",
                System.getProperty("java.class.path"),
                MemoryGuardTest.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();

    assertThat(out).doesNotContain("OutOfMemoryError");
    assertThat(p.exitValue()).as(out).isZero();
    String result =
        Arrays.stream(out.split("\n")).filter(l -> l.startsWith("RESULT ")).findFirst().orElse("");
    assertThat(result)
        .as(out)
        .startsWith("RESULT UNKNOWN ")
        .contains(
            "memory guard: the heap or its old generation was 90% full after a garbage collection");
  }
}
