package io.faultline.harness.runner;

import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Yield;
import java.util.function.Supplier;

/**
 * A generator made when it is first asked for an op, from what is known by then: the final phase's reads depend on
 * the keys the main phase touched. Under {@link io.faultline.harness.generator.Generators#phases} it is first asked
 * only after every earlier phase has ended, so what the supplier sees is settled.
 */
final class Deferred implements Generator {
  private final Supplier<Generator> supplier;
  private Generator made;

  Deferred(Supplier<Generator> supplier) {
    this.supplier = supplier;
  }

  private synchronized Generator made() {
    if (made == null) {
      made = supplier.get();
    }
    return made;
  }

  @Override
  public Yield op(Context ctx) {
    return made().op(ctx);
  }

  @Override
  public Generator update(Context ctx, io.faultline.harness.history.Op event) {
    return made().update(ctx, event);
  }
}
