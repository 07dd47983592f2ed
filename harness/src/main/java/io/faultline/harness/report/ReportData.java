package io.faultline.harness.report;

import com.fasterxml.jackson.core.type.TypeReference;
import io.faultline.harness.checker.model.Values;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.HistoryFormat;
import io.faultline.harness.history.codec.OpJson;
import io.faultline.harness.spi.FaultFamily;
import io.faultline.harness.store.Json;
import io.faultline.harness.store.RunDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Everything a report page shows, as one JSON-ready map that the page embeds and its script draws: the summary, the
 * fault intervals, the linearizability timelines ({@link KeyTimelines}) and the performance series
 * ({@link Performance}). Built only from stored files (or, for {@code check --html}, from a history and its result), so
 * a report can always be rebuilt.
 */
public final class ReportData {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private ReportData() {}

  /** The data of a stored run; files that are missing leave their parts out. */
  public static Map<String, Object> ofRun(RunDir run) {
    Map<String, Object> spec = Files.exists(run.testJson()) ? readMap(run.testJson()) : null;
    Map<String, Object> results = Files.exists(run.results()) ? readMap(run.results()) : null;
    History history =
        Files.exists(run.history()) ? HistoryFormat.JSONL.read(run.history()) : History.empty();
    Map<String, Object> lin =
        results != null
                && results.get("linearizability") instanceof Map<?, ?> m
                && m.containsKey("model")
            ? cast(m)
            : null;
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "run");
    d.put("name", spec == null ? run.path().getFileName().toString() : spec.get("name"));
    d.put("run", run.path().getFileName().toString());
    d.put(
        "verdict", results == null ? "incomplete" : KeyTimelines.verdictName(results.get("valid")));
    d.put("error", results == null ? null : errorOf(results.get("linearizability")));
    d.put("seed", spec == null ? null : spec.get("seed"));
    d.put("spec", spec);
    d.put("files", files(run));
    d.put("nodeLogs", nodeLogs(run));
    d.putAll(common(history, lin, families(results)));
    d.put("elements", results == null ? null : elements(results.get("linearizability")));
    d.put("perf", Performance.of(history));
    d.put("checks", checks(results));
    return d;
  }

  /**
   * One row per check in {@code results.json} (linearizability, and those below the history: replica agreement,
   * durable acknowledgements): its name, its verdict, its counts (the numbers and the sizes of its lists, e.g.
   * {@code lost}), and its error or why it was skipped.
   */
  static List<Map<String, Object>> checks(Map<String, Object> results) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (results == null) {
      return out;
    }
    results.forEach(
        (name, value) -> {
          if (value instanceof Map<?, ?> m && m.containsKey("valid")) {
            Map<String, Object> counts = new LinkedHashMap<>();
            m.forEach(
                (k, v) -> {
                  if (v instanceof Number n && !k.equals("time-ms")) {
                    counts.put(String.valueOf(k), n);
                  } else if (v instanceof java.util.Collection<?> c && !c.isEmpty()) {
                    counts.put(String.valueOf(k), c.size());
                  }
                });
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", name);
            row.put("verdict", KeyTimelines.verdictName(m.get("valid")));
            row.put("counts", counts);
            Object note = m.containsKey("error") ? m.get("error") : m.get("skipped");
            row.put("note", note == null ? null : String.valueOf(note));
            out.add(row);
          }
        });
    return out;
  }

  /** The data of {@code ./faultline check --html}: the summary and linearizability parts of one history file. */
  public static Map<String, Object> ofCheck(Path file, History history, Map<String, Object> lin) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", "check");
    d.put("name", String.valueOf(file.getFileName()));
    d.put("file", file.toString());
    d.put("verdict", KeyTimelines.verdictName(lin.get("valid")));
    d.putAll(common(history, lin, JepsenFamilies.FAMILIES));
    return d;
  }

  private static Map<String, Object> common(
      History history, Map<String, Object> lin, List<FaultFamily> families) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("duration", duration(history));
    d.put("historyOps", history.size());
    d.put("counts", counts(history));
    List<Map<String, Object>> faults = new ArrayList<>();
    for (FaultInterval i : FaultIntervals.of(history, families)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("family", i.family().name());
      m.put("color", i.family().colour());
      m.put("f", i.f());
      m.put("value", i.value());
      m.put("heal", i.healF());
      m.put("start", i.start());
      m.put("end", i.end());
      faults.add(m);
    }
    d.put("faults", faults);
    d.put("nemesis", nemesisOps(history));
    d.put("families", familyColors(families));
    d.put(
        "lin",
        history.isEmpty() && lin == null
            ? null
            : KeyTimelines.of(history, lin, KeyTimelines.Limits.DEFAULT));
    return d;
  }

  /** At most this many lost elements are listed on the page. */
  static final int MAX_LOST = 1_000;

  /**
   * The findings of a checker of unique elements (the set and queue checkers: a result with {@code lost-count}): its
   * counts, the lost elements with the time each was acknowledged ({@code lost-acked-at}, when the checker gives it)
   * and the per-node findings; the first {@value #MAX_LOST} lost ones. {@code null} for other checkers.
   */
  static Map<String, Object> elements(Object checker) {
    if (!(checker instanceof Map<?, ?> m) || !m.containsKey("lost-count")) {
      return null;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    Map<String, Object> counts = new LinkedHashMap<>();
    m.forEach(
        (k, v) -> {
          if (String.valueOf(k).endsWith("-count")) {
            counts.put(String.valueOf(k), v);
          }
        });
    out.put("counts", counts);
    Object acked = m.get("lost-acked-at");
    List<?> lost = acked instanceof List<?> l ? l : (List<?>) m.get("lost");
    out.put("lost", lost == null ? List.of() : lost.subList(0, Math.min(MAX_LOST, lost.size())));
    out.put("ackTimes", acked instanceof List<?>);
    for (String k : List.of("divergent", "lagging", "read-lengths", "duplicated")) {
      if (m.containsKey(k)) {
        out.put(k, m.get(k));
      }
    }
    return out;
  }

  /** At most this many nemesis ops are listed on the page's fault timeline. */
  static final int MAX_NEMESIS_OPS = 2_000;

  /**
   * The nemesis' operations, each as its invocation's time and f, its completion's type, and what it said (the
   * completion's value, which tells what the nemesis did, else the invocation's); the first {@value #MAX_NEMESIS_OPS}.
   */
  static List<Map<String, Object>> nemesisOps(History history) {
    List<Map<String, Object>> out = new ArrayList<>();
    Op invoke = null;
    for (Op op : history.ops()) {
      if (!op.isNemesis() || out.size() >= MAX_NEMESIS_OPS) {
        continue;
      }
      if (op.type() == Op.Type.INVOKE) {
        invoke = op;
        continue;
      }
      Op start = invoke != null && invoke.f().equals(op.f()) ? invoke : op;
      invoke = null;
      if (start.time() < 0) {
        continue;
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("t", start.time());
      m.put("end", Math.max(start.time(), op.time()));
      m.put("f", op.f());
      m.put("type", op.type().jepsenName());
      Object v = op.value() != null ? op.value() : start.value();
      m.put("value", v == null ? null : Values.show(OpJson.toJson(v)));
      out.add(m);
    }
    return out;
  }

  private static Map<String, String> familyColors(List<FaultFamily> families) {
    Map<String, String> m = new LinkedHashMap<>();
    for (FaultFamily f : families) {
      m.put(f.name(), f.colour());
    }
    return m;
  }

  /**
   * The fault families the run's nemesis declared ({@code faultFamilies} of {@code results.json}), or Jepsen's for a
   * run stored before the field existed, or without results.
   */
  static List<FaultFamily> families(Map<String, Object> results) {
    if (results == null || !(results.get("faultFamilies") instanceof List<?> declared)) {
      return JepsenFamilies.FAMILIES;
    }
    return Json.MAPPER.convertValue(declared, FAMILY_LIST);
  }

  private static final TypeReference<List<FaultFamily>> FAMILY_LIST = new TypeReference<>() {};

  /**
   * Nanoseconds from the start of the test (time 0) to the last op, as the index of runs counts them; {@code null}
   * when no op has a time.
   */
  private static Long duration(History history) {
    long max = -1;
    for (Op op : history.ops()) {
      max = Math.max(max, op.time());
    }
    return max < 0 ? null : max;
  }

  /**
   * Per f, how many operations completed ok, fail and info, and how many never completed; client fs first, then the
   * nemesis' (whose completions are counted by type likewise).
   */
  static List<Map<String, Object>> counts(History history) {
    Map<String, long[]> client = new TreeMap<>();
    Map<String, long[]> nemesis = new TreeMap<>();
    for (Op op : history.ops()) {
      Map<String, long[]> by = op.isNemesis() ? nemesis : client;
      long[] c = by.computeIfAbsent(op.f(), k -> new long[4]);
      if (op.type() == Op.Type.INVOKE) {
        if (!op.isNemesis() && history.completionOf((int) op.index()) == null) {
          c[3]++;
        }
      } else {
        c[op.type().ordinal() - 1]++;
      }
    }
    List<Map<String, Object>> out = new ArrayList<>();
    addCounts(out, client, false);
    addCounts(out, nemesis, true);
    return out;
  }

  private static void addCounts(
      List<Map<String, Object>> out, Map<String, long[]> by, boolean nemesis) {
    by.forEach(
        (f, c) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("f", f);
          m.put("nemesis", nemesis);
          m.put("ok", c[0]);
          m.put("fail", c[1]);
          m.put("info", c[2]);
          m.put("pending", c[3]);
          out.add(m);
        });
  }

  private static Object errorOf(Object lin) {
    return lin instanceof Map<?, ?> m ? m.get("error") : null;
  }

  private static List<Map<String, String>> files(RunDir run) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Path p : List.of(run.testJson(), run.history(), run.results(), run.latency())) {
      if (Files.exists(p)) {
        out.add(Map.of("name", p.getFileName().toString(), "href", p.getFileName().toString()));
      }
    }
    return out;
  }

  /** Every {@code *.log} file under {@code nodes/<node>/}, by node. */
  private static List<Map<String, String>> nodeLogs(RunDir run) {
    List<Map<String, String>> out = new ArrayList<>();
    if (!Files.isDirectory(run.nodes())) {
      return out;
    }
    try (Stream<Path> s = Files.walk(run.nodes(), 2)) {
      s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".log"))
          .sorted()
          .forEach(
              p ->
                  out.add(
                      Map.of(
                          "node", run.nodes().relativize(p).getName(0).toString(),
                          "name", p.getFileName().toString(),
                          "href", run.path().relativize(p).toString().replace('\\', '/'))));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + run.nodes() + ": " + e.getMessage(), e);
    }
    return out;
  }

  static Map<String, Object> readMap(Path file) {
    try {
      return Json.MAPPER.readValue(file.toFile(), MAP);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }
}
