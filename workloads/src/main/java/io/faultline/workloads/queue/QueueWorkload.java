package io.faultline.workloads.queue;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.cluster.Backend;
import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Generators;
import io.faultline.harness.generator.Yield;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.Workload;
import io.faultline.workloads.keys.RotatingKeys;
import java.util.Arrays;
import java.util.List;

/**
 * A replicated stream's contract (at least once, one total order): during the faults, only {@code publish v} of
 * unique values (1, 2, 3, ...) to one stream; after healing, one {@code read [node nil]} per node, which reads the
 * whole stream as that node holds it. Checked by {@link QueueChecker}.
 */
public final class QueueWorkload implements Workload {

  @Override
  public String name() {
    return "queue";
  }

  @Override
  public Generator generator(TestSpec spec) {
    return new Publishes(1);
  }

  @Override
  public Generator finalGenerator(TestSpec spec, History history) {
    List<Generator> reads =
        Backend.names(spec.nodes()).stream()
            .map(n -> Generators.once("read", Arrays.asList(n, null)))
            .toList();
    return Generators.seq(reads);
  }

  @Override
  public Checker checker(TestSpec spec) {
    return new QueueChecker();
  }

  /** {@code publish v} with {@code v} counting up from {@code next}. Immutable. */
  record Publishes(long next) implements Generator {
    @Override
    public Yield op(Context ctx) {
      int thread = RotatingKeys.randomFreeClientThread(ctx, ctx.random());
      if (thread < 0) {
        return Yield.pending();
      }
      Op op =
          new Op(-1, ctx.time(), Op.Type.INVOKE, ctx.process(thread), "publish", next, null, null);
      return Yield.emit(op, new Publishes(next + 1));
    }
  }
}
