package io.faultline.harness.history.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import io.faultline.harness.history.History;
import io.faultline.harness.history.Op;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams a history as JSON Lines, one op per line, as the test runs. {@link #append(Op)} writes a whole line into a
 * buffer; {@link #flush()} hands what is buffered to the operating system, so a run that crashes afterwards leaves a
 * file that loads up to its last flushed op. Each op's {@code index} is written as its position in the file.
 *
 * <p>Thread-safe: appends from several threads are serialised, and each line is written whole.
 */
public final class JsonlHistoryWriter implements Closeable, Flushable {
  private final JsonGenerator gen;
  private long count;
  private boolean closed;

  /** A writer to this stream; closing the writer closes the stream. */
  public JsonlHistoryWriter(OutputStream out) throws IOException {
    this.gen = OpJson.FACTORY.createGenerator(out, JsonEncoding.UTF8);
  }

  /** A writer that creates (or truncates) this file. */
  public static JsonlHistoryWriter open(Path file) throws IOException {
    return new JsonlHistoryWriter(Files.newOutputStream(file));
  }

  /** Writes the whole history to this file, replacing it. */
  public static void write(History history, Path file) throws IOException {
    try (JsonlHistoryWriter w = open(file)) {
      w.appendAll(history.ops());
    }
  }

  /** Writes the whole history to this stream, and flushes it; does not close it. */
  public static void write(History history, OutputStream out) throws IOException {
    JsonlHistoryWriter w = new JsonlHistoryWriter(out);
    w.gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    try (w) {
      w.appendAll(history.ops());
    }
  }

  /** Appends one op as one line (buffered). */
  public synchronized void append(Op op) throws IOException {
    ensureOpen();
    OpJson.writeOp(gen, op, count);
    gen.writeRaw('\n');
    count++;
  }

  /** Appends these ops, in order. */
  public synchronized void appendAll(Iterable<Op> ops) throws IOException {
    for (Op op : ops) {
      append(op);
    }
  }

  /** How many ops were appended. */
  public synchronized long count() {
    return count;
  }

  /** Hands the buffered lines to the operating system. */
  @Override
  public synchronized void flush() throws IOException {
    ensureOpen();
    gen.flush();
  }

  /** Flushes and closes the file. Closing twice does nothing. */
  @Override
  public synchronized void close() throws IOException {
    if (!closed) {
      closed = true;
      gen.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the history writer is closed");
    }
  }
}
