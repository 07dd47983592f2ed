package io.faultline.harness.checker;

import java.util.Map;

/** What a checker found: a verdict, and the evidence as a JSON-ready map (Knossos' keys where they exist). */
public interface Result {

  Verdict verdict();

  /**
   * The result as a JSON-ready map of plain values, with {@code "valid"} first: {@code true}, {@code false} or
   * {@code "unknown"}.
   */
  Map<String, Object> toJson();

  /** A result whose evidence is already a map: {@code json} as it is, with {@code "valid"} first. */
  static Result of(Verdict verdict, Map<String, Object> json) {
    record Plain(Verdict verdict, Map<String, Object> json) implements Result {
      @Override
      public Map<String, Object> toJson() {
        return json;
      }
    }
    return new Plain(verdict, json);
  }

  /**
   * Checkers composed, as Jepsen's {@code checker/compose}: the worst verdict, and each part's evidence under its
   * name, after {@code "valid"}.
   */
  static Result composed(java.util.Map<String, Result> parts) {
    Verdict v = Verdict.VALID;
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
    json.put("valid", null);
    for (java.util.Map.Entry<String, Result> e : parts.entrySet()) {
      v = v.merge(e.getValue().verdict());
      json.put(e.getKey(), e.getValue().toJson());
    }
    json.put("valid", v.jsonValue());
    return of(v, java.util.Collections.unmodifiableMap(json));
  }
}
