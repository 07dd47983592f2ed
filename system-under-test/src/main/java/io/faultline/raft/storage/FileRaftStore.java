package io.faultline.raft.storage;

import io.faultline.raft.RaftStore;
import io.faultline.raft.WritePlacement;
import io.faultline.raft.message.LogEntry;
import io.faultline.raft.message.Snapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RaftStore} in one directory: {@code log.dat} (see {@link LogFile}), {@code snapshot.dat} (replaced
 * atomically by rename) and {@code meta.dat} (term and vote, written alternately into two checksummed slots so that
 * a torn write leaves the other slot intact).
 *
 * <p>Log writes are queued and drained by a task on the I/O executor: one drain writes every queued operation and
 * then fsyncs once, so concurrent writes are group-committed. Drains may run on the caller's executor instead (see
 * {@link #overlapWrites}). With {@code ackBeforeDurable} (the unsafe
 * {@code --unsafe-no-fsync} mode) writes are reported durable as soon as they are queued and are never fsync'd.
 * Built with {@link #builder(Path, Executor)}.
 */
public final class FileRaftStore implements RaftStore, WritePlacement {
  private static final Logger LOG = LoggerFactory.getLogger(FileRaftStore.class);
  private static final int META_SLOT = 512;

  private final Path dir;
  private final Executor io;
  private final Executor callerIo;
  private volatile boolean overlap;
  private final boolean fsync;
  private final boolean ackBeforeDurable;
  private final boolean lazyFsync;
  private final long preallocateBytes;
  private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private volatile LongConsumer listener = seq -> {};
  private volatile boolean closed;
  private LogFile log;
  private FileChannel meta;
  private long metaVersion;
  private IOException failure;

  private FileRaftStore(Builder b) {
    this.dir = b.dir;
    this.io = b.io;
    this.callerIo = b.callerIo;
    this.fsync = b.fsync;
    this.ackBeforeDurable = b.ackBeforeDurable;
    this.lazyFsync = b.lazyFsync;
    this.preallocateBytes = b.preallocateBytes;
  }

  /**
   * Starts a store in {@code dir} (created if missing) whose drain tasks run on {@code io}, which must run them one
   * at a time. Defaults: fsync on, writes reported durable only once fsync'd, no preallocation, and every drain on
   * {@code io}.
   */
  public static Builder builder(Path dir, Executor io) {
    return new Builder(dir, io);
  }

  /** Options of a {@link FileRaftStore}; each setter returns this builder. */
  public static final class Builder {
    private final Path dir;
    private final Executor io;
    private Executor callerIo;
    private boolean fsync = true;
    private boolean ackBeforeDurable;
    private boolean lazyFsync;
    private long preallocateBytes;

    private Builder(Path dir, Executor io) {
      this.dir = dir;
      this.io = io;
      this.callerIo = io;
    }

    /**
     * Runs drains on {@code callerIo} unless the core asks for writes that overlap its work (see
     * {@link FileRaftStore#overlapWrites}): typically the core's own thread, so that a write, its fsync and what
     * follows need no hand-off to the writer thread and back.
     */
    public Builder callerExecutor(Executor callerIo) {
      this.callerIo = callerIo;
      return this;
    }

    /** Whether to fsync (tests on virtual time may skip it). */
    public Builder fsync(boolean fsync) {
      this.fsync = fsync;
      return this;
    }

    /** Reports writes durable as soon as they are queued (unsafe: the {@code --unsafe-no-fsync} mode). */
    public Builder ackBeforeDurable(boolean ackBeforeDurable) {
      this.ackBeforeDurable = ackBeforeDurable;
      return this;
    }

    /**
     * Writes every operation to the OS at once but reports it durable without an fsync; fsyncs happen only when
     * {@link FileRaftStore#syncNow} is called, on a timer (unsafe: the {@code --unsafe-lazy-fsync} mode).
     */
    public Builder lazyFsync(boolean lazyFsync) {
      this.lazyFsync = lazyFsync;
      return this;
    }

    /**
     * Extends the log file by chunks of {@code preallocateBytes} zeros ahead of its records (0: the file grows
     * with each append). Appends into preallocated space make each fsync flush data only, not a new file size
     * (see {@link LogFile}).
     */
    public Builder preallocateBytes(long preallocateBytes) {
      this.preallocateBytes = preallocateBytes;
      return this;
    }

    public FileRaftStore build() {
      return new FileRaftStore(this);
    }
  }

  @Override
  public Recovered load() throws IOException {
    Files.createDirectories(dir);
    Snapshot read = readSnapshot();
    boolean damaged = read == null;
    List<LogEntry> entries = new ArrayList<>();
    log = LogFile.open(dir.resolve("log.dat"), entries, preallocateBytes);
    damaged |= log.damaged();
    if (read == null) {
      // The snapshot is lost, and with it the state its log suffix builds on: start empty and let
      // the leader
      // send everything again (its snapshot, then entries); the node stays out of elections until
      // then.
      LOG.warn(
          "store {}: the snapshot is corrupt; starting empty, to be caught up by the leader", dir);
      entries.clear();
      log.rewrite(List.of());
      log.force();
    }
    Snapshot snapshot = read == null ? Snapshot.EMPTY : read;
    if (entries.stream()
        .anyMatch(e -> e.index() == snapshot.lastIndex() && e.term() != snapshot.lastTerm())) {
      // A crash between installing a leader's snapshot and rewriting the log: the old log conflicts
      // with the
      // snapshot (Figure 13, step 7: "discard the entire log").
      entries.clear();
    }
    entries.removeIf(e -> e.index() <= snapshot.lastIndex());
    if (!entries.isEmpty() && entries.get(0).index() != snapshot.lastIndex() + 1) {
      throw new IOException(
          "log in "
              + dir
              + " starts at "
              + entries.get(0).index()
              + " but the snapshot ends at "
              + snapshot.lastIndex());
    }
    meta =
        FileChannel.open(
            dir.resolve("meta.dat"),
            StandardOpenOption.CREATE,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    MetaSlot m = readMeta();
    metaVersion = m.version;
    if (fsync) {
      syncDirectory(dir); // the files may have just been created: make their names durable too
    }
    return new Recovered(m.term, m.votedFor, snapshot, entries, damaged);
  }

  @Override
  public void onDurable(LongConsumer l) {
    this.listener = l;
  }

  @Override
  public synchronized void saveTermAndVote(long term, String votedFor) throws IOException {
    byte[] vote = votedFor == null ? new byte[0] : votedFor.getBytes(StandardCharsets.UTF_8);
    ByteBuffer p = ByteBuffer.allocate(20 + vote.length);
    p.putLong(++metaVersion).putLong(term).putInt(votedFor == null ? -1 : vote.length).put(vote);
    ByteBuffer frame = RecordIo.frame(p.array());
    if (frame.remaining() > META_SLOT) {
      throw new IOException("member id too long");
    }
    long pos = (metaVersion % 2) * META_SLOT;
    while (frame.hasRemaining()) {
      pos += meta.write(frame, pos);
    }
    if (fsync && !ackBeforeDurable && !lazyFsync) {
      meta.force(false);
    }
  }

  @Override
  public void append(long seq, long truncateFrom, List<LogEntry> entries) {
    enqueue(
        seq,
        () -> {
          if (truncateFrom > 0) {
            log.truncateFrom(truncateFrom);
          }
          log.append(entries);
        });
  }

  @Override
  public void saveSnapshot(long seq, Snapshot snapshot, List<LogEntry> retained) {
    enqueue(
        seq,
        () -> {
          writeSnapshot(snapshot);
          log.rewrite(retained);
        });
  }

  @Override
  public void overlapWrites(boolean overlap) {
    this.overlap = overlap;
  }

  @Override
  public void close() {
    closed = true;
    try {
      synchronized (this) {
        drain();
        if (log != null) {
          log.close();
        }
        if (meta != null) {
          meta.close();
        }
      }
    } catch (IOException e) {
      LOG.warn("closing store {}: {}", dir, e.toString());
    }
  }

  /**
   * Releases the files without writing what is still queued, as a crash would (for in-JVM crash tests).
   */
  public synchronized void abandonForTest() {
    closed = true;
    queue.clear();
    try {
      log.close();
      meta.close();
    } catch (IOException e) {
      LOG.debug("abandoning store {}: {}", dir, e.toString());
    }
  }

  /** A store operation that may throw. */
  private interface Op {
    void run() throws IOException;
  }

  private void enqueue(long seq, Op op) {
    queue.add(
        () -> {
          try {
            op.run();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    queue.add(new SeqMarker(seq));
    if (ackBeforeDurable) {
      listener.accept(seq);
    }
    if (drainScheduled.compareAndSet(false, true)) {
      (overlap ? io : callerIo).execute(this::drainTask);
    }
  }

  private void drainTask() {
    drainScheduled.set(false);
    synchronized (this) {
      if (closed && log == null) {
        return;
      }
      try {
        drain();
      } catch (IOException | UncheckedIOException e) {
        failure = e instanceof IOException io ? io : ((UncheckedIOException) e).getCause();
        LOG.error("store {} failed; no further writes will be acknowledged", dir, failure);
      }
    }
  }

  /** Runs every queued operation, fsyncs once, then reports the last sequence number. */
  private void drain() throws IOException {
    if (failure != null) {
      queue.clear();
      return;
    }
    long done = -1;
    for (Runnable r = queue.poll(); r != null; r = queue.poll()) {
      if (r instanceof SeqMarker m) {
        done = m.seq;
      } else {
        r.run();
      }
    }
    if (done >= 0) {
      if (fsync && !ackBeforeDurable && !lazyFsync) {
        log.force();
      }
      if (!ackBeforeDurable) {
        listener.accept(done);
      }
    }
  }

  /**
   * Fsyncs the log and the term and vote now: the timer of the {@code --unsafe-lazy-fsync} mode, which leaves
   * everything written since the last call in the page cache only.
   */
  public synchronized void syncNow() {
    try {
      if (log != null && !closed) {
        log.force();
        meta.force(false);
      }
    } catch (IOException e) {
      LOG.warn("lazy fsync of {}: {}", dir, e.toString());
    }
  }

  /** Marks the end of the operation with this sequence number in the queue. */
  private record SeqMarker(long seq) implements Runnable {
    @Override
    public void run() {}
  }

  /** The snapshot on disk, {@link Snapshot#EMPTY} when there is none, or null when it is corrupt. */
  private Snapshot readSnapshot() throws IOException {
    Path p = dir.resolve("snapshot.dat");
    if (!Files.exists(p)) {
      return Snapshot.EMPTY;
    }
    byte[] payload = RecordIo.read(ByteBuffer.wrap(Files.readAllBytes(p)));
    if (payload == null || payload.length < 16) {
      return null; // corrupt: load() starts empty
    }
    ByteBuffer b = ByteBuffer.wrap(payload);
    long index = b.getLong();
    long term = b.getLong();
    byte[] data = new byte[b.remaining()];
    b.get(data);
    return new Snapshot(index, term, data);
  }

  private void writeSnapshot(Snapshot s) throws IOException {
    ByteBuffer p = ByteBuffer.allocate(16 + s.data().length);
    p.putLong(s.lastIndex()).putLong(s.lastTerm()).put(s.data());
    Path tmp = dir.resolve("snapshot.tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer frame = RecordIo.frame(p.array());
      while (frame.hasRemaining()) {
        ch.write(frame);
      }
      if (fsync) {
        ch.force(true);
      }
    }
    Files.move(
        tmp,
        dir.resolve("snapshot.dat"),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    if (fsync) {
      syncDirectory(dir);
    }
  }

  private record MetaSlot(long version, long term, String votedFor) {}

  private MetaSlot readMeta() throws IOException {
    MetaSlot best = new MetaSlot(0, 0, null);
    for (int slot = 0; slot < 2; slot++) {
      ByteBuffer b = ByteBuffer.allocate(META_SLOT);
      meta.read(b, (long) slot * META_SLOT);
      b.flip();
      byte[] payload = RecordIo.read(b);
      if (payload == null || payload.length < 20) {
        continue;
      }
      ByteBuffer p = ByteBuffer.wrap(payload);
      long version = p.getLong();
      long term = p.getLong();
      int len = p.getInt();
      String vote = null;
      if (len >= 0) {
        byte[] v = new byte[len];
        p.get(v);
        vote = new String(v, StandardCharsets.UTF_8);
      }
      if (version > best.version) {
        best = new MetaSlot(version, term, vote);
      }
    }
    return best;
  }

  /** Fsyncs a directory so that a rename in it survives a crash. */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
