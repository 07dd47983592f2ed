package io.faultline.raft.storage;

import io.faultline.raft.RaftStore;
import io.faultline.raft.message.LogEntry;
import io.faultline.raft.message.Snapshot;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The durable store: what survives a restart, and how a torn or corrupt tail is cut off. */
class FileRaftStoreTest {
    @TempDir
    Path dir;

    private final List<Long> durable = new ArrayList<>();

    private FileRaftStore open() throws IOException {
        FileRaftStore s = new FileRaftStore(dir, Runnable::run, true, false);
        s.load();
        s.onDurable(durable::add);
        return s;
    }

    private static List<LogEntry> entries(long from, long to, long term) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(new LogEntry(i, term, ("cmd" + i).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    @Test
    void entriesTermAndVoteSurviveARestart() throws IOException {
        FileRaftStore s = open();
        s.saveTermAndVote(3, "n2");
        s.append(1, 0, entries(1, 5, 3));
        s.saveTermAndVote(4, null);
        s.close();
        assertThat(durable).containsExactly(1L);

        RaftStore.Recovered r = new FileRaftStore(dir, Runnable::run, true, false).load();
        assertThat(r.term()).isEqualTo(4);
        assertThat(r.votedFor()).isNull();
        assertThat(r.entries()).extracting(LogEntry::index).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(new String(r.entries().get(4).command(), StandardCharsets.UTF_8)).isEqualTo("cmd5");
    }

    @Test
    void tornTailIsTruncatedOnRestartAndTheLogStaysAppendable() throws IOException {
        FileRaftStore s = open();
        s.append(1, 0, entries(1, 10, 1));
        s.close();
        Path log = dir.resolve("log.dat");
        long full = Files.size(log);
        // A crash in the middle of writing entry 10: its last 7 bytes never reached the disk.
        try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
            ch.truncate(full - 7);
        }

        FileRaftStore reopened = new FileRaftStore(dir, Runnable::run, true, false);
        RaftStore.Recovered r = reopened.load();
        assertThat(r.entries()).extracting(LogEntry::index).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(Files.size(log)).isLessThan(full - 7);
        reopened.append(2, 0, entries(10, 12, 2));
        reopened.close();

        RaftStore.Recovered again = new FileRaftStore(dir, Runnable::run, true, false).load();
        assertThat(again.entries()).hasSize(12);
        assertThat(again.entries().get(11).term()).isEqualTo(2);
    }

    @Test
    void corruptRecordAndEverythingAfterItIsDropped() throws IOException {
        FileRaftStore s = open();
        s.append(1, 0, entries(1, 6, 1));
        s.close();
        Path log = dir.resolve("log.dat");
        byte[] bytes = Files.readAllBytes(log);
        int recordSize = bytes.length / 6;
        bytes[recordSize * 3 + 12] ^= 0x5a; // flip bits inside entry 4's payload
        Files.write(log, bytes);

        RaftStore.Recovered r = new FileRaftStore(dir, Runnable::run, true, false).load();
        assertThat(r.entries()).extracting(LogEntry::index).containsExactly(1L, 2L, 3L);
    }

    @Test
    void truncationRemovesConflictingEntries() throws IOException {
        FileRaftStore s = open();
        s.append(1, 0, entries(1, 6, 1));
        s.append(2, 4, entries(4, 5, 2));
        s.close();
        RaftStore.Recovered r = new FileRaftStore(dir, Runnable::run, true, false).load();
        assertThat(r.entries()).extracting(LogEntry::term).containsExactly(1L, 1L, 1L, 2L, 2L);
    }

    @Test
    void snapshotReplacesTheLogPrefix() throws IOException {
        FileRaftStore s = open();
        s.append(1, 0, entries(1, 8, 1));
        s.saveSnapshot(2, new Snapshot(5, 1, new byte[] {1, 2, 3}), entries(6, 8, 1));
        s.close();
        RaftStore.Recovered r = new FileRaftStore(dir, Runnable::run, true, false).load();
        assertThat(r.snapshot().lastIndex()).isEqualTo(5);
        assertThat(r.snapshot().data()).containsExactly(1, 2, 3);
        assertThat(r.entries()).extracting(LogEntry::index).containsExactly(6L, 7L, 8L);
    }

    @Test
    void tornVoteWriteFallsBackToThePreviousSlot() throws IOException {
        FileRaftStore s = open();
        s.saveTermAndVote(7, "n1");
        s.saveTermAndVote(8, "n3");
        s.close();
        // Version 2 lives in slot 0 (offset 0): corrupt it, as a torn write would.
        try (FileChannel ch = FileChannel.open(dir.resolve("meta.dat"), StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {9, 9, 9, 9}), 10);
        }
        RaftStore.Recovered r = new FileRaftStore(dir, Runnable::run, true, false).load();
        assertThat(r.term()).isEqualTo(7);
        assertThat(r.votedFor()).isEqualTo("n1");
    }
}
