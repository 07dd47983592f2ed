package io.faultline.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The durable store: what survives a restart, and how a torn or corrupt tail is cut off. */
class FileRaftStoreTest {
  @TempDir Path dir;

  private final List<Long> durable = new ArrayList<>();

  private FileRaftStore open() throws IOException {
    FileRaftStore s = FileRaftStore.builder(dir, Runnable::run).build();
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

    RaftStore.Recovered r = FileRaftStore.builder(dir, Runnable::run).build().load();
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

    FileRaftStore reopened = FileRaftStore.builder(dir, Runnable::run).build();
    RaftStore.Recovered r = reopened.load();
    assertThat(r.entries())
        .extracting(LogEntry::index)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(Files.size(log)).isLessThan(full - 7);
    reopened.append(2, 0, entries(10, 12, 2));
    reopened.close();

    RaftStore.Recovered again = FileRaftStore.builder(dir, Runnable::run).build().load();
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

    RaftStore.Recovered r = FileRaftStore.builder(dir, Runnable::run).build().load();
    assertThat(r.entries()).extracting(LogEntry::index).containsExactly(1L, 2L, 3L);
    assertThat(r.damaged())
        .as("intact records followed the bad one: damage, not a torn tail")
        .isTrue();
  }

  @Test
  void aTornTailIsNotDamage() throws IOException {
    FileRaftStore s = open();
    s.append(1, 0, entries(1, 6, 1));
    s.close();
    Path log = dir.resolve("log.dat");
    try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
      ch.truncate(Files.size(log) - 3);
    }
    RaftStore.Recovered r = FileRaftStore.builder(dir, Runnable::run).build().load();
    assertThat(r.entries()).hasSize(5);
    assertThat(r.damaged()).isFalse();
  }

  @Test
  void aCorruptSnapshotStartsTheStoreEmptyAndDamaged() throws IOException {
    FileRaftStore s = open();
    s.saveTermAndVote(3, "n2");
    s.append(1, 0, entries(1, 8, 1));
    s.saveSnapshot(2, new Snapshot(5, 1, new byte[] {1, 2, 3}), entries(6, 8, 1));
    s.close();
    Path snap = dir.resolve("snapshot.dat");
    byte[] bytes = Files.readAllBytes(snap);
    bytes[bytes.length - 1] ^= 0x01;
    Files.write(snap, bytes);

    RaftStore.Recovered r = FileRaftStore.builder(dir, Runnable::run).build().load();
    assertThat(r.damaged()).isTrue();
    assertThat(r.snapshot().lastIndex()).isZero();
    assertThat(r.entries()).isEmpty();
    assertThat(r.term()).isEqualTo(3);
    assertThat(r.votedFor()).isEqualTo("n2");
  }

  @Test
  void truncationRemovesConflictingEntries() throws IOException {
    FileRaftStore s = open();
    s.append(1, 0, entries(1, 6, 1));
    s.append(2, 4, entries(4, 5, 2));
    s.close();
    RaftStore.Recovered r = FileRaftStore.builder(dir, Runnable::run).build().load();
    assertThat(r.entries()).extracting(LogEntry::term).containsExactly(1L, 1L, 1L, 2L, 2L);
  }

  @Test
  void snapshotReplacesTheLogPrefix() throws IOException {
    FileRaftStore s = open();
    s.append(1, 0, entries(1, 8, 1));
    s.saveSnapshot(2, new Snapshot(5, 1, new byte[] {1, 2, 3}), entries(6, 8, 1));
    s.close();
    RaftStore.Recovered r = FileRaftStore.builder(dir, Runnable::run).build().load();
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
    RaftStore.Recovered r = FileRaftStore.builder(dir, Runnable::run).build().load();
    assertThat(r.term()).isEqualTo(7);
    assertThat(r.votedFor()).isEqualTo("n1");
  }

  // ---- a preallocated log file
  // ----------------------------------------------------------------------------------

  private static final int CHUNK = 4096;

  /** The size of the record of {@code entries(i, i, t)} for a one-digit {@code i}: header, index, term, "cmdI". */
  private static final int RECORD = 8 + 16 + 4;

  private FileRaftStore openPreallocated() throws IOException {
    FileRaftStore s = FileRaftStore.builder(dir, Runnable::run).preallocateBytes(CHUNK).build();
    s.load();
    s.onDurable(durable::add);
    return s;
  }

  @Test
  void preallocatedLogOverwritesZerosInsteadOfGrowingAndSurvivesARestart() throws IOException {
    FileRaftStore s = openPreallocated();
    s.append(1, 0, entries(1, 3, 1));
    Path log = dir.resolve("log.dat");
    long size = Files.size(log);
    assertThat(size).isEqualTo(3 * RECORD + CHUNK);
    s.append(2, 0, entries(4, 6, 1));
    assertThat(Files.size(log)).isEqualTo(size);
    s.close();

    FileRaftStore reopened = openPreallocated();
    assertThat(Files.size(log))
        .isEqualTo(6 * RECORD); // the zeros are cut, and added again on the next append
    reopened.append(3, 0, entries(7, 8, 2));
    assertThat(Files.size(log)).isEqualTo(8 * RECORD + CHUNK);
    reopened.close();
    RaftStore.Recovered r =
        FileRaftStore.builder(dir, Runnable::run).preallocateBytes(CHUNK).build().load();
    assertThat(r.entries())
        .extracting(LogEntry::index)
        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L);
  }

  @Test
  void truncatedRecordsNeverReappearBehindShorterRewrites() throws IOException {
    // Entries 5 and 6 of term 3 follow entry 4 of term 1. A new leader replaces entry 4 with one of
    // term 2 of
    // the same size: if the old records stayed in place, 5 and 6 would read back as contiguous
    // successors.
    FileRaftStore s = openPreallocated();
    s.append(1, 0, entries(1, 4, 1));
    s.append(2, 0, entries(5, 6, 3));
    s.append(3, 4, entries(4, 4, 2));
    s.abandonForTest(); // a crash: nothing is trimmed

    RaftStore.Recovered r =
        FileRaftStore.builder(dir, Runnable::run).preallocateBytes(CHUNK).build().load();
    assertThat(r.entries()).extracting(LogEntry::index).containsExactly(1L, 2L, 3L, 4L);
    assertThat(r.entries().get(3).term()).isEqualTo(2);
  }

  @Test
  void tornRecordInsidePreallocatedSpaceIsCutAndTheLogStaysAppendable() throws IOException {
    FileRaftStore s = openPreallocated();
    s.append(1, 0, entries(1, 5, 1));
    s.abandonForTest();
    try (FileChannel ch = FileChannel.open(dir.resolve("log.dat"), StandardOpenOption.WRITE)) {
      ch.write(java.nio.ByteBuffer.wrap(new byte[] {9, 9, 9}), 4L * RECORD + 20); // entry 5 torn
    }
    FileRaftStore reopened = openPreallocated();
    reopened.append(2, 0, entries(5, 6, 2));
    reopened.close();
    RaftStore.Recovered r =
        FileRaftStore.builder(dir, Runnable::run).preallocateBytes(CHUNK).build().load();
    assertThat(r.entries()).extracting(LogEntry::term).containsExactly(1L, 1L, 1L, 1L, 2L, 2L);
  }

  @Test
  void aRecordThatLowersTheTermEndsTheLog() throws IOException {
    FileRaftStore s = open();
    s.append(1, 0, entries(1, 2, 2));
    s.abandonForTest();
    // Append a well-formed, contiguous record of an older term behind them, as a stale leftover
    // would be.
    FileRaftStore other = FileRaftStore.builder(dir.resolve("other"), Runnable::run).build();
    other.load();
    other.append(1, 0, entries(3, 3, 1));
    other.close();
    byte[] stale = Files.readAllBytes(dir.resolve("other").resolve("log.dat"));
    Files.write(dir.resolve("log.dat"), stale, StandardOpenOption.APPEND);

    RaftStore.Recovered r = FileRaftStore.builder(dir, Runnable::run).build().load();
    assertThat(r.entries()).extracting(LogEntry::index).containsExactly(1L, 2L);
  }
}
