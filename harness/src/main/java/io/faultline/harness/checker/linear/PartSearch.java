package io.faultline.harness.checker.linear;

import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Operation;
import java.util.List;

/**
 * The search of one part, run in turns of a bounded number of steps; never throws for the part's content. A model
 * that rejects an operation, or a search that runs out of heap despite the memory guard, gives unknown with the
 * cause. An invalid part cancels the others. Used by one thread at a time.
 */
final class PartSearch {
  private final Object key;
  private final Model<?> model;
  private final List<Operation> ops;
  private final SearchLimits limits;
  private WglSearch search;
  private long nanos;

  PartSearch(Object key, Model<?> model, List<Operation> ops, SearchLimits limits) {
    this.key = key;
    this.model = model;
    this.ops = ops;
    this.limits = limits;
  }

  /** Searches to the end. */
  PartResult toEnd() {
    PartResult r;
    do {
      r = turn(Long.MAX_VALUE);
    } while (r == null);
    return r;
  }

  /**
   * Goes on with the search for about {@code steps} steps.
   *
   * @return the part's result, or {@code null} when it needs another turn
   */
  PartResult turn(long steps) {
    if (search == null && limits.isCancelled()) {
      return new PartResult(key, Verdict.UNKNOWN, ops.size(), 0, 0, null, limits.cancelledCause());
    }
    long start = System.nanoTime();
    PartResult result;
    try {
      if (search == null) {
        search = WglSearch.start(key, model, ops, limits);
      }
      result = search.resume(steps);
    } catch (OutOfMemoryError e) {
      release();
      limits.cancel("another part of the history ran out of memory");
      result = failed(start, "out of memory during the search; give the JVM more heap (-Xmx)");
    } catch (RuntimeException e) {
      release();
      result = failed(start, String.valueOf(e.getMessage()));
    }
    nanos += System.nanoTime() - start;
    if (result != null) {
      release();
      if (result.verdict() == Verdict.INVALID) {
        limits.cancel("another part of the history is not linearizable");
      }
    }
    return result;
  }

  /** Drops the search, giving back its share of the memory budget. */
  private void release() {
    if (search != null) {
      search.release();
      search = null;
    }
  }

  private PartResult failed(long start, String cause) {
    return new PartResult(
        key, Verdict.UNKNOWN, ops.size(), nanos + System.nanoTime() - start, 0, null, cause);
  }
}
