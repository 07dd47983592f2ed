package io.faultline.raft.sim;

import java.util.PriorityQueue;
import java.util.Random;
import java.util.function.BooleanSupplier;

/**
 * Virtual time for a whole in-JVM group: one queue of timed events run one at a time on the test thread, so a
 * seed fully determines a run. Nodes see this time through their {@link SimNodeScheduler}.
 */
public final class SimWorld {
  private record Event(long at, long order, Runnable task) {}

  private final PriorityQueue<Event> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.order, b.order));
  private final Random random;
  private long now = 1_000_000_000L;
  private long order;

  public SimWorld(long seed) {
    this.random = new Random(seed);
  }

  public Random random() {
    return random;
  }

  public long nowNanos() {
    return now;
  }

  /** Runs the task at an absolute virtual time (not earlier than now). */
  public void at(long atNanos, Runnable task) {
    queue.add(new Event(Math.max(atNanos, now), order++, task));
  }

  public void after(long delayNanos, Runnable task) {
    at(now + delayNanos, task);
  }

  /** Runs every event up to {@code millis} from now, then sets the time to that point. */
  public void runFor(long millis) {
    long until = now + millis * 1_000_000L;
    while (!queue.isEmpty() && queue.peek().at <= until) {
      step();
    }
    now = until;
  }

  /** Runs events until the condition holds (checked after each event) or {@code maxMillis} pass. */
  public boolean runUntil(BooleanSupplier condition, long maxMillis) {
    long until = now + maxMillis * 1_000_000L;
    while (!condition.getAsBoolean()) {
      if (queue.isEmpty() || queue.peek().at > until) {
        now = until;
        return condition.getAsBoolean();
      }
      step();
    }
    return true;
  }

  private void step() {
    Event e = queue.poll();
    now = e.at;
    e.task.run();
  }
}
