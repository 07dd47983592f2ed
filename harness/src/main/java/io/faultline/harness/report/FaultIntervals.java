package io.faultline.harness.report;

import io.faultline.harness.checker.model.Values;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.spi.FaultFamily;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the fault intervals of a history from its nemesis ops.
 *
 * <p>The nemesis is one sequential process, so each of its invocations is completed by its next completion. An interval
 * runs from the <em>invocation</em> of the op that starts a fault to the <em>completion</em> of the op that heals it:
 * the widest window in which the fault may have been in effect, which is the honest one to shade. A start op that
 * failed definitely opens nothing. While a family's interval is open, further starts of that family (kill another
 * node, a new grudge) extend it; its next heal op, or a heal-everything op, closes it. An interval still open when the
 * history ends is closed at the history's last time and marked open. Ops without a time (Knossos' corpus) draw no
 * interval.
 *
 * <p>An {@code f} may heal one family and start another (Faultline's kill family heals with {@code start}, which
 * Jepsen's classic partitioner starts a partition with): it heals when a fault of a family it heals is open, and
 * starts otherwise. A family with no healing op (a leadership transfer) has faults that last from the op's invocation
 * to its completion. The families come from the run's declarations, or {@link JepsenFamilies} for foreign histories.
 */
public final class FaultIntervals {
  private FaultIntervals() {}

  /** The intervals of {@code history} with Jepsen's families ({@link JepsenFamilies}), by start time. */
  public static List<FaultInterval> of(History history) {
    return of(history, JepsenFamilies.FAMILIES);
  }

  /** The intervals of {@code history}'s faults of {@code families}, by start time. */
  public static List<FaultInterval> of(History history, List<FaultFamily> families) {
    Map<FaultFamily, Op> open = new LinkedHashMap<>();
    List<FaultInterval> out = new ArrayList<>();
    Op pendingInvoke = null;
    long last = 0;
    for (Op op : history.ops()) {
      last = Math.max(last, op.time());
      if (!op.isNemesis()) {
        continue;
      }
      if (op.type() == Op.Type.INVOKE) {
        pendingInvoke = op;
        continue;
      }
      Op invoke = pendingInvoke != null && pendingInvoke.f().equals(op.f()) ? pendingInvoke : op;
      pendingInvoke = null;
      if (op.type() == Op.Type.FAIL) {
        continue;
      }
      if (op.time() < 0) {
        continue;
      }
      Optional<FaultFamily> healed =
          families.stream().filter(f -> f.isHealedBy(op.f()) && open.containsKey(f)).findFirst();
      if (healed.isPresent()) {
        out.add(interval(healed.get(), open.remove(healed.get()), op.f(), op.time()));
        continue;
      }
      Optional<FaultFamily> started =
          families.stream().filter(f -> f.isStartedBy(op.f())).findFirst();
      if (started.isPresent() && started.get().heals().isEmpty()) {
        out.add(
            interval(
                started.get(), invoke, op.f(), op.time())); // a fault that heals itself: an instant
        continue;
      }
      if (started.isPresent()) {
        open.putIfAbsent(started.get(), invoke);
        continue;
      }
      if (JepsenFamilies.HEAL_ALL.contains(op.f())) {
        for (Map.Entry<FaultFamily, Op> e : open.entrySet()) {
          out.add(interval(e.getKey(), e.getValue(), op.f(), op.time()));
        }
        open.clear();
      }
    }
    for (Map.Entry<FaultFamily, Op> e : open.entrySet()) {
      out.add(interval(e.getKey(), e.getValue(), null, Math.max(last, e.getValue().time())));
    }
    out.sort(Comparator.comparingLong(FaultInterval::start).thenComparing(i -> i.family().name()));
    return out;
  }

  private static FaultInterval interval(FaultFamily family, Op start, String healF, long end) {
    return new FaultInterval(
        family,
        start.f(),
        start.value() == null ? "" : Values.show(start.value()),
        healF,
        start.time(),
        Math.max(end, start.time()));
  }
}
