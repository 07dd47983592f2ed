package io.faultline.harness.checker.linear;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * How full the heap is with what survived the last garbage collection, for the memory guard: as Knossos does, a
 * search stops, unknown, once the heap is {@link #LIMIT} full, so that a history too large for the heap ends with
 * that reason rather than with an {@link OutOfMemoryError}.
 *
 * <p>The heap in use at an arbitrary moment counts garbage, so the watch reads the heap after each collection, from
 * the JVM's collection notifications: the whole heap against its maximum, and the old generation against its own
 * (with the serial and parallel collectors the old generation fills, and the collector gives up, while the heap as a
 * whole still has room). After a minor collection the old generation may still hold garbage that only a major one
 * frees; so a reading over the limit after a minor collection asks for one full collection ({@link System#gc()}, not
 * again before a major collection has reported), and only a reading over the limit after a major one counts.
 */
final class HeapWatch {
  /** The fraction of the maximum heap at which searches stop: Knossos' 90%. */
  static final double LIMIT = 0.9;

  private static final HeapWatch INSTANCE = new HeapWatch();

  private final long max = Runtime.getRuntime().maxMemory();
  private final Set<String> heapPools;
  private final String oldPool;
  private final long oldMax;
  private volatile long usedAfterGc;
  private volatile long oldAfterGc;
  private volatile boolean afterMajor;
  private final AtomicBoolean requested = new AtomicBoolean();

  private HeapWatch() {
    heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    MemoryPoolMXBean old =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
            .findFirst()
            .orElse(null);
    oldPool = old == null ? "" : old.getName();
    long oldLimit = old == null ? -1 : old.getUsage().getMax();
    oldMax = oldLimit > 0 ? oldLimit : max;
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(
            (n, handback) -> {
              if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                  n.getType())) {
                collected(GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData()));
              }
            },
            null,
            null);
      }
    }
  }

  /** The watch of this JVM; the first call registers it with the collectors. */
  static HeapWatch get() {
    return INSTANCE;
  }

  private void collected(GarbageCollectionNotificationInfo info) {
    long used = 0;
    long old = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
      if (e.getKey().equals(oldPool)) {
        old = e.getValue().getUsed();
      }
    }
    boolean major = info.getGcAction().contains("major");
    usedAfterGc = used;
    oldAfterGc = old;
    afterMajor = major;
    if (major) {
      requested.set(false);
    }
  }

  /**
   * Whether the heap is {@link #LIMIT} full after a major collection, counting {@code bytesSoon} more that the caller
   * is about to allocate. Over the limit after a minor one, it asks for a full collection (which may block the caller
   * while it runs) and answers false until that collection has reported.
   */
  boolean exhausted(long bytesSoon) {
    if (usedAfterGc + bytesSoon <= LIMIT * max && oldAfterGc + bytesSoon <= LIMIT * oldMax) {
      return false;
    }
    if (afterMajor) {
      return true;
    }
    if (requested.compareAndSet(false, true)) {
      System.gc();
    }
    return false;
  }

  /** Whether the heap or its old generation was at least half full after the last collection. */
  boolean halfFull() {
    return usedAfterGc > max / 2 || oldAfterGc > oldMax / 2;
  }

  /** The heap in use after the last collection, in bytes. */
  long usedAfterGc() {
    return usedAfterGc;
  }

  long max() {
    return max;
  }
}
