package io.faultline.harness.history.codec;

import io.faultline.harness.history.History;
import io.faultline.harness.history.MalformedHistoryException;
import io.faultline.harness.history.Op;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Jepsen's text histories (read-only): {@code history.txt} and console logs.
 *
 * <p>A history line is {@code process type f value}, e.g. {@code 3\t:invoke\t:cas\t[3 1]} or
 * {@code :nemesis\t:info\t:start\tnil}, with fields separated by tabs or spaces. In a console log it follows the logger
 * name {@code jepsen.util}, as in {@code INFO  jepsen.util - 3\t:invoke\t:cas\t[3 1]} or
 * {@code INFO [2017-01-01 12:00:00,000] jepsen worker 3 - jepsen.util 3\t:invoke\t:cas\t[3 1]}.
 *
 * <ul>
 *   <li>The value is the rest of the line, read as EDN: empty is nil, and text that is not one EDN value is kept as
 *       the raw string (nemesis values are often prose). When the rest holds a tab, what follows the tab is the op's
 *       error, as Jepsen prints it.
 *   <li>Lines that are not history lines (other loggers, stack traces, blank lines) are skipped. A line that starts
 *       like one (a process and then a {@code :keyword} type) but is broken is an error naming its line.
 *   <li>A file with no history line at all is an error. Times are unknown ({@code -1}).
 * </ul>
 */
public final class JepsenLogReader {
  private static final String LOGGER = "jepsen.util";

  private JepsenLogReader() {}

  /** Reads the history in this file. */
  public static History read(Path file) {
    String source = file.toString();
    // Logs are not always clean UTF-8: undecodable bytes become U+FFFD rather than failing the
    // read.
    try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) {
      return read(in, source);
    } catch (IOException e) {
      throw Codecs.cannotRead(source, e);
    }
  }

  /** Reads the history in this text. */
  public static History parse(String text) {
    return read(new StringReader(text), null);
  }

  /** Reads a text history; {@code source} names it in errors (may be null). Does not close the reader. */
  public static History read(Reader in, String source) {
    BufferedReader r = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
    List<Op> ops = new ArrayList<>();
    long lineNo = 0;
    try {
      String line;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        Op op;
        try {
          op = parseLine(line);
        } catch (OpDecoder.FieldException e) {
          throw new MalformedHistoryException(source, lineNo, e.getMessage());
        }
        if (op != null) {
          ops.add(op);
        }
      }
    } catch (IOException e) {
      throw Codecs.cannotRead(source, e);
    }
    if (ops.isEmpty()) {
      throw new MalformedHistoryException(
          source,
          0,
          "no Jepsen history lines found (expected lines such as"
              + " '3 :invoke :cas [3 1]' or 'INFO  jepsen.util - 3 :invoke :cas [3 1]', fields separated by tabs or"
              + " spaces)");
    }
    return History.of(ops);
  }

  /**
   * The op of one line, or {@code null} if it is not a history line.
   *
   * @throws MalformedHistoryException (no source, no line) if it starts like a history line but is broken
   */
  public static Op parseHistoryLine(String line) {
    try {
      return parseLine(line);
    } catch (OpDecoder.FieldException e) {
      throw new MalformedHistoryException(null, 0, e.getMessage());
    }
  }

  static Op parseLine(String line) {
    Op op = parseFields(line, 0);
    if (op != null) {
      return op;
    }
    int i = line.indexOf(LOGGER);
    if (i < 0) {
      return null;
    }
    int p = skipSpace(line, i + LOGGER.length());
    if (p < line.length() && (line.charAt(p) == '-' || line.charAt(p) == ':')) {
      p = skipSpace(line, p + 1);
    }
    return parseFields(line, p);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f';
  }

  private static int skipSpace(String s, int p) {
    while (p < s.length() && isSpace(s.charAt(p))) {
      p++;
    }
    return p;
  }

  private static int tokenEnd(String s, int p) {
    while (p < s.length() && !isSpace(s.charAt(p))) {
      p++;
    }
    return p;
  }

  /** Parses {@code process type f value} starting at {@code from}; null if it does not start like that. */
  private static Op parseFields(String s, int from) {
    int p0 = skipSpace(s, from);
    int e0 = tokenEnd(s, p0);
    if (e0 == p0) {
      return null;
    }
    String proc = s.substring(p0, e0);
    boolean nemesis = proc.equals(":nemesis") || proc.equals("nemesis");
    if (!nemesis && !allDigits(proc)) {
      return null;
    }
    int p1 = skipSpace(s, e0);
    int e1 = tokenEnd(s, p1);
    if (e1 == p1) {
      return null;
    }
    String typeToken = s.substring(p1, e1);
    Op.Type type = Op.Type.parse(typeToken);
    if (type == null) {
      if (typeToken.startsWith(":")) {
        throw new OpDecoder.FieldException(
            "field 'type': expected :invoke, :ok, :fail or :info, got " + typeToken);
      }
      return null;
    }
    int process;
    if (nemesis) {
      process = Op.NEMESIS;
    } else {
      try {
        process = Integer.parseInt(proc);
      } catch (NumberFormatException e) {
        throw new OpDecoder.FieldException("field 'process': " + proc + " is out of range");
      }
    }
    int p2 = skipSpace(s, e1);
    int e2 = tokenEnd(s, p2);
    if (e2 == p2) {
      throw new OpDecoder.FieldException("missing field 'f' after the type " + typeToken);
    }
    String f = s.substring(p2, e2);
    if (f.startsWith(":")) {
      f = f.substring(1);
    } else if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
      f = f.substring(1, f.length() - 1);
    }
    if (f.isEmpty()) {
      throw new OpDecoder.FieldException(
          "field 'f': expected a keyword such as :read, got " + s.substring(p2, e2));
    }
    String rest = s.substring(skipSpace(s, e2));
    Object value;
    Object error = null;
    int tab = rest.indexOf('\t');
    if (tab >= 0) {
      value = parseValue(rest.substring(0, tab));
      String err = rest.substring(tab + 1).strip();
      error = err.isEmpty() ? null : parseValue(err);
    } else {
      value = parseValue(rest);
    }
    return new Op(-1, -1, type, process, f, value, error, null);
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** One EDN value; empty is nil; anything else (several values, prose, bad syntax) is the raw string. */
  static Object parseValue(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.equals("nil")) {
      return null;
    }
    try {
      return Edn.parse(t);
    } catch (EdnException e) {
      return t;
    }
  }
}
