package io.faultline.workloads.set;

import io.faultline.harness.history.Op;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What became of unique elements, given how each one's insertion ended and which elements a final read saw: the
 * accounting of Jepsen's set checker, shared by the workloads whose elements are unique.
 *
 * @param attempted how many insertions were attempted
 * @param acknowledged how many were acknowledged
 * @param lost acknowledged elements that were not seen
 * @param unexpected seen elements whose insertion was never attempted, or definitely failed
 * @param recovered seen elements whose insertion was indeterminate ({@code info}, or never completed)
 */
public record Fates(
    int attempted,
    int acknowledged,
    Set<Object> lost,
    Set<Object> unexpected,
    Set<Object> recovered) {

  /**
   * @param outcome how each element's insertion ended ({@code INFO} for one that never completed)
   * @param present whether an element was seen
   * @param seen every element seen, for the unexpected ones
   */
  public static Fates of(Map<Object, Op.Type> outcome, Set<Object> present, Collection<?> seen) {
    Set<Object> lost = sorted();
    Set<Object> unexpected = sorted();
    Set<Object> recovered = sorted();
    int acknowledged = 0;
    for (Map.Entry<Object, Op.Type> e : outcome.entrySet()) {
      boolean there = present.contains(e.getKey());
      if (e.getValue() == Op.Type.OK) {
        acknowledged++;
        if (!there) {
          lost.add(e.getKey());
        }
      } else if (e.getValue() == Op.Type.INFO && there) {
        recovered.add(e.getKey());
      }
    }
    for (Object x : seen) {
      Op.Type t = outcome.get(x);
      if (t == null || t == Op.Type.FAIL) {
        unexpected.add(x);
      }
    }
    return new Fates(outcome.size(), acknowledged, lost, unexpected, recovered);
  }

  /** Writes the counts and elements into a checker's JSON, under the set checker's names. */
  public void into(Map<String, Object> json) {
    json.put("attempt-count", attempted);
    json.put("acknowledged-count", acknowledged);
    json.put("lost-count", lost.size());
    json.put("lost", List.copyOf(lost));
    json.put("unexpected-count", unexpected.size());
    json.put("unexpected", List.copyOf(unexpected));
    json.put("recovered-count", recovered.size());
    json.put("recovered", List.copyOf(recovered));
  }

  /** An empty set of elements, numbers before strings, each in natural order. */
  public static Set<Object> sorted() {
    return new TreeSet<>(
        (a, b) -> {
          if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
          }
          if (a instanceof Long != b instanceof Long) {
            return a instanceof Long ? -1 : 1;
          }
          return String.valueOf(a).compareTo(String.valueOf(b));
        });
  }
}
