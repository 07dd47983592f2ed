package io.faultline.workloads.append;

import io.faultline.harness.checker.Checker;
import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.linear.LinearizabilityChecker;
import io.faultline.harness.checker.linear.LinearizabilityOptions;
import io.faultline.harness.checker.model.ListAppendModel;
import io.faultline.harness.checker.model.Values;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks per-key append-only lists twice over. First, element by element, the way a user reads a data-loss bug:
 *
 * <ul>
 *   <li>{@code lost}: an element whose append was acknowledged, or that a read had already observed, before a read
 *       began, yet is absent from that read;
 *   <li>{@code duplicated}: an element that a read holds more than once (every append adds a unique element);
 *   <li>{@code unexpected}: an element that a read holds although no one ever tried to append it to that key.
 * </ul>
 *
 * Second, the sequence of appends and reads of each key must be linearizable against {@link ListAppendModel}, which
 * also catches reordered elements and reads that go back in time. The result is the linearizability result's JSON
 * with the three anomaly maps (key to elements) added, and is invalid if either check finds a problem.
 */
public final class AppendChecker implements Checker {
  private final LinearizabilityOptions options;

  public AppendChecker(LinearizabilityOptions options) {
    this.options = options;
  }

  public AppendChecker() {
    this(LinearizabilityOptions.defaults().withTimeout(Duration.ofMinutes(5)));
  }

  @Override
  public Result check(History history) {
    Anomalies anomalies = anomalies(history);
    Kept searched = withoutUnseenPendingAppends(history);
    Result lin =
        new LinearizabilityChecker(new ListAppendModel(), options).check(searched.history());
    Verdict verdict = anomalies.isEmpty() ? lin.verdict() : Verdict.INVALID.merge(lin.verdict());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", verdict.jsonValue());
    json.putAll(searched.originalIndices(lin.toJson()));
    json.put("valid", verdict.jsonValue());
    json.put("lost", anomalies.lost);
    json.put("duplicated", anomalies.duplicated);
    json.put("unexpected", anomalies.unexpected);
    json.put("linearizable", lin.verdict().jsonValue());
    return Result.of(verdict, json);
  }

  /**
   * The history without the indeterminate appends whose element no read ever saw (with the kept ops' indices in
   * {@code history}). Dropping them changes no verdict:
   * such an append may always be placed after every read (or never happen), where it constrains nothing; and it
   * spares the search from trying it at every point, which is what makes crashed clients expensive.
   */
  static Kept withoutUnseenPendingAppends(History history) {
    java.util.Set<List<?>> seen = new java.util.HashSet<>();
    for (io.faultline.harness.history.Op op : history.ops()) {
      if (op.type() == io.faultline.harness.history.Op.Type.OK
          && op.f().equals("read")
          && op.value() instanceof List<?> kv
          && kv.size() == 2
          && kv.get(1) instanceof List<?> elements) {
        for (Object e : elements) {
          seen.add(java.util.Arrays.asList(kv.get(0), e));
        }
      }
    }
    int[] pairs = history.pairs();
    boolean[] drop = new boolean[history.size()];
    for (io.faultline.harness.history.Op op : history.ops()) {
      int i = (int) op.index();
      if (op.type() != io.faultline.harness.history.Op.Type.INVOKE
          || !op.f().equals("append")
          || !(op.value() instanceof List<?> kv)
          || kv.size() != 2) {
        continue;
      }
      int j = pairs[i];
      boolean pending = j < 0 || history.get(j).type() == io.faultline.harness.history.Op.Type.INFO;
      if (pending && !seen.contains(java.util.Arrays.asList(kv.get(0), kv.get(1)))) {
        drop[i] = true;
        if (j >= 0) {
          drop[j] = true;
        }
      }
    }
    List<io.faultline.harness.history.Op> kept = new java.util.ArrayList<>();
    for (io.faultline.harness.history.Op op : history.ops()) {
      if (!drop[(int) op.index()]) {
        kept.add(op);
      }
    }
    if (kept.size() == history.size()) {
      return new Kept(history, null);
    }
    return new Kept(
        History.of(kept),
        kept.stream().mapToLong(io.faultline.harness.history.Op::index).toArray());
  }

  /**
   * The ops of a history that the search needs, re-indexed from 0 as {@link History#of} does, and for each its index
   * in the whole history ({@code original}; null when nothing was left out).
   */
  record Kept(History history, long[] original) {

    /**
     * A linearizability result of {@link #history} with each op's {@code index} and {@code completion-index} put back
     * to the op's index in the whole history, where the report and users look ops up ({@code history.jsonl}).
     */
    Map<String, Object> originalIndices(Map<String, Object> json) {
      return original == null ? json : remap(json);
    }

    @SuppressWarnings("unchecked")
    private <T> T remap(T value) {
      if (value instanceof Map<?, ?> m) {
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach(
            (k, v) ->
                out.put(
                    k,
                    (k.equals("index") || k.equals("completion-index"))
                            && v instanceof Number n
                            && n.longValue() >= 0
                            && n.longValue() < original.length
                        ? original[n.intValue()]
                        : remap(v)));
        return (T) out;
      }
      if (value instanceof List<?> l) {
        List<Object> out = new ArrayList<>(l.size());
        l.forEach(v -> out.add(remap(v)));
        return (T) out;
      }
      return value;
    }
  }

  /** Per key (sorted by name), the elements of each kind of anomaly; keys without one are left out. */
  private record Anomalies(
      Map<String, List<Object>> lost,
      Map<String, List<Object>> duplicated,
      Map<String, List<Object>> unexpected) {
    boolean isEmpty() {
      return lost.isEmpty() && duplicated.isEmpty() && unexpected.isEmpty();
    }
  }

  /** A completed read: when it began and ended (history positions), and what it saw. */
  private record Read(int invokedAt, int completedAt, List<?> elements) {}

  /** An element that is known to be in the list from {@code since} (a history position) on. */
  private record Known(Object element, int since) {}

  private static Anomalies anomalies(History history) {
    Map<String, Set<Object>> attempted = new TreeMap<>();
    Map<String, List<Known>> known = new TreeMap<>();
    Map<String, List<Read>> reads = new TreeMap<>();
    int[] pairs = history.pairs();
    for (int i = 0; i < history.size(); i++) {
      Op op = history.get(i);
      if (op.isNemesis() || op.type() != Op.Type.INVOKE || !Values.isTuple(op.value(), 2)) {
        continue;
      }
      String key = String.valueOf(Values.key(Values.nth(op.value(), 0)));
      Op done = pairs[i] < 0 ? null : history.get(pairs[i]);
      if (op.f().equals("append")) {
        attempted
            .computeIfAbsent(key, k -> new HashSet<>())
            .add(element(Values.nth(op.value(), 1)));
        if (done != null && done.type() == Op.Type.OK) {
          known
              .computeIfAbsent(key, k -> new ArrayList<>())
              .add(new Known(element(Values.nth(op.value(), 1)), pairs[i]));
        }
      } else if (op.f().equals("read")
          && done != null
          && done.type() == Op.Type.OK
          && Values.nth(done.value(), 1) instanceof List<?> seen) {
        reads.computeIfAbsent(key, k -> new ArrayList<>()).add(new Read(i, pairs[i], seen));
        for (Object e : seen) {
          known.computeIfAbsent(key, k -> new ArrayList<>()).add(new Known(element(e), pairs[i]));
        }
      }
    }
    Map<String, List<Object>> lost = new TreeMap<>();
    Map<String, List<Object>> duplicated = new TreeMap<>();
    Map<String, List<Object>> unexpected = new TreeMap<>();
    reads.forEach(
        (key, keyReads) -> {
          Set<Object> lostHere = new LinkedHashSet<>();
          Set<Object> twice = new LinkedHashSet<>();
          Set<Object> never = new LinkedHashSet<>();
          Set<Object> tried = attempted.getOrDefault(key, Set.of());
          for (Read r : keyReads) {
            Set<Object> held = new HashSet<>();
            for (Object e : r.elements()) {
              Object el = element(e);
              if (!held.add(el)) {
                twice.add(el);
              }
              if (!tried.contains(el)) {
                never.add(el);
              }
            }
            for (Known k : known.getOrDefault(key, List.of())) {
              if (k.since() < r.invokedAt() && !held.contains(k.element())) {
                lostHere.add(k.element());
              }
            }
          }
          putIfAny(lost, key, lostHere);
          putIfAny(duplicated, key, twice);
          putIfAny(unexpected, key, never);
        });
    return new Anomalies(lost, duplicated, unexpected);
  }

  private static void putIfAny(Map<String, List<Object>> into, String key, Set<Object> elements) {
    if (!elements.isEmpty()) {
      into.put(key, List.copyOf(elements));
    }
  }

  /** Elements compare as the model compares them: a keyword as its name. */
  private static Object element(Object e) {
    return Values.key(e);
  }
}
