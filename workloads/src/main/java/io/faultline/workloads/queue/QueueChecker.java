package io.faultline.workloads.queue;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.Values;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.workloads.set.Fates;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The queue checker: each {@code publish v} publishes a unique value, and each {@code read [node values]} taken
 * after healing is the whole stream as {@code node} holds it, in order. It reports, with {@link Fates} over the union
 * of the final reads:
 *
 * <ul>
 *   <li>{@code lost}: acknowledged publishes absent from every final read (INVALID), each with the time its
 *       acknowledgement came back, to set against the fault timeline;
 *   <li>{@code unexpected}: values never published, or whose publish definitely failed (INVALID);
 *   <li>{@code recovered}: indeterminate publishes that are present (legal);
 *   <li>{@code divergent}: nodes whose read disagrees with the longest read at some position, i.e. neither is a prefix
 *       of the other: the replicas hold different orders or contents (INVALID);
 *   <li>{@code lagging}: nodes whose read is a strict prefix of the longest one (legal: a replica still catching up);
 *   <li>{@code duplicated}: values that occur more than once in a read (legal under at least once; counted).
 * </ul>
 *
 * Valid iff nothing is lost, unexpected or divergent; unknown when a node has no successful final read and nothing
 * else is wrong.
 */
public final class QueueChecker implements Checker {

  @Override
  public Result check(History history) {
    Map<Object, Op.Type> outcome = new LinkedHashMap<>();
    Map<Object, Long> ackedAt = new HashMap<>();
    Map<String, List<?>> reads = new LinkedHashMap<>();
    List<String> readers = new ArrayList<>();
    int[] pairs = history.pairs();
    for (int i = 0; i < history.size(); i++) {
      Op op = history.get(i);
      if (op.isNemesis() || op.type() != Op.Type.INVOKE) {
        continue;
      }
      Op done = pairs[i] < 0 ? null : history.get(pairs[i]);
      if (op.f().equals("publish")) {
        Object v = Values.key(op.value());
        outcome.put(v, done == null ? Op.Type.INFO : done.type());
        if (done != null && done.type() == Op.Type.OK) {
          ackedAt.put(v, done.time());
        }
      } else if (op.f().equals("read") && Values.isTuple(op.value(), 2)) {
        String node = String.valueOf(Values.nth(op.value(), 0));
        readers.add(node);
        if (done != null
            && done.type() == Op.Type.OK
            && Values.nth(done.value(), 1) instanceof List<?> seen) {
          reads.put(node, seen);
        }
      }
    }
    List<Object> union = new ArrayList<>();
    Set<Object> present = new HashSet<>();
    Set<Object> duplicated = Fates.sorted();
    for (List<?> seen : reads.values()) {
      Set<Object> once = new HashSet<>();
      for (Object x : seen) {
        Object e = Values.key(x);
        if (!once.add(e)) {
          duplicated.add(e);
        }
        if (present.add(e)) {
          union.add(e);
        }
      }
    }
    Fates fates = Fates.of(outcome, present, union);
    List<String> unread = readers.stream().filter(n -> !reads.containsKey(n)).distinct().toList();
    Map<String, Object> divergent = new LinkedHashMap<>();
    List<String> lagging = new ArrayList<>();
    List<?> longest = reads.values().stream().max((a, b) -> a.size() - b.size()).orElse(List.of());
    reads.forEach(
        (node, seen) -> {
          int at = firstDifference(seen, longest);
          if (at >= 0) {
            divergent.put(node, Map.of("index", at, "value", Values.show(seen.get(at))));
          } else if (seen.size() < longest.size()) {
            lagging.add(node);
          }
        });
    boolean wrong =
        !fates.lost().isEmpty() || !fates.unexpected().isEmpty() || !divergent.isEmpty();
    Verdict verdict =
        wrong
            ? Verdict.INVALID
            : unread.isEmpty() && !reads.isEmpty() ? Verdict.VALID : Verdict.UNKNOWN;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", verdict.jsonValue());
    fates.into(json);
    List<List<Object>> lostAcks = new ArrayList<>();
    for (Object v : fates.lost()) {
      lostAcks.add(List.of(v, ackedAt.get(v)));
    }
    json.put("lost-acked-at", lostAcks);
    json.put("divergent-count", divergent.size());
    json.put("divergent", divergent);
    json.put("lagging", lagging);
    json.put("duplicated-count", duplicated.size());
    json.put("duplicated", List.copyOf(duplicated));
    Map<String, Integer> lengths = new LinkedHashMap<>();
    reads.forEach((n, seen) -> lengths.put(n, seen.size()));
    json.put("read-lengths", lengths);
    if (!unread.isEmpty()) {
      json.put("error", "no final read of " + String.join(", ", unread));
    }
    return Result.of(verdict, json);
  }

  /** The first index where {@code a} and {@code b} differ within the shorter, or -1 when one is a prefix of the other. */
  static int firstDifference(List<?> a, List<?> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      if (!Values.same(Values.key(a.get(i)), Values.key(b.get(i)))) {
        return i;
      }
    }
    return -1;
  }
}
