package io.faultline.harness.spi;

import io.faultline.harness.history.Op;

/** A client that does nothing and completes every op {@code ok} with its own value: for tests and benchmarks. */
public final class NoopClient implements Client {
  /** The only instance: it holds no state, so opening returns itself. */
  public static final NoopClient INSTANCE = new NoopClient();

  private NoopClient() {}

  @Override
  public Client open(String node) {
    return this;
  }

  @Override
  public Op invoke(Op invocation) {
    return new Op(
        -1,
        -1,
        Op.Type.OK,
        invocation.process(),
        invocation.f(),
        invocation.value(),
        null,
        invocation.node());
  }
}
