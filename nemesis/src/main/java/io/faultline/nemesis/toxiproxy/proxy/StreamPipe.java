package io.faultline.nemesis.toxiproxy.proxy;

import io.faultline.nemesis.toxiproxy.toxic.Direction;
import io.faultline.nemesis.toxiproxy.toxic.Stage;
import io.faultline.nemesis.toxiproxy.toxic.StageContext;
import io.faultline.nemesis.toxiproxy.toxic.ToxicSpec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;

/**
 * One direction of a proxied connection: bytes read from the source socket go through the toxic chain and are
 * written to the destination socket. Confined to the connection's event loop.
 *
 * <p>Back-pressure: the pipe counts the bytes it holds (read but neither written nor dropped). It stops reading from
 * the source while it holds more than {@value #HIGH_WATER} bytes or the destination's write buffer is full, and
 * reads again once both have drained, so a stalled toxic (bandwidth 0) or a slow peer never fills the heap.
 */
final class StreamPipe implements StageContext {
  private static final long HIGH_WATER = 1 << 20;
  private static final long LOW_WATER = 256 << 10;

  private final ProxyConnection connection;
  private final Direction direction;
  private final ToxicChain chain;
  private Channel source;
  private Channel dest;
  private long held;
  private boolean dirty;
  private boolean paused;

  StreamPipe(ProxyConnection connection, Direction direction) {
    this.connection = connection;
    this.direction = direction;
    this.chain = new ToxicChain(new Sink(), this);
  }

  /** Connects the pipe to its sockets; called once both are open. */
  void attach(Channel source, Channel dest) {
    this.source = source;
    this.dest = dest;
  }

  Direction direction() {
    return direction;
  }

  /** Brings the toxic chain in line with the proxy's toxics of this pipe's stream. */
  void apply(List<ToxicSpec> specs) {
    chain.apply(specs);
  }

  /** A chunk read from the source. Takes ownership of {@code buf}. */
  void onRead(ByteBuf buf) {
    held += buf.readableBytes();
    chain.head().onData(buf);
    updateReading();
  }

  /** The source reached end of stream or closed. */
  void onSourceClosed() {
    chain.head().onEnd();
  }

  /** Flushes what the sink wrote since the last flush. */
  void flush() {
    if (dirty) {
      dirty = false;
      dest.flush();
    }
  }

  /** Frees what the chain holds: the connection is closed. */
  void release() {
    chain.release();
  }

  /** Pauses or resumes reading from the source, after the held bytes or the destination's writability changed. */
  void updateReading() {
    if (source == null) {
      return;
    }
    if (!paused && (held > HIGH_WATER || !dest.isWritable())) {
      paused = true;
      source.config().setAutoRead(false);
    } else if (paused && held <= LOW_WATER && dest.isWritable()) {
      paused = false;
      source.config().setAutoRead(true);
    }
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Future<?> schedule(long delayNanos, Runnable task) {
    return connection.schedule(delayNanos, task);
  }

  @Override
  public void discard(ByteBuf buf) {
    held -= buf.readableBytes();
    buf.release();
    updateReading();
  }

  @Override
  public void resetOnClose() {
    connection.resetOnClose();
  }

  @Override
  public RandomGenerator random() {
    return ThreadLocalRandom.current();
  }

  /** The last stage: writes to the destination socket; the end of the stream closes the connection. */
  private final class Sink extends Stage {
    private boolean ended;

    @Override
    public void onData(ByteBuf buf) {
      if (ended || !dest.isActive()) {
        discard(buf);
        return;
      }
      held -= buf.readableBytes();
      dest.write(buf, dest.voidPromise());
      dirty = true;
      updateReading();
    }

    @Override
    public void onEnd() {
      if (!ended) {
        ended = true;
        connection.closeAfterFlush(dest);
      }
    }
  }
}
