package io.faultline.workloads.set;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Yield;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.Workload;
import io.faultline.workloads.keys.FinalReads;
import io.faultline.workloads.keys.RotatingKeys;
import java.util.Arrays;

/**
 * Jepsen's set test: during the faults, only adds of unique elements (1, 2, 3, ...) spread over {@value #KEYS} keys;
 * after healing, one read of each whole set. Checked by {@link SetChecker}.
 */
public final class SetWorkload implements Workload {
  public static final int KEYS = 3;

  @Override
  public String name() {
    return "set";
  }

  @Override
  public Generator generator(TestSpec spec) {
    return new Adds(1);
  }

  @Override
  public Generator finalGenerator(TestSpec spec, History history) {
    return FinalReads.ofEveryKey(history);
  }

  @Override
  public Checker checker(TestSpec spec) {
    return new SetChecker();
  }

  /** {@code add [k e]} with {@code e} counting up from {@code next} and {@code k = e mod KEYS}. Immutable. */
  record Adds(long next) implements Generator {
    @Override
    public Yield op(Context ctx) {
      int thread = RotatingKeys.randomFreeClientThread(ctx, ctx.random());
      if (thread < 0) {
        return Yield.pending();
      }
      Op op =
          new Op(
              -1,
              ctx.time(),
              Op.Type.INVOKE,
              ctx.process(thread),
              "add",
              Arrays.asList("set-" + next % KEYS, next),
              null,
              null);
      return Yield.emit(op, new Adds(next + 1));
    }
  }
}
