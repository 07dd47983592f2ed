package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;

/** {@code latency}: every chunk is delayed by {@code latency ± jitter} ms; order is kept. */
final class LatencyStage extends TimedQueueStage {
  private final long latencyMs;
  private final long jitterMs;

  LatencyStage(StageContext ctx, long latencyMs, long jitterMs) {
    super(ctx);
    this.latencyMs = latencyMs;
    this.jitterMs = Math.max(0, jitterMs);
  }

  @Override
  protected void admit(ByteBuf buf) {
    long delayMs = latencyMs;
    if (jitterMs > 0) {
      delayMs += ctx.random().nextLong(-jitterMs, jitterMs + 1);
    }
    hold(buf, ctx.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMs)));
  }
}
