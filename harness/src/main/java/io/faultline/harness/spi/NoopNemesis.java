package io.faultline.harness.spi;

import io.faultline.harness.history.Op;

/** A nemesis that breaks nothing: every op completes {@code info} with its own value. The default of a test. */
public final class NoopNemesis implements Nemesis {
  /** The only instance. */
  public static final NoopNemesis INSTANCE = new NoopNemesis();

  private NoopNemesis() {}

  @Override
  public Op invoke(Op op) {
    return new Op(-1, -1, Op.Type.INFO, op.process(), op.f(), op.value(), null, null);
  }

  @Override
  public void teardown() {}
}
