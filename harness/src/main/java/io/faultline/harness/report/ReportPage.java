package io.faultline.harness.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.faultline.harness.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a report's data as one self-contained HTML page: the style and the script are read from this package's
 * resources and inlined, and the data is embedded as JSON in a {@code <script type="application/json">} element that
 * the script parses. Nothing is loaded from anywhere else, so the file can be mailed, attached to a CI run, or opened
 * from disk years later.
 */
public final class ReportPage {
  private static final String CSS = resource("report.css");
  private static final String JS = resource("report.js");

  private ReportPage() {}

  /** The page of {@code data} (a {@link ReportData} map). */
  public static String html(Map<String, Object> data) {
    String verdict = String.valueOf(data.get("verdict")).toUpperCase(Locale.ROOT);
    String title =
        verdict
            + " · "
            + data.get("name")
            + (data.get("run") == null ? "" : " · " + data.get("run"));
    StringBuilder sb = new StringBuilder(JS.length() + CSS.length() + 4096);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(escape(title))
        .append("</title>\n")
        .append("<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n")
        .append("<div id=\"errors\" class=\"script-errors\" hidden></div>\n")
        .append(
            "<main id=\"app\"><noscript>This report draws itself with JavaScript; please enable it.</noscript>")
        .append("</main>\n")
        .append("<div id=\"tooltip\" class=\"tooltip\" hidden></div>\n")
        .append("<script type=\"application/json\" id=\"report-data\">")
        .append(scriptSafeJson(data))
        .append("</script>\n<script>\n")
        .append(JS)
        .append("</script>\n</body>\n</html>\n");
    return sb.toString();
  }

  /**
   * {@code value} as JSON that can sit inside a {@code <script>} element: every {@code <} becomes {@code \u003c}, so
   * no string in the data (a value such as {@code "</script>"}, or {@code "<!--"}) can end the element early; JSON
   * parsers read the escape back as {@code <}. The line separators U+2028 and U+2029 are escaped too.
   */
  public static String scriptSafeJson(Object value) {
    String json;
    try {
      json =
          Json.MAPPER
              .writer()
              .without(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "cannot write the report's data as JSON: " + e.getMessage(), e);
    }
    return json.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029");
  }

  /** Text as HTML: {@code & < > " '} escaped. */
  public static String escape(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  static String resource(String name) {
    try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(
            "missing resource " + name + " of " + ReportPage.class.getPackageName());
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
