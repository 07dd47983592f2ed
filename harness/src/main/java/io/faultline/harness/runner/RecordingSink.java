package io.faultline.harness.runner;

import io.faultline.harness.history.Op;
import io.faultline.harness.history.codec.JsonlHistoryWriter;
import io.faultline.harness.runner.interpreter.HistorySink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The runner's history sink: streams every op to {@code history.jsonl}, keeps the ops for the final phase, and counts
 * client ops by type and the latest nemesis op for the progress line. Thread-safe.
 */
final class RecordingSink implements HistorySink {
  private final JsonlHistoryWriter file;
  private final List<Op> ops = new ArrayList<>();
  private final AtomicLongArray counts = new AtomicLongArray(Op.Type.values().length);
  private volatile Op lastNemesis;

  RecordingSink(Path history) {
    try {
      this.file = JsonlHistoryWriter.open(history);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + history + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void append(Op op) {
    try {
      file.append(op);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot append to the history file: " + e.getMessage(), e);
    }
    ops.add(op);
    if (op.isNemesis()) {
      lastNemesis = op;
    } else {
      counts.incrementAndGet(op.type().ordinal());
    }
  }

  @Override
  public void flush() {
    try {
      file.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot flush the history file: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      file.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the history file: " + e.getMessage(), e);
    }
  }

  /** The ops so far, in order. */
  synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  /** Client ops of this type so far. */
  long count(Op.Type type) {
    return counts.get(type.ordinal());
  }

  /** The latest nemesis op, or {@code null}. */
  Op lastNemesis() {
    return lastNemesis;
  }
}
