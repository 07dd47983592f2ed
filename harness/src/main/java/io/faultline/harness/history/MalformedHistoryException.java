package io.faultline.harness.history;

/**
 * A history that cannot be read or does not make sense: a malformed line, a missing field, or a process that invokes
 * a second operation before the first one completed. The message is one line that names the place and the problem,
 * fit to print to a user without a stack trace.
 */
public final class MalformedHistoryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long line;

  /**
   * @param source the file or stream the history came from; {@code null} if unknown
   * @param line the 1-based line of the problem, or {@code 0} if it has none
   * @param problem what is wrong, e.g. {@code "field 'type': expected invoke, ok, fail or info, got \"done\""}
   */
  public MalformedHistoryException(String source, long line, String problem) {
    super(format(source, line, problem));
    this.source = source;
    this.line = line;
  }

  /** The file or stream, or {@code null}. */
  public String source() {
    return source;
  }

  /** The 1-based line, or {@code 0}. */
  public long line() {
    return line;
  }

  private static String format(String source, long line, String problem) {
    StringBuilder sb = new StringBuilder();
    if (source != null) {
      sb.append(source);
    }
    if (line > 0) {
      sb.append(source != null ? ":" : "line ").append(line);
    }
    if (sb.length() > 0) {
      sb.append(": ");
    }
    return sb.append(problem).toString();
  }
}
