package io.faultline.harness.bench;

import io.faultline.harness.bench.Comparison.Row;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Tables of JMH results: one run (score, error and, for {@code SampleTime}, the percentiles) and a comparison, each
 * as aligned text for the terminal and as a self-contained HTML page. The two forms hold the same cells.
 */
public final class BenchTables {
  private static final double[] PERCENTILES = {50.0, 90.0, 99.0, 99.9};

  private BenchTables() {}

  /** The cells of one run: a header, then one line per result. */
  public static List<List<String>> runCells(List<JmhResult> results) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("benchmark", "mode", "score", "error", "unit", "p50", "p90", "p99", "p99.9"));
    for (JmhResult r : results) {
      List<String> row =
          new ArrayList<>(
              List.of(
                  r.shortName(), r.mode(), number(r.score()), "± " + number(r.error()), r.unit()));
      for (double p : PERCENTILES) {
        Double v = "sample".equals(r.mode()) ? r.percentiles().get(p) : null;
        row.add(v == null ? "" : number(v));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The cells of a comparison: a header, then one line per row. */
  public static List<List<String>> comparisonCells(Comparison c) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("benchmark", "mode", "unit", "baseline", "current", "ratio", "verdict"));
    for (Row r : c.rows()) {
      JmhResult any = r.baseline() != null ? r.baseline() : r.current();
      rows.add(
          List.of(
              r.name(),
              any.mode(),
              any.unit(),
              interval(r.baseline()),
              interval(r.current()),
              Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.3f", r.ratio()),
              r.verdict().word()));
    }
    return rows;
  }

  /** A one-line summary of a comparison. */
  public static String summary(Comparison c) {
    return String.format(
        Locale.ROOT,
        "%d slower, %d faster, %d same (threshold %s%%, 99.9%% intervals)%s%s",
        c.count(Comparison.Verdict.SLOWER),
        c.count(Comparison.Verdict.FASTER),
        c.count(Comparison.Verdict.SAME),
        number(c.threshold() * 100),
        c.count(Comparison.Verdict.MISSING) + c.count(Comparison.Verdict.NEW) == 0
            ? ""
            : String.format(
                Locale.ROOT,
                "; %d only in the baseline, %d only in the current run",
                c.count(Comparison.Verdict.MISSING),
                c.count(Comparison.Verdict.NEW)),
        c.count(Comparison.Verdict.INCOMPARABLE) == 0
            ? ""
            : "; " + c.count(Comparison.Verdict.INCOMPARABLE) + " in different modes or units");
  }

  /** Aligned columns separated by two spaces; numbers right-aligned, text left-aligned. */
  public static String text(List<List<String>> cells) {
    int cols = cells.get(0).size();
    int[] width = new int[cols];
    for (List<String> row : cells) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (List<String> row : cells) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < cols; i++) {
        String cell = row.get(i);
        String pad = " ".repeat(width[i] - cell.length());
        line.append(i == 0 ? "" : "  ").append(numeric(cell) ? pad + cell : cell + pad);
      }
      sb.append(line.toString().stripTrailing()).append('\n');
    }
    return sb.toString();
  }

  /** A self-contained HTML page with a title, an optional summary line and the table. */
  public static String html(String title, String summary, List<List<String>> cells) {
    StringBuilder sb =
        new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
            .append(escape(title))
            .append(
                "</title>\n<style>body{font-family:sans-serif;margin:2em}"
                    + "table{border-collapse:collapse}th,td{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:left}"
                    + "td.n{text-align:right;font-variant-numeric:tabular-nums}tr.slower td{background:#fdd}"
                    + "tr.faster td{background:#dfd}</style></head><body>\n<h1>")
            .append(escape(title))
            .append("</h1>\n");
    if (summary != null) {
      sb.append("<p>").append(escape(summary)).append("</p>\n");
    }
    sb.append("<table>\n<tr>");
    for (String h : cells.get(0)) {
      sb.append("<th>").append(escape(h)).append("</th>");
    }
    sb.append("</tr>\n");
    for (List<String> row : cells.subList(1, cells.size())) {
      String verdict = row.get(row.size() - 1);
      sb.append("<tr class=\"").append(escape(verdict)).append("\">");
      for (String cell : row) {
        sb.append(numeric(cell) ? "<td class=\"n\">" : "<td>").append(escape(cell)).append("</td>");
      }
      sb.append("</tr>\n");
    }
    return sb.append("</table>\n</body></html>\n").toString();
  }

  private static String interval(JmhResult r) {
    return r == null ? "" : number(r.score()) + " ± " + number(r.error());
  }

  /** Four significant digits, never an exponent; whole numbers from 1000 up. */
  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return Double.toString(v);
    }
    if (Math.abs(v) >= 1000) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  private static boolean numeric(String cell) {
    return !cell.isEmpty()
        && (Character.isDigit(cell.charAt(0))
            || cell.startsWith("± ")
            || cell.equals("NaN")
            || cell.startsWith("-") && cell.length() > 1 && Character.isDigit(cell.charAt(1)));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
