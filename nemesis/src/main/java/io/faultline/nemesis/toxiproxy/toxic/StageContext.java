package io.faultline.nemesis.toxiproxy.toxic;

import io.netty.buffer.ByteBuf;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/** What a stage may ask of the connection it runs in. Every method must be called on the connection's event loop. */
public interface StageContext {

  /** The current time, in nanoseconds, on a monotonic clock. */
  long nanoTime();

  /**
   * Runs {@code task} on the connection's event loop after {@code delayNanos}, unless the connection has closed by
   * then. Output written by the task is flushed after it.
   *
   * @return a handle to cancel the task
   */
  Future<?> schedule(long delayNanos, Runnable task);

  /** Drops data on the floor: releases {@code buf} and counts it as no longer held by the stream. */
  void discard(ByteBuf buf);

  /** Marks the connection to be closed with a TCP RST (SO_LINGER 0) instead of a FIN when it closes. */
  void resetOnClose();

  /** The source of randomness for jitter and slice sizes. */
  RandomGenerator random();
}
