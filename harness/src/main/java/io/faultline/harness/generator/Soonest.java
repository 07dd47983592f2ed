package io.faultline.harness.generator;

import java.util.function.BiFunction;

/**
 * Combines the answers of several generators asked together: the emitted op due soonest wins (ties go to the
 * lowest index); otherwise pending until the earliest wake-up if any is pending; otherwise exhausted.
 *
 * <p>An op that is not due yet loses to a pending generator that wakes up earlier: the answer is then pending until
 * that wake-up, so that (say) a nemesis waking from a sleep is not held back by a client op due later.
 */
final class Soonest {
  private Yield.Emit best;
  private int bestIndex = -1;
  private long wake = Long.MAX_VALUE;
  private boolean live;

  void offer(int index, Yield y) {
    if (y instanceof Yield.Emit e) {
      live = true;
      if (best == null || e.op().time() < best.op().time()) {
        best = e;
        bestIndex = index;
      }
    } else if (y instanceof Yield.Pending p) {
      live = true;
      wake = Math.min(wake, p.wakeAt());
    }
  }

  /**
   * The combined answer at {@code ctx}; {@code rebuild} makes the combinator's next generator from the winner's index
   * and the generator that follows its op.
   */
  Yield answer(Context ctx, BiFunction<Integer, Generator, Generator> rebuild) {
    if (best != null) {
      long due = best.op().time();
      if (due <= ctx.time() || due <= wake) {
        return Yield.emit(best.op(), rebuild.apply(bestIndex, best.next()));
      }
      return Yield.pendingUntil(wake);
    }
    return live ? Yield.pendingUntil(wake) : Yield.exhausted();
  }
}
