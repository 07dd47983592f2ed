package io.faultline.raft.impl;

import io.faultline.raft.message.LogEntry;
import io.faultline.raft.message.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-memory log: the latest snapshot (which stands for every entry up to {@code snapshot.lastIndex}) followed
 * by the entries after it. Indexes start at 1; index 0 with term 0 is the empty prefix. Only the core touches it.
 */
final class RaftLog {
  private Snapshot snapshot;
  private final ArrayList<LogEntry> entries = new ArrayList<>();

  RaftLog(Snapshot snapshot, List<LogEntry> entries) {
    this.snapshot = snapshot;
    this.entries.addAll(entries);
  }

  Snapshot snapshot() {
    return snapshot;
  }

  long snapshotIndex() {
    return snapshot.lastIndex();
  }

  long lastIndex() {
    return snapshot.lastIndex() + entries.size();
  }

  long lastTerm() {
    return entries.isEmpty() ? snapshot.lastTerm() : entries.get(entries.size() - 1).term();
  }

  /** The term of the entry at {@code index}, or -1 if it is compacted away or beyond the end. */
  long term(long index) {
    if (index == snapshot.lastIndex()) {
      return snapshot.lastTerm();
    }
    if (index < snapshot.lastIndex() || index > lastIndex()) {
      return -1;
    }
    return entries.get((int) (index - snapshot.lastIndex() - 1)).term();
  }

  LogEntry entry(long index) {
    return entries.get((int) (index - snapshot.lastIndex() - 1));
  }

  /** Up to {@code max} entries starting at {@code from} (which must be after the snapshot). */
  List<LogEntry> slice(long from, int max) {
    int start = (int) (from - snapshot.lastIndex() - 1);
    int end = (int) Math.min(entries.size(), (long) start + max);
    return start >= end ? List.of() : List.copyOf(entries.subList(start, end));
  }

  /** The first index of the run of entries with the same term as the entry at {@code index}. */
  long firstIndexOfTerm(long index) {
    long t = term(index);
    long i = index;
    while (i - 1 > snapshot.lastIndex() && term(i - 1) == t) {
      i--;
    }
    return i;
  }

  /** The last index holding an entry of {@code term}, or -1. */
  long lastIndexOfTerm(long term) {
    for (long i = lastIndex(); i > snapshot.lastIndex(); i--) {
      long t = term(i);
      if (t == term) {
        return i;
      }
      if (t < term) {
        return -1;
      }
    }
    return -1;
  }

  void append(LogEntry e) {
    if (e.index() != lastIndex() + 1) {
      throw new IllegalStateException("append " + e.index() + " after " + lastIndex());
    }
    entries.add(e);
  }

  /** Removes the entry at {@code index} and every later one (§5.3: "delete the existing entry and all that follow"). */
  void truncateFrom(long index) {
    int keep = (int) (index - snapshot.lastIndex() - 1);
    entries.subList(keep, entries.size()).clear();
  }

  /** Drops the entries the snapshot covers, keeping later entries (§7). */
  void compactTo(Snapshot s) {
    int drop = (int) Math.min(entries.size(), s.lastIndex() - snapshot.lastIndex());
    entries.subList(0, Math.max(0, drop)).clear();
    snapshot = s;
  }

  /** Replaces the whole log with the snapshot: the log conflicted with it or was shorter (§7, Figure 13). */
  void resetTo(Snapshot s) {
    entries.clear();
    snapshot = s;
  }

  /** A copy of the entries after the snapshot. */
  List<LogEntry> entriesCopy() {
    return List.copyOf(entries);
  }
}
