package io.faultline.raft;

import io.faultline.raft.message.LogEntry;
import io.faultline.raft.message.Snapshot;
import java.io.IOException;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * Durable storage of a member's persistent state (Figure 2): {@code currentTerm}, {@code votedFor}, the log, and the
 * latest snapshot (§7).
 *
 * <p>Log writes are asynchronous and ordered: each carries a sequence number, and the listener is told the highest
 * sequence number whose write (and everything before it) is durable. This lets the leader replicate while its own
 * fsync runs (thesis §10.2.1) and lets the store group-commit many writes with one fsync. A store may also take a
 * hint on where to run its writes by implementing {@link WritePlacement}.
 */
public interface RaftStore extends AutoCloseable {

  /**
   * Everything recovered from disk at start-up.
   *
   * @param damaged the store found damage that a crash cannot explain (a corrupt snapshot, or a corrupt record
   *     with intact records after it): it may have lost entries it had acknowledged, so the node must not vote or
   *     campaign until it has caught up with a leader (see {@code RaftNodeImpl#damaged})
   */
  record Recovered(
      long term, String votedFor, Snapshot snapshot, List<LogEntry> entries, boolean damaged) {
    public Recovered(long term, String votedFor, Snapshot snapshot, List<LogEntry> entries) {
      this(term, votedFor, snapshot, entries, false);
    }
  }

  /** Reads the state back, truncating a torn log tail. Called once, before any write. */
  Recovered load() throws IOException;

  /** Sets the listener told of durable sequence numbers; it may be called from any thread. */
  void onDurable(LongConsumer listener);

  /** Durably records the term and vote before returning: "updated on stable storage before responding" (Fig. 2). */
  void saveTermAndVote(long term, String votedFor) throws IOException;

  /** Removes entries from {@code truncateFrom} on (if it is positive), then appends {@code entries}. */
  void append(long seq, long truncateFrom, List<LogEntry> entries);

  /** Durably stores the snapshot, then replaces the log with {@code retained} (the entries after it). */
  void saveSnapshot(long seq, Snapshot snapshot, List<LogEntry> retained);

  /** Flushes what was written and releases files. */
  @Override
  void close();
}
