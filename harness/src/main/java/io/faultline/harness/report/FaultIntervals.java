package io.faultline.harness.report;

import io.faultline.harness.checker.model.Values;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
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
 * <p>Jepsen's classic partitioner calls its ops {@code start} and {@code stop}; Faultline's kill nemesis heals with
 * {@code start}. So {@code start} heals an open kill interval, and otherwise starts a partition, which {@code stop}
 * heals.
 */
public final class FaultIntervals {
  private FaultIntervals() {}

  /** The intervals of {@code history}, by start time. */
  public static List<FaultInterval> of(History history) {
    Map<FaultFamily, Op> open = new EnumMap<>(FaultFamily.class);
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
      Optional<FaultFamily> started = FaultFamily.startedBy(op.f());
      if (started.isEmpty() && op.f().equals("start") && !open.containsKey(FaultFamily.KILL)) {
        started = Optional.of(FaultFamily.PARTITION);
      }
      if (started.isPresent()) {
        open.putIfAbsent(started.get(), invoke);
        continue;
      }
      if (FaultFamily.HEAL_ALL.contains(op.f())) {
        for (Map.Entry<FaultFamily, Op> e : open.entrySet()) {
          out.add(interval(e.getKey(), e.getValue(), op.f(), op.time()));
        }
        open.clear();
        continue;
      }
      Optional<FaultFamily> healed = FaultFamily.healedBy(op.f());
      if (healed.isPresent() && open.containsKey(healed.get())) {
        out.add(interval(healed.get(), open.remove(healed.get()), op.f(), op.time()));
      }
    }
    for (Map.Entry<FaultFamily, Op> e : open.entrySet()) {
      out.add(interval(e.getKey(), e.getValue(), null, Math.max(last, e.getValue().time())));
    }
    out.sort(Comparator.comparingLong(FaultInterval::start).thenComparing(FaultInterval::family));
    return out;
  }

  private static FaultInterval interval(FaultFamily family, Op start, String healF, long end) {
    return new FaultInterval(family, start.f(), start.value() == null ? "" : Values.show(start.value()), healF,
        start.time(), Math.max(end, start.time()));
  }
}
