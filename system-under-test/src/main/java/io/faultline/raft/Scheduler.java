package io.faultline.raft;

/**
 * Runs the node's tasks one at a time, in submission order. Every piece of Raft state is touched only by tasks of
 * one scheduler, so the core needs no locks. Implementations must never run two tasks concurrently.
 */
public interface Scheduler {
  /** Runs the task soon, after the tasks already submitted. Must not block. */
  void execute(Runnable task);

  /** Runs the task once after the delay. Must not block. */
  void schedule(Runnable task, long delayMillis);
}
