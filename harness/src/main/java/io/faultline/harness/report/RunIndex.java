package io.faultline.harness.report;

import io.faultline.harness.store.RunDir;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code results/index.html}: every stored run, newest first, with its verdict, test name, seed, duration and a link to
 * its report. It is rebuilt from the run folders each time (there is no second copy of the truth to go stale), reading
 * only each run's small files and the last line of its history.
 */
public final class RunIndex {
  private static final Pattern STAMP = Pattern.compile("\\d{8}T\\d{6}\\.\\d{3}");
  private static final Pattern TIME = Pattern.compile("\"time\"\\s*:\\s*(\\d+)");

  private RunIndex() {}

  /** One row of the index. */
  record Entry(
      String test, String stamp, String verdict, Object seed, long durationNanos, String href) {}

  /** Rewrites {@code <results>/index.html} from {@code <results>/runs/}; returns its path. */
  public static Path update(Path results) {
    Path out = results.resolve("index.html");
    ReportWriter.writeAtomically(out, html(entries(results)));
    return out;
  }

  /** The runs under {@code <results>/runs/}, newest first. */
  static List<Entry> entries(Path results) {
    Path runs = results.resolve("runs");
    List<Entry> out = new ArrayList<>();
    if (!Files.isDirectory(runs)) {
      return out;
    }
    try (Stream<Path> tests = Files.list(runs)) {
      for (Path test :
          tests.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p)).toList()) {
        try (Stream<Path> stamps = Files.list(test)) {
          for (Path dir :
              stamps
                  .filter(
                      p ->
                          Files.isDirectory(p)
                              && STAMP.matcher(p.getFileName().toString()).matches())
                  .toList()) {
            out.add(entry(results, new RunDir(dir)));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + runs + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.comparing(Entry::stamp).thenComparing(Entry::test).reversed());
    return out;
  }

  private static Entry entry(Path results, RunDir run) {
    String test = run.path().getParent().getFileName().toString();
    Object seed = null;
    String verdict = "incomplete";
    try {
      if (Files.exists(run.testJson())) {
        Map<String, Object> spec = ReportData.readMap(run.testJson());
        test = String.valueOf(spec.getOrDefault("name", test));
        seed = spec.get("seed");
      }
      if (Files.exists(run.results())) {
        verdict = KeyTimelines.verdictName(ReportData.readMap(run.results()).get("valid"));
      }
    } catch (UncheckedIOException e) {
      verdict = "unreadable";
    }
    Path target = Files.exists(run.report()) ? run.report() : run.path();
    String href = results.relativize(target).toString().replace('\\', '/');
    return new Entry(
        test, run.path().getFileName().toString(), verdict, seed, lastTime(run.history()), href);
  }

  /** The time of the last op of a history file, from its last line; 0 when there is none. */
  static long lastTime(Path history) {
    if (!Files.isRegularFile(history)) {
      return 0;
    }
    try (RandomAccessFile f = new RandomAccessFile(history.toFile(), "r")) {
      long len = f.length();
      int n = (int) Math.min(len, 64 * 1024);
      byte[] tail = new byte[n];
      f.seek(len - n);
      f.readFully(tail);
      String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
      for (int i = lines.length - 1; i >= 0; i--) {
        Matcher m = TIME.matcher(lines[i]);
        if (m.find()) {
          return Long.parseLong(m.group(1));
        }
      }
      return 0;
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
  }

  static String html(List<Entry> entries) {
    StringBuilder sb = new StringBuilder();
    sb.append(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Faultline runs</title>\n")
        .append("<style>\n")
        .append(ReportPage.resource("report.css"))
        .append("</style>\n</head>\n<body>\n<main>\n")
        .append("<h1>Faultline runs</h1>\n<p class=\"muted\">")
        .append(entries.size())
        .append(entries.size() == 1 ? " run" : " runs")
        .append(", newest first.</p>\n")
        .append(
            "<table class=\"runs\">\n<thead><tr><th>verdict</th><th>test</th><th>started (UTC)</th><th>seed</th>")
        .append("<th>duration</th><th>report</th></tr></thead>\n<tbody>\n");
    for (Entry e : entries) {
      String v = e.verdict();
      sb.append("<tr><td><span class=\"badge verdict-")
          .append(ReportPage.escape(v))
          .append("\">")
          .append(ReportPage.escape(v.toUpperCase(Locale.ROOT)))
          .append("</span></td><td>")
          .append(ReportPage.escape(e.test()))
          .append("</td><td>")
          .append(ReportPage.escape(started(e.stamp())))
          .append("</td><td>")
          .append(e.seed() == null ? "" : ReportPage.escape(String.valueOf(e.seed())))
          .append("</td><td>")
          .append(duration(e.durationNanos()))
          .append("</td><td><a href=\"")
          .append(ReportPage.escape(e.href()))
          .append("\">")
          .append(e.href().endsWith("report.html") ? "report" : "folder")
          .append("</a></td></tr>\n");
    }
    sb.append("</tbody>\n</table>\n</main>\n</body>\n</html>\n");
    return sb.toString();
  }

  /** {@code 20261130T014512.345} as {@code 2026-11-30 01:45:12}. */
  static String started(String stamp) {
    return stamp.substring(0, 4)
        + "-"
        + stamp.substring(4, 6)
        + "-"
        + stamp.substring(6, 8)
        + " "
        + stamp.substring(9, 11)
        + ":"
        + stamp.substring(11, 13)
        + ":"
        + stamp.substring(13, 15);
  }

  static String duration(long nanos) {
    double s = nanos / 1e9;
    if (s < 120) {
      return String.format(Locale.ROOT, "%.1f s", s);
    }
    long m = (long) (s / 60);
    return m + " min " + Math.round(s - m * 60) + " s";
  }
}
