package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code reset_peer}: the first data (or end of stream) that arrives starts a timer of {@code timeout} ms, after
 * which the connection is reset with a TCP RST. Data that arrives meanwhile is dropped, as in Toxiproxy.
 */
final class ResetPeerStage extends Stage {
  private final StageContext ctx;
  private final long timeoutMs;
  private Future<?> timer;

  ResetPeerStage(StageContext ctx, long timeoutMs) {
    this.ctx = ctx;
    this.timeoutMs = Math.max(0, timeoutMs);
  }

  @Override
  public void onData(ByteBuf buf) {
    ctx.discard(buf);
    trigger();
  }

  @Override
  public void onEnd() {
    trigger();
  }

  @Override
  public void drainTo(Stage target) {
    release();
  }

  @Override
  public void release() {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private void trigger() {
    if (timer == null) {
      timer = ctx.schedule(TimeUnit.MILLISECONDS.toNanos(timeoutMs), this::reset);
    }
  }

  private void reset() {
    ctx.resetOnClose();
    next().onEnd();
  }
}
