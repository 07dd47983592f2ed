package io.faultline.harness.history;

import java.util.Objects;

/**
 * One event of a history: the invocation or the completion of an operation, or a nemesis action.
 *
 * @param index position in the history, from 0; {@code -1} until the history assigns one
 * @param time nanoseconds since the start of the test, from a monotonic clock; {@code -1} when unknown
 * @param type what this event says about the operation
 * @param process the logical process (a client thread's current identity), or {@link #NEMESIS}
 * @param f the function, e.g. {@code "read"}, {@code "write"}, {@code "cas"}
 * @param value the argument of an invocation, or the result of a completion; may be {@code null}
 * @param error why an operation failed or is indeterminate; {@code null} when there is no error
 * @param node the node the operation was sent to, if known; may be {@code null}
 */
public record Op(
    long index,
    long time,
    Type type,
    int process,
    String f,
    Object value,
    Object error,
    String node) {

  /** The process id of the nemesis: Jepsen's {@code :nemesis}. */
  public static final int NEMESIS = -1;

  /** Jepsen's op types. */
  public enum Type {
    /** The operation began. */
    INVOKE,
    /** The operation took effect; for a read, {@code value} is what it read. */
    OK,
    /** The operation certainly did not take effect. */
    FAIL,
    /** Indeterminate: the operation may or may not have taken effect, now or at any later time. */
    INFO;

    /** The lower-case name used by Jepsen and by our formats: {@code invoke}, {@code ok}, {@code fail}, {@code info}. */
    public String jepsenName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code invoke|ok|fail|info}, with or without a leading colon; {@code null} if it is none of those. */
    public static Type parse(String s) {
      String n = s.startsWith(":") ? s.substring(1) : s;
      return switch (n) {
        case "invoke" -> INVOKE;
        case "ok" -> OK;
        case "fail" -> FAIL;
        case "info" -> INFO;
        default -> null;
      };
    }
  }

  public Op {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(f, "f");
  }

  /** An invocation by a client process. */
  public static Op invoke(int process, String f, Object value) {
    return new Op(-1, -1, Type.INVOKE, process, f, value, null, null);
  }

  /** A successful completion. */
  public static Op ok(int process, String f, Object value) {
    return new Op(-1, -1, Type.OK, process, f, value, null, null);
  }

  /** A definite failure. */
  public static Op fail(int process, String f, Object value) {
    return new Op(-1, -1, Type.FAIL, process, f, value, null, null);
  }

  /** An indeterminate completion. */
  public static Op info(int process, String f, Object value) {
    return new Op(-1, -1, Type.INFO, process, f, value, null, null);
  }

  /** True for ops of the nemesis process. */
  public boolean isNemesis() {
    return process == NEMESIS;
  }

  /** True for {@code OK}, {@code FAIL} and {@code INFO}. */
  public boolean isCompletion() {
    return type != Type.INVOKE;
  }

  public Op withIndex(long newIndex) {
    return new Op(newIndex, time, type, process, f, value, error, node);
  }

  public Op withTime(long newTime) {
    return new Op(index, newTime, type, process, f, value, error, node);
  }

  public Op withValue(Object newValue) {
    return new Op(index, time, type, process, f, newValue, error, node);
  }

  public Op withError(Object newError) {
    return new Op(index, time, type, process, f, value, newError, node);
  }

  public Op withNode(String newNode) {
    return new Op(index, time, type, process, f, value, error, newNode);
  }

  /** The process as Jepsen prints it: a number, or {@code nemesis}. */
  public String processName() {
    return isNemesis() ? "nemesis" : Integer.toString(process);
  }

  @Override
  public String toString() {
    return "{"
        + (index >= 0 ? "index " + index + ", " : "")
        + "process "
        + processName()
        + ", type "
        + type.jepsenName()
        + ", f "
        + f
        + ", value "
        + value
        + (error != null ? ", error " + error : "")
        + "}";
  }
}
