package io.faultline.raft.sim;

import io.faultline.raft.Clock;
import io.faultline.raft.Scheduler;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One incarnation of a node on virtual time: its tasks run only while it is alive, so crashing it drops its queued
 * work (including store writes that were not yet "on disk"), as a real crash would.
 *
 * <p>Timers ({@link #schedule}) are due at a time of the node's own clock, as they are in a real node whose event
 * loop reads {@code System.nanoTime()}: a forward step of the clock ({@link #bumpClock}) makes every timer it passes
 * fire at once, and a backward step delays them, as libfaketime does to a node. Simulated disk writes
 * ({@link #scheduleMicros}) keep their virtual-time delay.
 */
public final class SimNodeScheduler implements Scheduler, Clock {
  private final SimWorld world;
  private boolean alive = true;
  private long clockOffsetNanos;
  private final Set<Timer> timers = new LinkedHashSet<>();

  /** A pending timer: due at {@code dueNanos} of this node's clock; {@code arming} voids events of older armings. */
  private static final class Timer {
    final long dueNanos;
    final Runnable task;
    int arming;

    Timer(long dueNanos, Runnable task) {
      this.dueNanos = dueNanos;
      this.task = task;
    }
  }

  SimNodeScheduler(SimWorld world) {
    this.world = world;
  }

  void kill() {
    alive = false;
    timers.clear();
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
    Timer t = new Timer(nanoTime() + delayMillis * 1_000_000L, task);
    timers.add(t);
    arm(t);
  }

  /** Puts the timer into the world's queue at the virtual time at which this node's clock reaches its due time. */
  private void arm(Timer t) {
    int arming = ++t.arming;
    world.at(
        t.dueNanos - clockOffsetNanos,
        () -> {
          if (t.arming == arming && timers.remove(t) && alive) {
            t.task.run();
          }
        });
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

  /** Steps this node's clocks, wall and monotonic alike, and with them its timers, as libfaketime does. */
  void bumpClock(long millis) {
    clockOffsetNanos += millis * 1_000_000L;
    for (Timer t : new ArrayList<>(timers)) {
      arm(t);
    }
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
