package io.faultline.harness.report;

import io.faultline.harness.checker.model.Values;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.OpJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linearizability section's data: one timeline per key (per part of the checker's result), Porcupine-style.
 *
 * <p><b>Event order, not time.</b> A timeline's x axis is the order of the key's call and return events in the
 * history, one slot per event, as in Porcupine: linearizability depends only on that order, and it gives every
 * operation a readable width whatever its latency. Times are still shown on the axis and on hover.
 *
 * <p>Each operation is
 * {@code [row, type, f, callX, returnX, callTime, returnTime, index, input, output, error, process]}:
 * {@code type} is {@code ok}, {@code fail}, {@code info} or {@code pending} (never completed), {@code returnX} and
 * {@code returnTime} are {@code -1} for a pending operation, {@code index} is the history index of its invocation, and
 * input and output are shown without the key. Rows are lanes of processes (see {@link #timeline}).
 *
 * <p>Invalid keys come first, then unknown ones, then the rest; a key is {@code collapsed} on the page unless it is
 * invalid, or unknown for a reason of its own (a key whose search was cancelled because another key is invalid is
 * collapsed).
 *
 * <p><b>Bounds.</b> A key's timeline holds at most {@link Limits#opsPerKey()} operations (for an invalid key, the
 * ones around the operation that cannot be linearized) and the page at most {@link Limits#opsTotal()}; what is left
 * out is counted and said on the page.
 */
final class KeyTimelines {
  /** How many operations the page embeds. */
  record Limits(int opsPerKey, int opsTotal) {
    static final Limits DEFAULT = new Limits(20_000, 60_000);
  }

  private static final String WHOLE = "history";
  private static final String NO_KEY = "(no key)";

  private KeyTimelines() {}

  /**
   * The section for {@code history} checked as {@code lin} (a {@code LinearizabilityResult#toJson()} map; {@code null}
   * when it was not checked for linearizability).
   */
  static Map<String, Object> of(History history, Map<String, Object> lin, Limits limits) {
    boolean partitioned = lin != null && lin.get("results") instanceof Map;
    Map<String, List<Op>> groups = group(history, partitioned);
    List<Map<String, Object>> keys = new ArrayList<>();
    for (Map.Entry<String, List<Op>> g : groups.entrySet()) {
      Map<String, Object> part = partOf(lin, partitioned, g.getKey());
      keys.add(key(history, g.getKey(), g.getValue(), part, partitioned));
    }
    keys.sort(
        Comparator.comparingInt((Map<String, Object> k) -> rank((String) k.get("verdict")))
            .thenComparingLong(k -> (Long) k.get("first")));
    int budget = limits.opsTotal();
    for (Map<String, Object> k : keys) {
      int cap = Math.min(limits.opsPerKey(), Math.max(0, budget));
      budget -= bound(history, k, cap, partitioned);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("verdict", lin == null ? null : verdictName(lin.get("valid")));
    out.put("model", lin == null ? null : lin.get("model"));
    out.put("partitioned", partitioned);
    out.put("timeMs", lin == null ? null : lin.get("time-ms"));
    out.put("opsTotal", limits.opsTotal());
    out.put("keys", keys);
    return out;
  }

  /** The client invocations of each key, in history order; keys in order of their first invocation. */
  private static Map<String, List<Op>> group(History history, boolean partitioned) {
    Map<String, List<Op>> groups = new LinkedHashMap<>();
    for (Op op : history.ops()) {
      if (op.isNemesis() || op.type() != Op.Type.INVOKE) {
        continue;
      }
      groups
          .computeIfAbsent(partitioned ? keyOf(op.value()) : WHOLE, k -> new ArrayList<>())
          .add(op);
    }
    return groups;
  }

  /** A key as the checker names its parts: the first element of a {@code [key value]} tuple. */
  static String keyOf(Object value) {
    return Values.isTuple(value, 2) ? OpJson.keyName(Values.key(Values.nth(value, 0))) : NO_KEY;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> partOf(
      Map<String, Object> lin, boolean partitioned, String key) {
    if (lin == null) {
      return null;
    }
    if (!partitioned) {
      return lin;
    }
    Object p = ((Map<String, Object>) lin.get("results")).get(key);
    return p instanceof Map ? (Map<String, Object>) p : null;
  }

  private static Map<String, Object> key(
      History history,
      String key,
      List<Op> invokes,
      Map<String, Object> part,
      boolean partitioned) {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("key", key);
    k.put("verdict", part == null ? "unchecked" : verdictName(part.get("valid")));
    k.put("first", invokes.get(0).index());
    k.put("count", invokes.size());
    if (part != null) {
      k.put("operations", part.get("operations"));
      k.put("configs", part.get("configs"));
      k.put("timeMs", part.get("time-ms"));
      k.put("cause", part.get("cause"));
      if (part.get("op") instanceof Map) {
        k.put("failure", failure(part));
      }
    }
    Object cause = k.get("cause");
    boolean cancelled = cause instanceof String c && c.startsWith("cancelled");
    k.put(
        "collapsed",
        !(k.get("verdict").equals("invalid") || k.get("verdict").equals("unknown") && !cancelled));
    k.put("invokes", invokes);
    return k;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> failure(Map<String, Object> part) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("index", indexOf(part.get("op")));
    f.put("previousOk", indexOf(part.get("previous-ok")));
    f.put("longest", part.get("longest-linearized"));
    List<Object> paths =
        part.get("final-paths") instanceof List<?> l ? (List<Object>) l : List.of();
    f.put("paths", paths.size());
    List<Map<String, Object>> path = new ArrayList<>();
    if (!paths.isEmpty()) {
      for (Object s : (List<Object>) paths.get(0)) {
        Map<String, Object> step = (Map<String, Object>) s;
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("index", indexOf(step.get("op")));
        p.put("model", step.get("model"));
        p.put("error", step.get("error"));
        path.add(p);
      }
    }
    f.put("path", path);
    Object error = path.isEmpty() ? null : path.get(path.size() - 1).get("error");
    f.put("error", error);
    return f;
  }

  private static Long indexOf(Object operationJson) {
    return operationJson instanceof Map<?, ?> m && m.get("index") instanceof Number n
        ? n.longValue()
        : null;
  }

  /**
   * Replaces the key's invocations by its timeline, keeping at most {@code cap} operations; returns how many it kept.
   */
  @SuppressWarnings("unchecked")
  private static int bound(History history, Map<String, Object> k, int cap, boolean partitioned) {
    List<Op> invokes = (List<Op>) k.remove("invokes");
    if (cap <= 0) {
      return 0;
    }
    int from = 0;
    int to = invokes.size();
    if (invokes.size() > cap) {
      int at = 0;
      if (k.get("failure") instanceof Map<?, ?> f && f.get("index") instanceof Long failing) {
        at = Math.max(0, position(invokes, failing));
      }
      from = Math.max(0, Math.min(at - cap * 4 / 5, invokes.size() - cap));
      to = from + cap;
      k.put("shown", Map.of("from", from, "to", to, "of", invokes.size()));
    }
    k.putAll(timeline(history, invokes.subList(from, to), partitioned));
    return to - from;
  }

  private static int position(List<Op> invokes, long index) {
    int lo = 0;
    int hi = invokes.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      long v = invokes.get(mid).index();
      if (v < index) {
        lo = mid + 1;
      } else if (v > index) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return lo;
  }

  /**
   * The rows, the number of event slots, and the operations of a timeline of these invocations.
   *
   * <p>Rows are lanes, not processes: after an indeterminate operation a worker continues under a new process id, so
   * a row per process would grow without bound over a long run. Processes are packed into lanes greedily in order of
   * their first call, a process joining the first lane whose last process finished before it started; a worker's
   * successive processes thus share a lane, and there are about as many lanes as workers. Each row lists its processes.
   */
  static Map<String, Object> timeline(History history, List<Op> invokes, boolean partitioned) {
    long[] events = new long[invokes.size() * 2];
    int n = 0;
    Map<Integer, long[]> spans = new LinkedHashMap<>();
    for (Op op : invokes) {
      events[n++] = op.index();
      Op done = history.completionOf((int) op.index());
      if (done != null) {
        events[n++] = done.index();
      }
      long end = done == null ? Long.MAX_VALUE : done.index();
      long[] span = spans.computeIfAbsent(op.process(), p -> new long[] {op.index(), end});
      span[1] = Math.max(span[1], end);
    }
    long[] sorted = Arrays.copyOf(events, n);
    Arrays.sort(sorted);
    List<List<Integer>> rows = new ArrayList<>();
    List<Long> rowEnds = new ArrayList<>();
    Map<Integer, Integer> rowOf = new java.util.HashMap<>();
    for (Map.Entry<Integer, long[]> e : spans.entrySet()) {
      int r = 0;
      while (r < rows.size() && rowEnds.get(r) >= e.getValue()[0]) {
        r++;
      }
      if (r == rows.size()) {
        rows.add(new ArrayList<>());
        rowEnds.add(0L);
      }
      rows.get(r).add(e.getKey());
      rowEnds.set(r, e.getValue()[1]);
      rowOf.put(e.getKey(), r);
    }
    List<Object> ops = new ArrayList<>(invokes.size());
    for (Op op : invokes) {
      Op done = history.completionOf((int) op.index());
      List<Object> o = new ArrayList<>(12);
      o.add(rowOf.get(op.process()));
      o.add(done == null ? "pending" : done.type().jepsenName());
      o.add(op.f());
      o.add(Arrays.binarySearch(sorted, op.index()));
      o.add(done == null ? -1 : Arrays.binarySearch(sorted, done.index()));
      o.add(op.time());
      o.add(done == null ? -1 : done.time());
      o.add(op.index());
      o.add(show(op.value(), partitioned));
      o.add(done == null ? null : show(done.value(), partitioned));
      o.add(done == null || done.error() == null ? null : Values.show(OpJson.toJson(done.error())));
      o.add(op.process());
      ops.add(o);
    }
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("rows", rows);
    t.put("slots", n);
    t.put("ops", ops);
    return t;
  }

  private static String show(Object value, boolean partitioned) {
    Object v = partitioned && Values.isTuple(value, 2) ? Values.nth(value, 1) : value;
    return Values.show(OpJson.toJson(v));
  }

  static String verdictName(Object valid) {
    if (Boolean.TRUE.equals(valid)) {
      return "valid";
    }
    if (Boolean.FALSE.equals(valid)) {
      return "invalid";
    }
    return valid == null ? "unknown" : String.valueOf(valid);
  }

  private static int rank(String verdict) {
    return switch (verdict) {
      case "invalid" -> 0;
      case "unknown" -> 1;
      case "unchecked" -> 3;
      default -> 2;
    };
  }
}
