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
 * contiguous. On open, the first record that is incomplete, fails its checksum, or breaks contiguity ends the log:
 * the file is truncated there, so a torn tail is never applied. Not thread-safe: used by the store's writer only.
 */
final class LogFile implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogFile.class);

    private final Path path;
    private FileChannel channel;
    private long firstIndex;
    private long[] offsets = new long[1024];
    private int count;
    private long end;

    private LogFile(Path path) {
        this.path = path;
    }

    /** Opens (or creates) the log file and returns it with the intact entries it holds. */
    static LogFile open(Path path, List<LogEntry> recovered) throws IOException {
        LogFile f = new LogFile(path);
        byte[] all = Files.exists(path) ? Files.readAllBytes(path) : new byte[0];
        ByteBuffer b = ByteBuffer.wrap(all);
        long expected = -1;
        while (b.hasRemaining()) {
            int at = b.position();
            byte[] payload = RecordIo.read(b);
            LogEntry e = payload == null ? null : decode(payload);
            if (e == null || (expected >= 0 && e.index() != expected)) {
                LOG.warn("log {}: truncating torn or corrupt tail at offset {} of {} bytes", path, at, all.length);
                b.position(at);
                break;
            }
            if (f.count == 0) {
                f.firstIndex = e.index();
            }
            f.addOffset(at);
            recovered.add(e);
            expected = e.index() + 1;
        }
        f.end = b.position();
        f.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        if (f.channel.size() != f.end) {
            f.channel.truncate(f.end);
            f.channel.force(true);
        }
        return f;
    }

    /** Appends the entries after the last one in the file (not yet forced). */
    void append(List<LogEntry> entries) throws IOException {
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
                throw new IOException("non-contiguous append of entry " + e.index() + " after "
                        + (firstIndex + count - 1));
            }
            frames[i] = RecordIo.frame(encode(e));
            addOffset(pos);
            pos += frames[i].remaining();
        }
        channel.position(end);
        long written = 0;
        while (written < pos - end) {
            written += channel.write(frames);
        }
        end = pos;
    }

    /** Removes the entry at {@code index} and every later one. */
    void truncateFrom(long index) throws IOException {
        if (count == 0 || index >= firstIndex + count) {
            return;
        }
        int keep = (int) Math.max(0, index - firstIndex);
        end = keep == 0 ? 0 : offsets[keep];
        count = keep;
        channel.truncate(end);
    }

    /** Atomically replaces the whole file with these entries (used after a snapshot), durably. */
    void rewrite(List<LogEntry> entries) throws IOException {
        Path tmp = path.resolveSibling(path.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        channel.close();
        count = 0;
        end = 0;
        try (FileChannel t = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            channel = t;
            append(entries);
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
