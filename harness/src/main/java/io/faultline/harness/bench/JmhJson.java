package io.faultline.harness.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the JSON that JMH writes with {@code -rf json}: an array with one object per benchmark and parameter set.
 * Every problem is a {@link BenchInputException} whose one-line message names the file and what is wrong.
 */
public final class JmhJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JmhJson() {}

  /** The results in {@code file}, in the file's order; never empty. */
  public static List<JmhResult> read(Path file) {
    JsonNode root;
    try {
      root = JSON.readTree(Files.readString(file));
    } catch (NoSuchFileException e) {
      throw new BenchInputException(file + ": no such file");
    } catch (JsonProcessingException e) {
      throw new BenchInputException(
          file
              + ": not JSON (line "
              + e.getLocation().getLineNr()
              + ": "
              + e.getOriginalMessage().lines().findFirst().orElse("")
              + ")");
    } catch (IOException e) {
      throw new BenchInputException(file + ": cannot be read (" + e.getMessage() + ")");
    }
    if (root == null || root.isMissingNode() || !root.isArray()) {
      throw new BenchInputException(
          file + ": not JMH JSON (expected an array of results, as written by -rf json)");
    }
    if (root.isEmpty()) {
      throw new BenchInputException(file + ": holds no benchmark results");
    }
    List<JmhResult> out = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      out.add(result(file, i, root.get(i)));
    }
    return out;
  }

  private static JmhResult result(Path file, int i, JsonNode r) {
    String where = file + ": result " + (i + 1);
    String benchmark = text(r, "benchmark", where);
    String mode = text(r, "mode", where);
    JsonNode primary = r.get("primaryMetric");
    if (primary == null || !primary.isObject()) {
      throw new BenchInputException(where + " (" + benchmark + "): no primaryMetric object");
    }
    where += " (" + benchmark + ")";
    double score = number(primary, "score", where, false);
    double error = number(primary, "scoreError", where, true);
    String unit = text(primary, "scoreUnit", where);
    SortedMap<String, String> params = new TreeMap<>();
    JsonNode p = r.get("params");
    if (p != null && p.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        params.put(e.getKey(), e.getValue().asText());
      }
    }
    SortedMap<Double, Double> percentiles = new TreeMap<>();
    JsonNode pc = primary.get("scorePercentiles");
    if (pc != null && pc.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = pc.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        try {
          percentiles.put(Double.parseDouble(e.getKey()), value(e.getValue()));
        } catch (NumberFormatException ex) {
          throw new BenchInputException(
              where + ": scorePercentiles has a key that is not a number: " + e.getKey());
        }
      }
    }
    return new JmhResult(benchmark, mode, params, score, error, unit, percentiles);
  }

  private static String text(JsonNode o, String field, String where) {
    JsonNode v = o == null ? null : o.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new BenchInputException(where + ": no \"" + field + "\" string (not JMH JSON?)");
    }
    return v.asText();
  }

  /** A number, or JMH's "NaN" (which it writes as a string) when {@code nanAllowed}. */
  private static double number(JsonNode o, String field, String where, boolean nanAllowed) {
    JsonNode v = o.get(field);
    if (v == null) {
      if (nanAllowed) {
        return Double.NaN;
      }
      throw new BenchInputException(where + ": no \"" + field + "\" number");
    }
    double d = value(v);
    if (Double.isNaN(d) && !nanAllowed) {
      throw new BenchInputException(where + ": \"" + field + "\" is not a number: " + v);
    }
    return d;
  }

  private static double value(JsonNode v) {
    if (v.isNumber()) {
      return v.asDouble();
    }
    if (v.isTextual()) {
      String s = v.asText();
      return switch (s) {
        case "NaN" -> Double.NaN;
        case "Infinity" -> Double.POSITIVE_INFINITY;
        case "-Infinity" -> Double.NEGATIVE_INFINITY;
        default -> {
          try {
            yield Double.parseDouble(s);
          } catch (NumberFormatException e) {
            yield Double.NaN;
          }
        }
      };
    }
    return Double.NaN;
  }
}
