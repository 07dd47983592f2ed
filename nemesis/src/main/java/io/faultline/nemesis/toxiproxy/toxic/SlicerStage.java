package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.TimeUnit;

/**
 * {@code slicer}: every chunk is cut into slices of {@code average_size ± size_variation} bytes, sent
 * {@code delay} µs apart. An average size of 0 or less leaves chunks whole.
 */
final class SlicerStage extends TimedQueueStage {
  private final long averageSize;
  private final long sizeVariation;
  private final long delayNanos;

  SlicerStage(StageContext ctx, long averageSize, long sizeVariation, long delayMicros) {
    super(ctx);
    this.averageSize = averageSize;
    this.sizeVariation = Math.max(0, sizeVariation);
    this.delayNanos = TimeUnit.MICROSECONDS.toNanos(Math.max(0, delayMicros));
  }

  @Override
  protected void admit(ByteBuf buf) {
    if (averageSize <= 0) {
      holdNext(buf);
      return;
    }
    while (buf.readableBytes() > 0) {
      int size = (int) Math.min(buf.readableBytes(), Math.max(1, nextSize()));
      if (size == buf.readableBytes()) {
        holdNext(buf);
        return;
      }
      holdNext(buf.readRetainedSlice(size));
    }
    buf.release();
  }

  private long nextSize() {
    if (sizeVariation == 0) {
      return averageSize;
    }
    return averageSize + ctx.random().nextLong(-sizeVariation, sizeVariation + 1);
  }

  private void holdNext(ByteBuf slice) {
    long now = ctx.nanoTime();
    long due = lastDue() == Long.MIN_VALUE ? now : Math.max(now, lastDue() + delayNanos);
    hold(slice, due);
  }
}
