package io.faultline.raft.impl;

import io.faultline.raft.UnsafeMode;
import io.faultline.raft.message.AppendRequest;
import io.faultline.raft.message.AppendResponse;
import io.faultline.raft.message.LogEntry;
import io.faultline.raft.message.Snapshot;
import io.faultline.raft.message.SnapshotRequest;
import io.faultline.raft.message.SnapshotResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The receiver side of AppendEntries (§5.3, Figure 2) and InstallSnapshot (§7, Figure 13). The caller has already
 * checked the term and recognised the sender as leader. A successful reply is sent only once the entries it vouches
 * for are durable, because the leader counts it towards a commit.
 */
final class FollowerLog {
  private static final Logger LOG = LoggerFactory.getLogger(FollowerLog.class);

  private final RaftNodeImpl n;

  FollowerLog(RaftNodeImpl n) {
    this.n = n;
  }

  void onAppend(AppendRequest r) {
    long prev = r.prevLogIndex();
    long prevTerm = r.prevLogTerm();
    List<LogEntry> entries = r.entries();
    long snapshotIndex = n.log.snapshotIndex();
    if (prev < snapshotIndex) {
      // Entries up to the snapshot are committed, so they match the leader's (Log Matching, §5.3).
      int skip = (int) Math.min(entries.size(), snapshotIndex - prev);
      entries = entries.subList(skip, entries.size());
      prev = snapshotIndex;
      prevTerm = n.log.snapshot().lastTerm();
    }
    // "Reply false if log doesn't contain an entry at prevLogIndex whose term matches prevLogTerm
    // (§5.3)".
    if (prev > n.log.lastIndex()) {
      reject(r, n.log.lastIndex() + 1, 0);
      return;
    }
    long localTerm = n.log.term(prev);
    if (localTerm != prevTerm) {
      reject(r, n.log.firstIndexOfTerm(prev), localTerm);
      return;
    }
    if (!appendNew(entries)) {
      return;
    }
    long match = prev + entries.size();
    // "If leaderCommit > commitIndex, set commitIndex = min(leaderCommit, index of last new
    // entry)".
    n.commitTo(Math.min(r.leaderCommit(), match));
    AppendResponse ok = AppendResponse.success(n.state.term(), n.self, match, r);
    long durable = n.durability.durableIndex();
    if (entries.isEmpty() && durable < match) {
      // A heartbeat is answered at once (it confirms leadership for reads) with what is already
      // durable.
      n.transport.send(
          r.from(), AppendResponse.success(n.state.term(), n.self, Math.min(match, durable), r));
    }
    n.replyWhenDurable(match, r.from(), ok);
  }

  /**
   * "If an existing entry conflicts with a new one (same index but different terms), delete the existing entry and
   * all that follow it (§5.3). Append any new entries not already in the log." Returns false on a safety violation.
   */
  private boolean appendNew(List<LogEntry> entries) {
    n.saveUnsavedEntries();
    long truncateFrom = 0;
    int firstNew = entries.size();
    for (int i = 0; i < entries.size(); i++) {
      LogEntry e = entries.get(i);
      if (e.index() > n.log.lastIndex()) {
        firstNew = i;
        break;
      }
      if (n.log.term(e.index()) != e.term()) {
        if (e.index() <= n.commitIndex) {
          LOG.error(
              "{} refuses to overwrite committed entry {} (term {} with {})",
              n.self,
              e.index(),
              n.log.term(e.index()),
              e.term());
          return false;
        }
        truncateFrom = e.index();
        n.log.truncateFrom(truncateFrom);
        firstNew = i;
        break;
      }
    }
    List<LogEntry> added = entries.subList(firstNew, entries.size());
    for (LogEntry e : added) {
      n.log.append(e);
    }
    if (truncateFrom > 0 || !added.isEmpty()) {
      long floor = truncateFrom > 0 ? truncateFrom - 1 : Long.MAX_VALUE;
      n.store.append(
          n.durability.begin(n.log.lastIndex(), floor), truncateFrom, List.copyOf(added));
    }
    return true;
  }

  private void reject(AppendRequest r, long conflictIndex, long conflictTerm) {
    n.transport.send(
        r.from(), AppendResponse.conflict(n.state.term(), n.self, conflictIndex, conflictTerm, r));
  }

  void onSnapshot(SnapshotRequest r) {
    Snapshot s = r.snapshot();
    if (s.lastIndex() > n.commitIndex) {
      n.installSnapshot(s);
    } else if (n.config.isUnsafe(UnsafeMode.STALE_SNAPSHOT_INSTALLS)
        && s.lastIndex() < n.lastApplied) {
      // Unsafe: the state machine goes back to the snapshot; the log and lastApplied stay, so the
      // entries after the snapshot are never applied here again.
      LOG.warn("{} rolls its state machine back to snapshot {}", n.self, s.lastIndex());
      n.stateMachine.restoreSnapshot(s.data());
    }
    n.replyWhenDurable(
        s.lastIndex(),
        r.from(),
        SnapshotResponse.success(n.state.term(), n.self, s.lastIndex(), r));
  }
}
