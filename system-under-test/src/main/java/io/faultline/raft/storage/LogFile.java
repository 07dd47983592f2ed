package io.faultline.raft.storage;

import io.faultline.raft.message.LogEntry;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log as one append-only file of checksummed records, each holding one entry (index, term, command). Entries are
 * contiguous and their terms never decrease. On open, the first record that is incomplete, fails its checksum,
 * breaks contiguity or lowers the term ends the log: the file is truncated there, so a torn tail is never applied.
 * Not thread-safe: used under the store's lock only.
 *
 * <p><b>Preallocation.</b> With {@code preallocateBytes > 0} the file is extended ahead of the records in chunks of
 * up to that many zeros that are written for real (not {@code fallocate}d: an unwritten extent would need a
 * metadata update on its first write). Appends then overwrite allocated blocks and do not change the file's size, so the {@code fdatasync}
 * that makes them durable flushes data only, without waiting for a journal commit of the new size: that is the
 * difference between the floor's {@code overwrite} and {@code append} patterns. Zeros end the log on recovery (a
 * record's length is never 0), and the invariant that keeps this safe is that <em>every byte after the last record
 * is zero or beyond the file's end</em>, so stale records can never reappear after the live ones: a truncation of the
 * log (and the open that cuts a torn tail) shrinks the file to the last record before it is extended with zeros
 * again.
 */
final class LogFile implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LogFile.class);

  private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20);
  private static final long MIN_CHUNK = 64 << 10;

  private final Path path;
  private final long preallocateBytes;
  private FileChannel channel;
  private long firstIndex;
  private long[] offsets = new long[1024];
  private int count;
  private long end;
  private boolean damaged;

  /** The file's size: every byte in {@code [end, allocated)} is zero. */
  private long allocated;

  private LogFile(Path path, long preallocateBytes) {
    this.path = path;
    this.preallocateBytes = preallocateBytes;
  }

  /**
   * Opens (or creates) the log file and returns it with the intact entries it holds.
   *
   * @param preallocateBytes the largest chunk of zeros the file is extended by ahead of the records, or 0
   *                         to grow the file with each append
   */
  static LogFile open(Path path, List<LogEntry> recovered, long preallocateBytes)
      throws IOException {
    LogFile f = new LogFile(path, preallocateBytes);
    byte[] all = Files.exists(path) ? Files.readAllBytes(path) : new byte[0];
    ByteBuffer b = ByteBuffer.wrap(all);
    long expected = -1;
    long lastTerm = 0;
    while (b.hasRemaining()) {
      int at = b.position();
      byte[] payload = RecordIo.read(b);
      LogEntry e = payload == null ? null : decode(payload);
      if (e == null || (expected >= 0 && e.index() != expected) || e.term() < lastTerm) {
        f.damaged = intactAfter(all, at + 1);
        if (!zeros(all, at)) {
          LOG.warn(
              "log {}: truncating torn or corrupt tail at offset {} of {} bytes",
              path,
              at,
              all.length);
        }
        b.position(at);
        break;
      }
      lastTerm = e.term();
      if (f.count == 0) {
        f.firstIndex = e.index();
      }
      f.addOffset(at);
      recovered.add(e);
      expected = e.index() + 1;
    }
    f.end = b.position();
    f.channel =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    if (f.channel.size() != f.end) {
      f.channel.truncate(f.end);
      f.channel.force(true);
    }
    f.allocated = f.end;
    return f;
  }

  /**
   * Whether the log held an intact record after the one that ended it: damage in the middle of the log, which a
   * torn write at its end cannot explain (records are appended in order), so acknowledged entries may be gone.
   */
  boolean damaged() {
    return damaged;
  }

  /** Whether an intact record that decodes to an entry starts anywhere in {@code all} at or after {@code from}. */
  private static boolean intactAfter(byte[] all, int from) {
    ByteBuffer b = ByteBuffer.wrap(all);
    for (int at = from; at + RecordIo.HEADER < all.length; at++) {
      b.position(at);
      byte[] payload = RecordIo.read(b);
      if (payload != null && decode(payload) != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether every byte of {@code b} from {@code from} on is zero (a preallocated tail, not a torn record). */
  private static boolean zeros(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Appends the entries after the last one in the file (not yet forced), into preallocated zeros if enabled. */
  void append(List<LogEntry> entries) throws IOException {
    write(entries, true);
  }

  private void write(List<LogEntry> entries, boolean preallocate) throws IOException {
    if (entries.isEmpty()) {
      return;
    }
    ByteBuffer[] frames = new ByteBuffer[entries.size()];
    long pos = end;
    for (int i = 0; i < frames.length; i++) {
      LogEntry e = entries.get(i);
      if (count == 0) {
        firstIndex = e.index();
      } else if (e.index() != firstIndex + count) {
        throw new IOException(
            "non-contiguous append of entry " + e.index() + " after " + (firstIndex + count - 1));
      }
      frames[i] = RecordIo.frame(encode(e));
      addOffset(pos);
      pos += frames[i].remaining();
    }
    if (preallocate) {
      preallocate(pos);
    }
    channel.position(end);
    long written = 0;
    while (written < pos - end) {
      written += channel.write(frames);
    }
    end = pos;
    allocated = Math.max(allocated, end);
  }

  /**
   * Makes sure the file's allocated zeros reach {@code upTo}, extending it by a chunk when they do not. The chunk
   * is as large as the log already is, between {@link #MIN_CHUNK} and {@code preallocateBytes}, so that a short log
   * (just rewritten after a snapshot) does not pay for megabytes of zeros at once. The zeros become durable with
   * the next force, together with the records written over them.
   */
  private void preallocate(long upTo) throws IOException {
    if (preallocateBytes <= 0 || upTo <= allocated) {
      return;
    }
    long target = upTo + Math.min(preallocateBytes, Math.max(MIN_CHUNK, upTo));
    for (long p = allocated; p < target; ) {
      ByteBuffer z = ZEROS.duplicate();
      z.limit((int) Math.min(z.capacity(), target - p));
      p += channel.write(z, p);
    }
    allocated = target;
  }

  /** Removes the entry at {@code index} and every later one. */
  void truncateFrom(long index) throws IOException {
    if (count == 0 || index >= firstIndex + count) {
      return;
    }
    int keep = (int) Math.max(0, index - firstIndex);
    end = keep == 0 ? 0 : offsets[keep];
    count = keep;
    // Shrinking the file (rather than overwriting in place) keeps the removed records from ever
    // following
    // the live ones; the next append extends it with zeros again.
    channel.truncate(end);
    allocated = end;
  }

  /** Atomically replaces the whole file with these entries (used after a snapshot), durably. */
  void rewrite(List<LogEntry> entries) throws IOException {
    Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    channel.close();
    count = 0;
    end = 0;
    allocated = 0;
    try (FileChannel t =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel = t;
      write(entries, false); // the next append preallocates
      t.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    FileRaftStore.syncDirectory(path.getParent());
    channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
  }

  void force() throws IOException {
    channel.force(false);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private void addOffset(long offset) {
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, count * 2);
    }
    offsets[count++] = offset;
  }

  private static byte[] encode(LogEntry e) {
    ByteBuffer b = ByteBuffer.allocate(16 + e.command().length);
    b.putLong(e.index()).putLong(e.term()).put(e.command());
    return b.array();
  }

  private static LogEntry decode(byte[] payload) {
    if (payload.length < 16) {
      return null;
    }
    ByteBuffer b = ByteBuffer.wrap(payload);
    long index = b.getLong();
    long term = b.getLong();
    byte[] cmd = new byte[b.remaining()];
    b.get(cmd);
    return index <= 0 || term <= 0 ? null : new LogEntry(index, term, cmd);
  }
}
