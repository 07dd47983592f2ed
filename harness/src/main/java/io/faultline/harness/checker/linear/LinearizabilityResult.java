package io.faultline.harness.checker.linear;

import io.faultline.harness.checker.Result;
import io.faultline.harness.checker.Verdict;
import io.faultline.harness.checker.model.Operation;
import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.OpJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The linearizability verdict on a history, with its evidence: per part (key) when the model partitions, and for an
 * invalid part the operation that cannot be linearized, the last ok operation before it, and a sample of the longest
 * partial linearizations (Knossos' {@code :op}, {@code :previous-ok} and {@code :final-paths}).
 *
 * @param model the model's name
 * @param partitioned whether the history was split into independent parts
 * @param parts the parts' results, in order of their first operation; one part when not partitioned
 * @param historyOps how many ops the history held (invocations, completions and nemesis ops)
 * @param timeNanos how long the whole check took
 */
public record LinearizabilityResult(
    String model, boolean partitioned, List<PartResult> parts, int historyOps, long timeNanos)
    implements Result {

  /** Invalid if any part is, else unknown if any part is, else valid. */
  @Override
  public Verdict verdict() {
    Verdict v = Verdict.VALID;
    for (PartResult p : parts) {
      v = v.merge(p.verdict());
    }
    return v;
  }

  /** The parts whose verdict is {@code v}. */
  public List<PartResult> partsWith(Verdict v) {
    return parts.stream().filter(p -> p.verdict() == v).toList();
  }

  @Override
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", verdict().jsonValue());
    m.put("model", model);
    m.put("analyzer", "wgl");
    if (partitioned) {
      m.put("failures", keys(Verdict.INVALID));
      m.put("unknown", keys(Verdict.UNKNOWN));
      Map<String, Object> results = new LinkedHashMap<>();
      for (PartResult p : parts) {
        results.put(keyName(p.key()), partJson(p));
      }
      m.put("results", results);
    } else {
      partJson(parts.get(0))
          .forEach(
              (k, v) -> {
                if (!k.equals("valid")) {
                  m.put(k, v);
                }
              });
    }
    m.put("history-ops", historyOps);
    m.put("time-ms", timeNanos / 1_000_000.0);
    return m;
  }

  private List<String> keys(Verdict v) {
    return partsWith(v).stream().map(p -> keyName(p.key())).toList();
  }

  private static String keyName(Object key) {
    return OpJson.keyName(key);
  }

  private static Map<String, Object> partJson(PartResult p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("valid", p.verdict().jsonValue());
    m.put("operations", p.operations());
    m.put("configs", p.configurations());
    m.put("time-ms", p.timeNanos() / 1_000_000.0);
    if (p.cause() != null) {
      m.put("cause", p.cause());
    }
    Failure f = p.failure();
    if (f != null) {
      m.put("op", operationJson(f.op()));
      m.put("previous-ok", f.previousOk() == null ? null : operationJson(f.previousOk()));
      m.put("longest-linearized", f.longestLinearized());
      List<Object> paths = new ArrayList<>();
      for (List<Step> path : f.paths()) {
        List<Object> steps = new ArrayList<>();
        for (Step s : path) {
          Map<String, Object> step = new LinkedHashMap<>();
          step.put("op", operationJson(s.op()));
          if (s.model() != null) {
            step.put("model", s.model());
          }
          if (s.error() != null) {
            step.put("error", s.error());
          }
          steps.add(step);
        }
        paths.add(steps);
      }
      m.put("final-paths", paths);
    }
    return m;
  }

  /**
   * An operation as JSON: its process, outcome, function and value, and the history index and time of its
   * invocation and completion (absent when it never completed).
   */
  static Map<String, Object> operationJson(Operation op) {
    Map<String, Object> m = new LinkedHashMap<>();
    Op invoke = op.invoke();
    Op done = op.completion();
    m.put("process", invoke.isNemesis() ? "nemesis" : invoke.process());
    m.put("type", done == null ? "info" : done.type().jepsenName());
    m.put("f", op.f());
    m.put("value", OpJson.toJson(op.value()));
    m.put("index", invoke.index());
    m.put("time", invoke.time());
    if (done != null) {
      m.put("completion-index", done.index());
      m.put("completion-time", done.time());
      if (done.error() != null) {
        m.put("error", OpJson.toJson(done.error()));
      }
    }
    return m;
  }
}
