package io.faultline.harness.checker.linear;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What every search of one check shares: a deadline, a cancellation flag, a memory budget for the caches, and the
 * {@link HeapWatch} (the heap 90% full after a collection, whatever fills it). The searches poll it every few
 * thousand steps, so stopping costs nothing measurable on the hot path.
 */
final class SearchLimits {
  private final long deadlineNanos;
  private final long memoryBudgetBytes;
  private final AtomicReference<String> cancelledBecause = new AtomicReference<>();
  private final AtomicLong cacheBytes = new AtomicLong();

  /**
   * @param timeoutNanos how long the whole check may take; {@code Long.MAX_VALUE} for no limit
   * @param memoryBudgetBytes how many bytes the caches of all searches may hold together
   */
  SearchLimits(long timeoutNanos, long memoryBudgetBytes) {
    long now = System.nanoTime();
    this.deadlineNanos = timeoutNanos >= Long.MAX_VALUE - now ? Long.MAX_VALUE : now + timeoutNanos;
    this.memoryBudgetBytes = memoryBudgetBytes;
  }

  /** A budget of the given fraction of the heap that is free now. */
  static long freeHeapFraction(double fraction) {
    Runtime rt = Runtime.getRuntime();
    long used = rt.totalMemory() - rt.freeMemory();
    return (long) ((rt.maxMemory() - used) * fraction);
  }

  /** Stops every search of this check; the first reason given is the one reported. */
  void cancel(String because) {
    cancelledBecause.compareAndSet(null, because);
  }

  boolean isCancelled() {
    return cancelledBecause.get() != null;
  }

  /** What the searches that stopped early report as their cause, e.g. {@code cancelled: another part ...}. */
  String cancelledCause() {
    return "cancelled: " + cancelledBecause.get();
  }

  /** Adds to the bytes held by caches (a search that ends gives back what it added); returns the new total. */
  long addCacheBytes(long bytes) {
    return cacheBytes.addAndGet(bytes);
  }

  /**
   * Why the search must stop now, or {@code null} to go on.
   *
   * @param bytesSoon what the search may allocate before it asks again: the heap must have room for it too
   * @return {@link Stop#CANCELLED}, {@link Stop#TIMEOUT}, {@link Stop#MEMORY} or {@link Stop#HEAP}, or {@code null}
   */
  Stop check(long bytesSoon) {
    if (isCancelled()) {
      return Stop.CANCELLED;
    }
    if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
      return Stop.TIMEOUT;
    }
    if (cacheBytes.get() > memoryBudgetBytes) {
      return Stop.MEMORY;
    }
    if (heapInUse() && heap().exhausted(bytesSoon)) {
      return Stop.HEAP;
    }
    return null;
  }

  long memoryBudgetBytes() {
    return memoryBudgetBytes;
  }

  /** Whether the heap or its old generation was half full after the last collection: time to poll more often. */
  boolean heapHalfFull() {
    return heapInUse() && heap().halfFull();
  }

  /**
   * Whether a quarter of the heap is in use, garbage included: before that the heap watch has nothing to say, and a
   * short check does without its start (the JVM's management classes).
   */
  private static boolean heapInUse() {
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory() > rt.maxMemory() / 4;
  }

  /**
   * The JVM's heap watch, set up on the first poll (the management classes it needs would otherwise add to the start
   * of every short check); it has no reading until the next collection.
   */
  HeapWatch heap() {
    return HeapWatch.get();
  }

  /** Why a search stopped before it had a verdict. */
  enum Stop {
    CANCELLED,
    TIMEOUT,
    /** The caches reached the budget. */
    MEMORY,
    /** The heap was {@link HeapWatch#LIMIT} full after a major collection. */
    HEAP
  }
}
