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
}
