package io.faultline.harness.checker.linear;

import io.faultline.harness.checker.Checker;
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
      parts = List.of(new PartSearch(null, model, operations, limits).toEnd());
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
   * from {@link #HELPERS}, so a check starts no thread of its own once the pool has warmed up (see {@link PartTurns}).
   */
  private List<PartResult> searchAll(
      Map<Object, List<Operation>> parts, Partitioning<?> p, SearchLimits limits) {
    List<PartSearch> searches = new ArrayList<>();
    parts.forEach((key, ops) -> searches.add(new PartSearch(key, p.partModel(key), ops, limits)));
    try {
      return new PartTurns(searches, options.parallelism(), HELPERS).run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      limits.cancel("the check was interrupted");
      throw new IllegalStateException("interrupted while checking", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }
}
