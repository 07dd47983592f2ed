package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;

/**
 * {@code bandwidth}: the stream is paced at {@code rate} KB/s (1 KB = 1000 bytes, as Toxiproxy counts). Chunks are
 * cut into pieces of at most 100 ms worth of data, so that a slow rate still delivers steadily. A rate of 0 stalls
 * the stream without closing it.
 */
final class BandwidthStage extends TimedQueueStage {
  private final long bytesPerMs;

  BandwidthStage(StageContext ctx, long rateKbPerSecond) {
    super(ctx);
    this.bytesPerMs = rateKbPerSecond;
  }

  @Override
  protected void admit(ByteBuf buf) {
    if (bytesPerMs <= 0) {
      hold(buf, NEVER);
      return;
    }
    long pieceMax = Math.max(1, Math.min(Integer.MAX_VALUE, bytesPerMs * 100));
    while (buf.readableBytes() > pieceMax) {
      holdPaced(buf.readRetainedSlice((int) pieceMax));
    }
    holdPaced(buf);
  }

  private void holdPaced(ByteBuf piece) {
    long start = Math.max(ctx.nanoTime(), lastDue());
    long costNanos = piece.readableBytes() * 1_000_000L / bytesPerMs;
    hold(piece, start + costNanos);
  }
}
