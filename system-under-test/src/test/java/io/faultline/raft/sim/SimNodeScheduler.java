package io.faultline.raft.sim;

import io.faultline.raft.Clock;
import io.faultline.raft.Scheduler;

/**
 * One incarnation of a node on virtual time: its tasks run only while it is alive, so crashing it drops its queued
 * work (including store writes that were not yet "on disk"), as a real crash would.
 */
public final class SimNodeScheduler implements Scheduler, Clock {
  private final SimWorld world;
  private boolean alive = true;
  private long clockOffsetNanos;

  SimNodeScheduler(SimWorld world) {
    this.world = world;
  }

  void kill() {
    alive = false;
  }

  boolean alive() {
    return alive;
  }

  @Override
  public void execute(Runnable task) {
    world.after(0, guard(task));
  }

  @Override
  public void schedule(Runnable task, long delayMillis) {
    world.after(delayMillis * 1_000_000L, guard(task));
  }

  /** Runs a task after a delay in microseconds (used for simulated disk writes). */
  void scheduleMicros(Runnable task, long micros) {
    world.after(micros * 1_000L, guard(task));
  }

  private Runnable guard(Runnable task) {
    return () -> {
      if (alive) {
        task.run();
      }
    };
  }

  /** Steps this node's clocks, wall and monotonic alike, as libfaketime does. */
  void bumpClock(long millis) {
    clockOffsetNanos += millis * 1_000_000L;
  }

  @Override
  public long nanoTime() {
    return world.nowNanos() + clockOffsetNanos;
  }

  @Override
  public long wallMillis() {
    return nanoTime() / 1_000_000L;
  }
}
