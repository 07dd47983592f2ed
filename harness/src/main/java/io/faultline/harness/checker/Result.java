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
}
