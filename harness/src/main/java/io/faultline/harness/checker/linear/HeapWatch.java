package io.faultline.harness.checker.linear;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How full the heap is with what survived garbage collection, for the memory guard: as Knossos does, a search stops,
 * unknown, once the heap is {@link #LIMIT} full, so that a history too large for the heap ends with that reason rather
 * than with an {@link OutOfMemoryError}.
 *
 * <p>The heap in use at an arbitrary moment counts garbage, so the watch reads each young pool as the last collection
 * left it ({@link MemoryPoolMXBean#getCollectionUsage()}) and the old generation as it is (it grows only by what a
 * collection promotes into it, or by large objects). It checks two things: the heap against its maximum, and the old
 * generation against its own (with the serial and parallel collectors the old generation fills, and the collector
 * gives up, while the heap as a whole still has room). The old generation may hold garbage that only a full collection
 * frees; so a reading over the limit asks for one ({@link System#gc()}, which the serial, parallel, G1 and Z
 * collectors run before they return), on the caller's thread, and only a reading still over the limit after it counts.
 * A JVM that ignores {@code System.gc()} ({@code -XX:+DisableExplicitGC}) stops at the first reading over the limit.
 *
 * <p>The readings are the pools' own, taken by the caller: an earlier version listened to the collectors'
 * notifications instead, and those come on a thread of the JVM's own that, on a busy machine, sometimes delivered none
 * before a fast-growing search had filled the heap.
 */
final class HeapWatch {
  /** The fraction of the maximum heap at which searches stop: Knossos' 90%. */
  static final double LIMIT = 0.9;

  private static final HeapWatch INSTANCE = new HeapWatch();

  private final long max = Runtime.getRuntime().maxMemory();
  private final List<MemoryPoolMXBean> young;
  private final MemoryPoolMXBean old;
  private final long oldMax;
  private final ReentrantLock collecting = new ReentrantLock();

  private HeapWatch() {
    List<MemoryPoolMXBean> heap =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();
    old =
        heap.stream()
            .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
            .findFirst()
            .orElse(null);
    young = heap.stream().filter(p -> p != old).toList();
    long oldLimit = old == null ? -1 : old.getUsage().getMax();
    oldMax = oldLimit > 0 ? oldLimit : max;
  }

  /** The watch of this JVM. */
  static HeapWatch get() {
    return INSTANCE;
  }

  /**
   * Whether the heap is {@link #LIMIT} full with what a full collection keeps, counting {@code bytesSoon} more that the
   * caller is about to allocate. A reading over the limit runs that full collection first, on the caller's thread;
   * while one caller runs it, the others answer false.
   */
  boolean exhausted(long bytesSoon) {
    if (!over(bytesSoon) || !collecting.tryLock()) {
      return false;
    }
    try {
      System.gc();
      return over(bytesSoon);
    } finally {
      collecting.unlock();
    }
  }

  private boolean over(long bytesSoon) {
    return usedAfterGc() + bytesSoon > LIMIT * max || oldInUse() + bytesSoon > LIMIT * oldMax;
  }

  /** Whether the heap or its old generation is at least half full with what the last collection kept. */
  boolean halfFull() {
    return usedAfterGc() > max / 2 || oldInUse() > oldMax / 2;
  }

  /** The heap in use after the last collection, in bytes: the young pools as it left them, the old one as it is. */
  long usedAfterGc() {
    long used = oldInUse();
    for (MemoryPoolMXBean p : young) {
      MemoryUsage u = p.getCollectionUsage();
      used += u == null ? p.getUsage().getUsed() : u.getUsed();
    }
    return used;
  }

  private long oldInUse() {
    return old == null ? 0 : old.getUsage().getUsed();
  }

  long max() {
    return max;
  }
}
