package io.faultline.harness.runner.interpreter;

import io.faultline.harness.history.Op;

/**
 * Where the interpreter streams the history as it happens: every op, in history order, with its index and time set.
 * A file sink makes the history survive a crash of the harness; the interpreter calls {@link #flush()} at least once
 * per flush interval (a second by default) and at the end of the run. The caller that made the sink closes it.
 *
 * <p>All calls come from the interpreter's coordinating thread. A sink that cannot write should throw an unchecked
 * exception, which ends the run.
 */
public interface HistorySink extends AutoCloseable {

  /** Appends one op; may buffer. */
  void append(Op op);

  /** Makes everything appended so far durable (written to the file, say). */
  void flush();

  /** Flushes and releases the sink. */
  @Override
  void close();

  /** A sink that drops everything. */
  static HistorySink discard() {
    return DiscardingSink.INSTANCE;
  }

  /** See {@link #discard()}. */
  enum DiscardingSink implements HistorySink {
    INSTANCE;

    @Override
    public void append(Op op) {}

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
