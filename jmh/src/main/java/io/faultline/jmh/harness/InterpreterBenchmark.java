package io.faultline.jmh.harness;

import static io.faultline.harness.generator.Generators.clients;
import static io.faultline.harness.generator.Generators.fn;
import static io.faultline.harness.generator.Generators.invoke;
import static io.faultline.harness.generator.Generators.limit;
import static io.faultline.harness.generator.Generators.mix;
import static io.faultline.harness.generator.Generators.repeat;

import io.faultline.harness.generator.Generator;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.runner.interpreter.HistorySink;
import io.faultline.harness.runner.interpreter.Interpreter;
import io.faultline.harness.spi.NoopClient;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Operations per second through the interpreter against a {@link NoopClient}: a random mix of reads and writes from
 * {@code threads} client threads, every op recorded to the history, to a sink and to the latency recorders. One
 * benchmark operation is one client operation (an invocation and its completion). The bar is 50,000 ops/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g"})
public class InterpreterBenchmark {
  private static final int OPS = 100_000;

  @Param({"10"})
  public int threads;

  /** Counts what it receives, so that recording is not optimised away; a file sink would add its own cost. */
  static final class CountingSink implements HistorySink {
    long appended;

    @Override
    public void append(Op op) {
      appended++;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  @Benchmark
  @OperationsPerInvocation(OPS)
  public void noopClient(Blackhole bh) throws InterruptedException {
    CountingSink sink = new CountingSink();
    Generator g =
        clients(
            limit(
                OPS,
                mix(
                    repeat(invoke("read", null)),
                    fn(ctx -> invoke("write", (long) ctx.random().nextInt(5))))));
    History h = Interpreter.builder(threads).client(NoopClient.INSTANCE).sink(sink).build().run(g);
    if (h.size() != 2 * OPS || sink.appended != 2L * OPS) {
      throw new IllegalStateException("expected " + 2 * OPS + " ops, recorded " + h.size());
    }
    bh.consume(h);
  }
}
