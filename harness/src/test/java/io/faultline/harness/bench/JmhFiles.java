package io.faultline.harness.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Crafted JMH JSON, shaped like what JMH 1.37 writes with {@code -rf json}. */
final class JmhFiles {
  private JmhFiles() {}

  static String result(
      String benchmark,
      String mode,
      Map<String, String> params,
      double score,
      double error,
      String unit) {
    String p =
        params.isEmpty()
            ? ""
            : "\"params\" : {"
                + params.entrySet().stream()
                    .map(e -> "\"" + e.getKey() + "\" : \"" + e.getValue() + "\"")
                    .collect(Collectors.joining(", "))
                + "},";
    return String.format(
        Locale.ROOT,
        """
        {
          "jmhVersion" : "1.37", "benchmark" : "%s", "mode" : "%s", "threads" : 1, "forks" : 1,
          "jvm" : "/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "warmupIterations" : 1, "warmupTime" : "1 s",
          "measurementIterations" : 2, "measurementTime" : "1 s", %s
          "primaryMetric" : {
            "score" : %s, "scoreError" : %s,
            "scoreConfidence" : [0, 0], "scoreUnit" : "%s", "rawData" : [[1.0, 2.0]]
          },
          "secondaryMetrics" : {}
        }""",
        benchmark,
        mode,
        p,
        number(score),
        Double.isNaN(error) ? "\"NaN\"" : number(error),
        unit);
  }

  static String array(String... results) {
    return "[\n" + String.join(",\n", results) + "\n]\n";
  }

  private static String number(double d) {
    return Double.toString(d);
  }
}
