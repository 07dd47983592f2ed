package io.faultline.harness.runner.interpreter;

import io.faultline.harness.history.Op;
import java.util.ArrayList;
import java.util.List;

/** Keeps the ops in memory, for tests; counts flushes. Safe to read from another thread while a run appends. */
public final class InMemoryHistorySink implements HistorySink {
  private final List<Op> ops = new ArrayList<>();
  private int flushes;
  private boolean closed;

  @Override
  public synchronized void append(Op op) {
    if (closed) {
      throw new IllegalStateException("the sink is closed");
    }
    ops.add(op);
  }

  @Override
  public synchronized void flush() {
    flushes++;
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** A copy of the ops appended so far, in order. */
  public synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  /** How many times the sink was flushed. */
  public synchronized int flushes() {
    return flushes;
  }
}
