package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code timeout}: all data is dropped. With a timeout above 0 the stream ends (and the connection closes) that many
 * ms after the toxic took effect on this connection; with 0 it is a blackhole until the toxic is removed. Removing
 * the toxic closes the connection, because whatever the peers sent meanwhile is lost and a silent gap in a TCP
 * stream would be worse than a close.
 */
final class TimeoutStage extends Stage {
  private final StageContext ctx;
  private final Future<?> timer;
  private boolean ended;

  TimeoutStage(StageContext ctx, long timeoutMs) {
    this.ctx = ctx;
    this.timer =
        timeoutMs > 0 ? ctx.schedule(TimeUnit.MILLISECONDS.toNanos(timeoutMs), this::end) : null;
  }

  @Override
  public void onData(ByteBuf buf) {
    ctx.discard(buf);
  }

  /** The end of the input is swallowed too, as in Toxiproxy: a blackhole does not report the peer's close. */
  @Override
  public void onEnd() {}

  @Override
  public void drainTo(Stage target) {
    cancelTimer();
    if (ended) {
      target.onEnd();
    }
  }

  @Override
  public void onRemoved(Stage successor) {
    cancelTimer();
    successor.onEnd();
  }

  @Override
  public void release() {
    cancelTimer();
  }

  private void end() {
    if (!ended) {
      ended = true;
      next().onEnd();
    }
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
