package io.faultline.harness.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Committed baselines: {@code results/baselines/jmh-<name>.json}, JMH's JSON without the per-iteration sample
 * histograms and without the secondary metrics {@code p0.50}... that repeat {@code scorePercentiles} (together the
 * bulk of a {@code SampleTime} file, and unused by the comparison), and a sidecar
 * {@code jmh-<name>.machine.md} that describes the machine, since a baseline means nothing on another one.
 */
public final class Baselines {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code p0.50} as JMH 1.37 writes it, or {@code ·p0.50} as it prints it. */
  private static final Pattern PERCENTILE = Pattern.compile("\u00b7?p\\d+(\\.\\d+)?");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

  private Baselines() {}

  /** The baseline's JSON file for a name such as {@code default}: {@code dir/jmh-default.json}. */
  public static Path file(Path dir, String name) {
    if (!NAME.matcher(name).matches()) {
      throw new BenchInputException("a baseline name is letters, digits, '.', '_' or '-': " + name);
    }
    return dir.resolve("jmh-" + name + ".json");
  }

  /** The sidecar of a baseline's JSON file: {@code jmh-default.json} → {@code jmh-default.machine.md}. */
  public static Path sidecar(Path json) {
    String n = json.getFileName().toString();
    return json.resolveSibling(
        (n.endsWith(".json") ? n.substring(0, n.length() - 5) : n) + ".machine.md");
  }

  /**
   * Copies a run into {@code dir} as baseline {@code name}, checked as JMH JSON and trimmed, and writes the sidecar.
   * Returns the baseline's JSON file.
   */
  public static Path save(Path run, Path dir, String name) {
    List<JmhResult> results = JmhJson.read(run);
    Path target = file(dir, name);
    try {
      JsonNode root = JSON.readTree(run.toFile());
      for (JsonNode r : root) {
        trim(r.get("primaryMetric"));
        if (r.get("secondaryMetrics") instanceof ObjectNode secondary) {
          List<String> percentiles = new ArrayList<>();
          secondary
              .fieldNames()
              .forEachRemaining(
                  n -> {
                    if (PERCENTILE.matcher(n).matches()) {
                      percentiles.add(n);
                    }
                  });
          secondary.remove(percentiles);
          secondary.forEach(Baselines::trim);
        }
      }
      Files.createDirectories(dir);
      JSON.writerWithDefaultPrettyPrinter().writeValue(target.toFile(), root);
      Files.writeString(sidecar(target), describeMachine(run, results));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }

  private static void trim(JsonNode metric) {
    if (metric instanceof ObjectNode o) {
      o.remove("rawDataHistogram");
    }
  }

  /** What can be found out about this machine, and a line for what cannot (what else was running). */
  static String describeMachine(Path run, List<JmhResult> results) {
    StringBuilder sb = new StringBuilder("# The machine of this baseline\n\n");
    sb.append("- recorded: ")
        .append(
            OffsetDateTime.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")))
        .append(", from ")
        .append(run.getFileName())
        .append(" (")
        .append(results.size())
        .append(" results)\n");
    sb.append("- cpu: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(first("/proc/cpuinfo", "model name"))
        .append('\n');
    sb.append("- memory: ").append(first("/proc/meminfo", "MemTotal")).append('\n');
    sb.append("- os: ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append('\n');
    sb.append("- jdk: ")
        .append(System.getProperty("java.vm.name"))
        .append(' ')
        .append(System.getProperty("java.runtime.version"))
        .append('\n');
    sb.append("- disk (temp folder, where the stores keep their data): ")
        .append(disk())
        .append('\n');
    sb.append("- load average when saved: ").append(read("/proc/loadavg").strip()).append('\n');
    sb.append("- other work running during the measurement: (say what, or \"none\")\n");
    return sb.toString();
  }

  private static String disk() {
    try {
      var store = Files.getFileStore(Path.of(System.getProperty("java.io.tmpdir")));
      return store.name() + " (" + store.type() + ")";
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String first(String file, String key) {
    return read(file)
        .lines()
        .filter(l -> l.startsWith(key))
        .map(l -> l.substring(l.indexOf(':') + 1).strip())
        .findFirst()
        .orElse("unknown");
  }

  private static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
