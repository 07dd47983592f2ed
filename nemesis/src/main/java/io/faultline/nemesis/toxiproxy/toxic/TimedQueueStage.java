package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;
import java.util.ArrayDeque;
import java.util.concurrent.Future;

/**
 * A stage that holds chunks until a due time and then hands them on in order. Subclasses decide the due times in
 * {@link #admit}; due times never go backwards, so the order of the stream is kept, and the end of the stream leaves
 * right after the last chunk before it. A due time of {@link #NEVER} holds data until the stage is drained.
 */
abstract class TimedQueueStage extends Stage {
  /** A due time that never comes. */
  static final long NEVER = Long.MAX_VALUE;

  private record Held(ByteBuf buf, long due) {}

  protected final StageContext ctx;
  private final ArrayDeque<Held> queue = new ArrayDeque<>();
  private long lastDue = Long.MIN_VALUE;
  private Future<?> timer;

  TimedQueueStage(StageContext ctx) {
    this.ctx = ctx;
  }

  /** Decides when {@code buf} (or slices of it) is due, and calls {@link #hold} for each part. */
  protected abstract void admit(ByteBuf buf);

  /** Holds {@code buf} until {@code due} (raised to the last due time so that order is kept). */
  protected final void hold(ByteBuf buf, long due) {
    lastDue = Math.max(due, lastDue);
    queue.add(new Held(buf, lastDue));
  }

  /** The due time of the last thing held, or {@code Long.MIN_VALUE} when nothing has been held yet. */
  protected final long lastDue() {
    return lastDue;
  }

  @Override
  public final void onData(ByteBuf buf) {
    admit(buf);
    pump();
  }

  @Override
  public final void onEnd() {
    if (queue.isEmpty()) {
      next().onEnd();
    } else {
      queue.add(new Held(null, lastDue));
    }
  }

  @Override
  public final void drainTo(Stage target) {
    cancelTimer();
    Held h;
    while ((h = queue.poll()) != null) {
      emit(h, target);
    }
  }

  @Override
  public final void release() {
    cancelTimer();
    Held h;
    while ((h = queue.poll()) != null) {
      if (h.buf() != null) {
        h.buf().release();
      }
    }
  }

  private void pump() {
    long now = ctx.nanoTime();
    while (!queue.isEmpty() && queue.peek().due() <= now) {
      emit(queue.poll(), next());
    }
    if (timer == null && !queue.isEmpty() && queue.peek().due() != NEVER) {
      timer = ctx.schedule(queue.peek().due() - now, this::onTimer);
    }
  }

  private void onTimer() {
    timer = null;
    pump();
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }

  private static void emit(Held h, Stage target) {
    if (h.buf() == null) {
      target.onEnd();
    } else {
      target.onData(h.buf());
    }
  }
}
