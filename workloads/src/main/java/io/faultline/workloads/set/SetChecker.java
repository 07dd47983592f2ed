package io.faultline.workloads.set;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.Values;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Jepsen's set checker, over keys: each {@code add [k e]} adds a unique element to the set {@code k}, and the last
 * successful {@code read [k elements]} of each key, taken after healing, is its final content. It reports:
 *
 * <ul>
 *   <li>{@code lost}: acknowledged adds absent from the final read;
 *   <li>{@code unexpected}: elements present although no add of them was ever attempted, or their add definitely
 *       failed;
 *   <li>{@code recovered}: indeterminate adds ({@code info}, or never completed) that are present, which is legal.
 * </ul>
 *
 * Valid iff nothing is lost or unexpected; unknown when a key that was added to has no final read.
 */
public final class SetChecker implements Checker {

  /** Elements are unique across keys, so each is kept as one comparable element (numbers, or else strings). */
  @Override
  public Result check(History history) {
    Map<Object, Op.Type> outcome = new LinkedHashMap<>();
    Map<Object, Object> keyOf = new LinkedHashMap<>();
    Map<Object, List<?>> finalRead = new LinkedHashMap<>();
    int[] pairs = history.pairs();
    for (int i = 0; i < history.size(); i++) {
      Op op = history.get(i);
      if (op.isNemesis() || op.type() != Op.Type.INVOKE || !Values.isTuple(op.value(), 2)) {
        continue;
      }
      Object key = Values.key(Values.nth(op.value(), 0));
      Op done = pairs[i] < 0 ? null : history.get(pairs[i]);
      if (op.f().equals("add")) {
        Object e = Values.key(Values.nth(op.value(), 1));
        outcome.put(e, done == null ? Op.Type.INFO : done.type());
        keyOf.put(e, key);
      } else if (op.f().equals("read")
          && done != null
          && done.type() == Op.Type.OK
          && Values.nth(done.value(), 1) instanceof List<?> seen) {
        finalRead.put(key, seen);
      }
    }
    TreeSet<Object> lost = sorted();
    TreeSet<Object> unexpected = sorted();
    TreeSet<Object> recovered = sorted();
    List<Object> unread = new ArrayList<>();
    int acknowledged = 0;
    for (Map.Entry<Object, Op.Type> e : outcome.entrySet()) {
      Object key = keyOf.get(e.getKey());
      List<?> seen = finalRead.get(key);
      if (seen == null) {
        if (!unread.contains(key)) {
          unread.add(key);
        }
        continue;
      }
      boolean present = seen.stream().anyMatch(x -> Values.same(Values.key(x), e.getKey()));
      switch (e.getValue()) {
        case OK -> {
          acknowledged++;
          if (!present) {
            lost.add(e.getKey());
          }
        }
        case INFO -> {
          if (present) {
            recovered.add(e.getKey());
          }
        }
        default -> {
          if (present) {
            unexpected.add(e.getKey());
          }
        }
      }
    }
    finalRead.forEach(
        (key, seen) -> {
          for (Object x : seen) {
            Object el = Values.key(x);
            if (!outcome.containsKey(el) || !Values.same(keyOf.get(el), key)) {
              unexpected.add(el);
            }
          }
        });
    Verdict verdict =
        !lost.isEmpty() || !unexpected.isEmpty()
            ? Verdict.INVALID
            : unread.isEmpty() ? Verdict.VALID : Verdict.UNKNOWN;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", verdict.jsonValue());
    json.put("attempt-count", outcome.size());
    json.put("acknowledged-count", acknowledged);
    json.put("lost-count", lost.size());
    json.put("lost", List.copyOf(lost));
    json.put("unexpected-count", unexpected.size());
    json.put("unexpected", List.copyOf(unexpected));
    json.put("recovered-count", recovered.size());
    json.put("recovered", List.copyOf(recovered));
    if (!unread.isEmpty()) {
      json.put("error", "no final read of " + Values.show(unread));
    }
    return Result.of(verdict, json);
  }

  private static TreeSet<Object> sorted() {
    return (TreeSet<Object>) Fates.sorted();
  }
}
