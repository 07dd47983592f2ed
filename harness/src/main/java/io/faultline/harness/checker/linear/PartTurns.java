package io.faultline.harness.checker.linear;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts of one check taking turns on the calling thread and up to {@code threads - 1} helpers. Started parts take
 * turns of {@link #TURN_STEPS} steps from one queue, as Porcupine's goroutines share the cores, so a part that is not
 * linearizable and fails fast ends the check even when it comes after parts whose searches are long (it cancels the
 * others, running or waiting). At most {@link #inFlight} parts are started and unfinished at once, so the caches held
 * at a time are those of a few parts however many keys the history has. The helpers join only once a part needs a
 * second turn or the check has run for {@link #HELP_AFTER_NANOS}: handing parts to another thread costs more than a
 * small history's whole check.
 */
final class PartTurns {
  /** Steps of one turn of a part: about a millisecond or two of search. */
  static final long TURN_STEPS = 1 << 14;

  /** How long the calling thread checks alone before helpers join. */
  static final long HELP_AFTER_NANOS = 1_000_000;

  private final List<PartSearch> searches;
  private final int threads;
  private final ExecutorService helpers;
  private final PartResult[] out;
  private final Queue<Integer> started = new ConcurrentLinkedQueue<>();
  private final AtomicInteger unstarted = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final int window;
  private final List<Future<?>> joined = new ArrayList<>();
  private Thread caller;
  private long startNanos;

  PartTurns(List<PartSearch> searches, int threads, ExecutorService helpers) {
    this.searches = searches;
    this.threads = Math.min(threads, searches.size());
    this.helpers = helpers;
    this.out = new PartResult[searches.size()];
    this.window = inFlight(this.threads);
  }

  /** How many parts may be started and unfinished at once on {@code threads} threads. */
  static int inFlight(int threads) {
    return Math.max(16, 4 * threads);
  }

  /**
   * Runs every part to its result, on the calling thread and the helpers.
   *
   * @throws InterruptedException when the calling thread is interrupted while it waits for the helpers
   */
  List<PartResult> run() throws InterruptedException, ExecutionException {
    caller = Thread.currentThread();
    startNanos = System.nanoTime();
    work();
    for (Future<?> f : joined) {
      f.get();
    }
    return List.of(out);
  }

  private void work() {
    while (true) {
      Integer i = null;
      if (open.get() < window && unstarted.get() < searches.size()) {
        int n = unstarted.getAndIncrement();
        if (n < searches.size()) {
          open.incrementAndGet();
          i = n;
        }
      }
      if (i == null && (i = started.poll()) == null) {
        return;
      }
      PartResult r = searches.get(i).turn(TURN_STEPS);
      if (r == null) {
        started.add(i);
      } else {
        out[i] = r;
        open.decrementAndGet();
      }
      if (Thread.currentThread() == caller && joined.isEmpty() && threads > 1) {
        if (r == null || System.nanoTime() - startNanos > HELP_AFTER_NANOS) {
          for (int t = 1; t < threads; t++) {
            joined.add(helpers.submit(this::work));
          }
        }
      }
    }
  }
}
