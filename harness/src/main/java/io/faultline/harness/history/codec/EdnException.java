package io.faultline.harness.history.codec;

/**
 * EDN text that cannot be read: a syntax error, an unterminated collection or string, an unsupported reader macro. The
 * message is one line, {@code "line N: problem"}; {@link #problem()} gives the problem alone so that a caller can name
 * its own source (e.g. a file) in front of it.
 */
public final class EdnException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final long line;
  private final String problem;

  /**
   * @param line the 1-based line of the problem
   * @param problem what is wrong, one line
   */
  public EdnException(long line, String problem) {
    super("line " + line + ": " + problem);
    this.line = line;
    this.problem = problem;
  }

  /** The 1-based line of the problem. */
  public long line() {
    return line;
  }

  /** What is wrong, without the line. */
  public String problem() {
    return problem;
  }
}
