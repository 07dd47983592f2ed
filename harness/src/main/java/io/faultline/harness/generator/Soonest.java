package io.faultline.harness.generator;

/**
 * Combines the answers of several generators asked together: the emitted op due soonest wins (ties go to the
 * lowest index); otherwise pending until the earliest wake-up if any is pending; otherwise exhausted.
 */
final class Soonest {
  Yield.Emit best;
  int bestIndex = -1;
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

  /** The answer when nothing was emitted. */
  Yield orElse() {
    return live ? Yield.pendingUntil(wake) : Yield.exhausted();
  }
}
