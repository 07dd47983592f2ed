package io.faultline.harness.checker.linear;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.Model;
import io.faultline.harness.checker.model.Operation;
import io.faultline.harness.checker.model.Partitioning;
import io.faultline.harness.history.History;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Checks that a history is linearizable with respect to a model, with Knossos' semantics (see {@link Operations}).
 * Thread-safe; each call of {@link #check} runs its own searches.
 */
public final class LinearizabilityChecker implements Checker {
  /**
   * Threads that search parts beside the calling thread, shared by every check of the JVM: a thread idle for a while
   * ends, and all are daemons, so the pool neither keeps a JVM alive nor makes each check start threads.
   */
  private static final ExecutorService HELPERS =
      new ThreadPoolExecutor(
          0,
          Integer.MAX_VALUE,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          new ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "linearizability-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });

  private final Model<?> model;
  private final LinearizabilityOptions options;

  public LinearizabilityChecker(Model<?> model, LinearizabilityOptions options) {
    this.model = model;
    this.options = options;
  }

  public LinearizabilityChecker(Model<?> model) {
    this(model, LinearizabilityOptions.defaults());
  }

  @Override
  public LinearizabilityResult check(History history) {
    long start = System.nanoTime();
    List<Operation> operations = Operations.of(history, model, options.checkedFails());
    long timeout = options.timeout() == null ? Long.MAX_VALUE : options.timeout().toNanos();
    SearchLimits limits =
        new SearchLimits(timeout, SearchLimits.freeHeapFraction(options.memoryFraction()));
    Optional<Partitioning<?>> partitioning =
        options.partition() ? model.partitioning() : Optional.empty();
    List<PartResult> parts;
    if (partitioning.isEmpty()) {
      parts = List.of(searchSafely(null, model, operations, limits));
    } else {
      parts = searchAll(split(operations, partitioning.get()), partitioning.get(), limits);
    }
    return new LinearizabilityResult(
        model.name(), partitioning.isPresent(), parts, history.size(), System.nanoTime() - start);
  }

  /** Splits operations by key, renumbering them within each part and keeping each part's value only. */
  private static Map<Object, List<Operation>> split(List<Operation> operations, Partitioning<?> p) {
    Map<Object, List<Operation>> parts = new LinkedHashMap<>();
    for (Operation op : operations) {
      List<Operation> part = parts.computeIfAbsent(p.keyOf(op), k -> new ArrayList<>());
      part.add(op.withIdAndValue(part.size(), p.partValue(op)));
    }
    return parts;
  }

  /**
   * Searches the parts on up to {@link LinearizabilityOptions#parallelism()} threads: the calling thread and helpers
   * from {@link #HELPERS}, each taking the next part not yet taken, so a check starts no thread of its own once the
   * pool has warmed up, and a part that is not linearizable cancels those still running or not yet taken.
   */
  private List<PartResult> searchAll(
      Map<Object, List<Operation>> parts, Partitioning<?> p, SearchLimits limits) {
    List<Map.Entry<Object, List<Operation>>> todo = new ArrayList<>(parts.entrySet());
    PartResult[] out = new PartResult[todo.size()];
    AtomicInteger next = new AtomicInteger();
    Runnable work =
        () -> {
          for (int i; (i = next.getAndIncrement()) < todo.size(); ) {
            Object key = todo.get(i).getKey();
            out[i] = searchSafely(key, p.partModel(key), todo.get(i).getValue(), limits);
          }
        };
    List<Future<?>> helpers = new ArrayList<>();
    for (int t = 1; t < Math.min(options.parallelism(), todo.size()); t++) {
      helpers.add(HELPERS.submit(work));
    }
    try {
      work.run();
      for (Future<?> f : helpers) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      limits.cancel("the check was interrupted");
      throw new IllegalStateException("interrupted while checking", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    return List.of(out);
  }

  /**
   * Searches one part; never throws for the part's content. A model that rejects an operation, or a search that runs
   * out of heap despite the memory guard, gives unknown with the cause. An invalid part cancels the others.
   */
  private static PartResult searchSafely(
      Object key, Model<?> model, List<Operation> ops, SearchLimits limits) {
    long start = System.nanoTime();
    if (limits.isCancelled()) {
      return new PartResult(key, Verdict.UNKNOWN, ops.size(), 0, 0, null, limits.cancelledCause());
    }
    PartResult result;
    try {
      result = WglSearch.run(key, model, ops, limits);
    } catch (OutOfMemoryError e) {
      limits.cancel("another part of the history ran out of memory");
      result =
          new PartResult(
              key,
              Verdict.UNKNOWN,
              ops.size(),
              System.nanoTime() - start,
              0,
              null,
              "out of memory during the search; give the JVM more heap (-Xmx)");
    } catch (RuntimeException e) {
      result =
          new PartResult(
              key,
              Verdict.UNKNOWN,
              ops.size(),
              System.nanoTime() - start,
              0,
              null,
              String.valueOf(e.getMessage()));
    }
    if (result.verdict() == Verdict.INVALID) {
      limits.cancel("another part of the history is not linearizable");
    }
    return result;
  }
}
