package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** {@code slow_close}: data passes untouched, but the end of the stream (and so the close) waits {@code delay} ms. */
final class SlowCloseStage extends Stage {
  private final StageContext ctx;
  private final long delayMs;
  private Future<?> pendingEnd;

  SlowCloseStage(StageContext ctx, long delayMs) {
    this.ctx = ctx;
    this.delayMs = Math.max(0, delayMs);
  }

  @Override
  public void onData(ByteBuf buf) {
    next().onData(buf);
  }

  @Override
  public void onEnd() {
    if (pendingEnd == null) {
      pendingEnd = ctx.schedule(TimeUnit.MILLISECONDS.toNanos(delayMs), () -> next().onEnd());
    }
  }

  @Override
  public void drainTo(Stage target) {
    if (pendingEnd != null && pendingEnd.cancel(false)) {
      target.onEnd();
    }
  }

  @Override
  public void release() {
    if (pendingEnd != null) {
      pendingEnd.cancel(false);
    }
  }
}
