package io.faultline.harness.checker;

/** A checker's answer. Merging keeps the worst: {@link #INVALID} over {@link #UNKNOWN} over {@link #VALID}. */
public enum Verdict {
  VALID(0),
  INVALID(1),
  UNKNOWN(2);

  private final int exitCode;

  Verdict(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code that reports this verdict, as Jepsen's CLI does: 0 valid, 1 invalid, 2 unknown. */
  public int exitCode() {
    return exitCode;
  }

  /** The worse of the two verdicts. */
  public Verdict merge(Verdict other) {
    return rank(other) > rank(this) ? other : this;
  }

  /** The value of Knossos' {@code :valid?}: {@code true}, {@code false}, or the string {@code "unknown"}. */
  public Object jsonValue() {
    return switch (this) {
      case VALID -> Boolean.TRUE;
      case INVALID -> Boolean.FALSE;
      case UNKNOWN -> "unknown";
    };
  }

  private static int rank(Verdict v) {
    return switch (v) {
      case VALID -> 0;
      case UNKNOWN -> 1;
      case INVALID -> 2;
    };
  }
}
