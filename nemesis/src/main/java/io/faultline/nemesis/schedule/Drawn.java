package io.faultline.nemesis.schedule;

import io.faultline.harness.generator.Context;
import io.faultline.harness.generator.Generator;
import io.faultline.harness.generator.Yield;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * A generator whose ops depend on a choice drawn with the context's random source when it is first asked (which
 * node to aim at, which episode to run), then that generator to its end. Asked again at the same tick it draws the
 * same, so it stays a pure function of the context.
 */
record Drawn(Function<RandomGenerator, Generator> body) implements Generator {
  @Override
  public Yield op(Context ctx) {
    return body.apply(ctx.random()).op(ctx);
  }
}
