package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;

/**
 * {@code limit_data}: the stream ends (and the connection closes) once {@code bytes} bytes have passed; the chunk
 * that crosses the limit is cut at it. The count survives updates of the toxic.
 */
final class LimitDataStage extends Stage {
  private final StageContext ctx;
  private final long limit;
  private long passed;
  private boolean ended;

  LimitDataStage(StageContext ctx, long limit) {
    this.ctx = ctx;
    this.limit = limit;
  }

  @Override
  public void onData(ByteBuf buf) {
    if (ended) {
      ctx.discard(buf);
      return;
    }
    long remaining = Math.max(0, limit - passed);
    if (buf.readableBytes() > remaining) {
      ByteBuf head = buf.readRetainedSlice((int) remaining);
      ctx.discard(buf);
      buf = head;
    }
    passed += buf.readableBytes();
    if (buf.isReadable()) {
      next().onData(buf);
    } else {
      buf.release();
    }
    if (passed >= limit) {
      onEnd();
    }
  }

  @Override
  public void onEnd() {
    if (!ended) {
      ended = true;
      next().onEnd();
    }
  }

  @Override
  public void inherit(Stage previous) {
    if (previous instanceof LimitDataStage old) {
      passed = old.passed;
    }
  }
}
