package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;

/**
 * One step of a connection's stream: it receives chunks and the end of the stream from the step before it and hands
 * them, changed, delayed or dropped, to the step after it. The last step writes to a socket.
 *
 * <p>Threading: a stage belongs to one connection and is only ever called on that connection's event loop, so it
 * needs no locks. It must never block; it waits with {@link StageContext#schedule}.
 *
 * <p>Ownership: {@link #onData} takes ownership of the buffer. A stage passes it on, keeps it, or drops it with
 * {@link StageContext#discard}; it never leaks it.
 */
public abstract class Stage {
  private Stage next;

  /** Makes {@code next} the stage this one hands its output to. */
  public final void linkTo(Stage next) {
    this.next = next;
  }

  /** The stage this one hands its output to. */
  protected final Stage next() {
    return next;
  }

  /** Receives one chunk of the stream; takes ownership of {@code buf}. */
  public abstract void onData(ByteBuf buf);

  /** Receives the end of the stream. By default the end is passed on at once. */
  public void onEnd() {
    next.onEnd();
  }

  /**
   * This stage leaves the chain because its toxic was updated or toxicity turned it off: everything it still holds
   * goes to {@code target} at once, in order, and its timers stop. By default it holds nothing.
   */
  public void drainTo(Stage target) {}

  /** This stage leaves the chain because its toxic was removed. By default the same as {@link #drainTo}. */
  public void onRemoved(Stage successor) {
    drainTo(successor);
  }

  /** Takes over whatever state of the stage it replaces should survive an update (e.g. bytes counted so far). */
  public void inherit(Stage previous) {}

  /** The connection is closed: frees held buffers and stops timers. */
  public void release() {}
}
