package io.faultline.harness.history.codec;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into lines without decoding it (a {@code '\n'} byte never occurs inside a multi-byte UTF-8
 * character), so that each line can be handed to a parser as a slice of one buffer. Knows whether the last line ended
 * with a line break, which tells a truncated final line from a whole one.
 */
final class ByteLines {
  private final InputStream in;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private int scan;
  private boolean eof;

  private int start;
  private int length;
  private boolean terminated;
  private long number;

  ByteLines(InputStream in) {
    this.in = in;
  }

  /** Moves to the next line; false at the end of the stream. */
  boolean next() throws IOException {
    while (true) {
      for (int i = scan; i < limit; i++) {
        if (buf[i] == '\n') {
          setLine(pos, i, true);
          pos = i + 1;
          scan = pos;
          return true;
        }
      }
      scan = limit;
      if (eof) {
        if (pos < limit) {
          setLine(pos, limit, false);
          pos = limit;
          return true;
        }
        return false;
      }
      fill();
    }
  }

  private void setLine(int from, int to, boolean lineEnd) {
    int end = to;
    if (end > from && buf[end - 1] == '\r') {
      end--;
    }
    start = from;
    length = end - from;
    terminated = lineEnd;
    number++;
  }

  private void fill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      scan -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, limit, buf.length - limit);
    if (n < 0) {
      eof = true;
    } else {
      limit += n;
    }
  }

  byte[] buf() {
    return buf;
  }

  int start() {
    return start;
  }

  /** The length of the line, without its line break (and a {@code '\r'} before it). */
  int length() {
    return length;
  }

  /** True if the line ended with a line break; false only for a last line that did not. */
  boolean terminated() {
    return terminated;
  }

  /** The 1-based number of the line. */
  long number() {
    return number;
  }

  /** True if the line holds only spaces and tabs. */
  boolean isBlank() {
    for (int i = start, end = start + length; i < end; i++) {
      byte b = buf[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
