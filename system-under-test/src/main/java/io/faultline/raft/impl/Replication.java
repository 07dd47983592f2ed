package io.faultline.raft.impl;

import io.faultline.raft.Reply;
import io.faultline.raft.Role;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.message.AppendRequest;
import io.faultline.raft.message.AppendResponse;
import io.faultline.raft.message.LogEntry;
import io.faultline.raft.message.SnapshotRequest;
import io.faultline.raft.message.SnapshotResponse;
import io.faultline.raft.message.TimeoutNow;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's side of log replication (§5.3): pipelined, batched AppendEntries with fast backtracking on
 * conflicts, InstallSnapshot for followers behind the compacted log (§7), the commit rule (§5.4.2), heartbeats and
 * check-quorum (thesis §6.2: a leader that has not heard from a majority for an election timeout steps down).
 */
final class Replication {
  private static final Logger LOG = LoggerFactory.getLogger(Replication.class);

  private final RaftNodeImpl n;
  private final Map<String, Progress> progress = new LinkedHashMap<>();
  private long leaderSinceTick;
  private String transferTarget;
  private String lastTransferTarget;
  private long transferStartTick;

  /** Tick until which proposals stay refused after TimeoutNow (ticks are immune to clock steps). */
  private long proposalsBlockedUntilTick = Long.MIN_VALUE;

  private Consumer<Reply> transferDone;

  /** Whether this leader sent TimeoutNow in its term; its lease is void from then on (see {@link #leaseVoid}). */
  private boolean timeoutNowSent;

  Replication(RaftNodeImpl n) {
    this.n = n;
  }

  void start() {
    long now = n.ticks;
    proposalsBlockedUntilTick = n.ticks;
    timeoutNowSent = false;
    leaderSinceTick = now;
    progress.clear();
    for (String p : n.peers) {
      progress.put(p, new Progress(p, n.log.lastIndex() + 1, now));
    }
    n.reads.leaderStarted();
  }

  void reset() {
    finishTransfer(false);
    progress.clear();
  }

  /** True while a leadership transfer is under way; the leader then accepts no new proposals (thesis §3.10). */
  boolean transferring() {
    return transferTarget != null || n.ticks < proposalsBlockedUntilTick;
  }

  /**
   * Whether a leadership transfer voids the lease: from its start, and for the rest of the term once TimeoutNow is
   * sent. The target's RequestVote overrides every voter's stickiness (thesis §3.10, §4.2.3), so the lease's
   * premise, that no voter which acknowledged it votes for another leader within {@code electionMin} (§6.4.1),
   * fails for any vote the target asks while its transfer candidacy lasts. That candidacy starts when TimeoutNow
   * arrives and lasts up to {@code electionMax}; a message's delay has no bound, so the last moment a transfer vote
   * can be sent, plus the {@code electionMax} after it, has none either, and the leader cannot know it has passed
   * before its term ends. A candidacy for a later term is bound by votedFor and stickiness as usual, so a newer
   * leader's lease is not at risk. With {@code --unsafe-lease-after-transfer} the lease resumes {@code electionMin}
   * after TimeoutNow, as it once did.
   */
  boolean leaseVoid() {
    return transferring()
        || (timeoutNowSent && !n.config.isUnsafe(UnsafeMode.LEASE_AFTER_TRANSFER));
  }

  /** The member leadership is being (or was just) handed to, if any. */
  String transferTarget() {
    return transferTarget != null ? transferTarget : lastTransferTarget;
  }

  /** Starts a leadership transfer (thesis §3.10): catch the target up, then send it TimeoutNow. */
  void transferTo(String target, Consumer<Reply> done) {
    Progress p = progress.get(target);
    if (p == null || transferTarget != null) {
      done.accept(Reply.rejected(n.self));
      return;
    }
    transferTarget = target;
    transferStartTick = n.ticks;
    transferDone = done;
    LOG.info("{} transfers leadership to {}", n.self, target);
    maybeSendTimeoutNow(p);
    send(p, true);
  }

  private void maybeSendTimeoutNow(Progress p) {
    if (p.id.equals(transferTarget) && p.match == n.log.lastIndex()) {
      n.transport.send(p.id, new TimeoutNow(n.state.term(), n.self));
      timeoutNowSent = true;
      // Until the target's election deposes us, keep refusing proposals: they would likely be lost.
      proposalsBlockedUntilTick =
          n.ticks + n.config.electionMinMillis() / RaftNodeImpl.TICK_MILLIS + 1;
      finishTransfer(true);
    }
  }

  private void finishTransfer(boolean sent) {
    if (transferDone != null) {
      transferDone.accept(sent ? Reply.ok(transferTarget) : Reply.rejected(n.state.leaderId()));
    }
    lastTransferTarget = transferTarget;
    transferTarget = null;
    transferDone = null;
  }

  Iterable<Progress> followers() {
    return progress.values();
  }

  /** Every heartbeat interval: check quorum, then send a heartbeat round (which also confirms reads). */
  void tick() {
    long now = n.ticks;
    if (!checkQuorum(now)) {
      return;
    }
    if (transferTarget != null && now - transferStartTick > ticks(n.config.electionMaxMillis())) {
      LOG.warn("{} gives up transferring leadership to {}", n.self, transferTarget);
      finishTransfer(false);
    }
    long stuck = ticks(n.config.electionMinMillis());
    for (Progress p : progress.values()) {
      if (p.inflight > 0 && now - p.lastResponseTick > stuck) {
        // Replies stopped: messages were probably lost. Fall back to probing from the known match.
        p.startProbing(p.match + 1);
      }
    }
    n.reads.newRound();
    sendToAll(true);
  }

  /** Sends new entries (or, with {@code heartbeat}, at least an empty AppendEntries) to every follower. */
  void sendToAll(boolean heartbeat) {
    for (Progress p : progress.values()) {
      send(p, heartbeat);
    }
  }

  private void send(Progress p, boolean heartbeat) {
    if (p.next <= n.log.snapshotIndex()) {
      sendSnapshot(p);
      return;
    }
    if (!heartbeat && (p.probing ? p.inflight > 0 : p.inflight >= n.config.maxInflight())) {
      return;
    }
    List<LogEntry> entries = n.log.slice(p.next, n.config.maxBatchEntries());
    if (entries.isEmpty() && !heartbeat) {
      return;
    }
    long prev = p.next - 1;
    n.transport.send(
        p.id,
        new AppendRequest(
            n.state.term(),
            n.self,
            prev,
            n.log.term(prev),
            entries,
            n.commitIndex,
            n.reads.currentSeq()));
    p.inflight++;
    if (!p.probing) {
      p.next += entries.size();
    }
  }

  private void sendSnapshot(Progress p) {
    long now = n.ticks;
    if (p.snapshotSentTick != Progress.NONE
        && now - p.snapshotSentTick < 2 * ticks(n.config.electionMaxMillis())) {
      return;
    }
    p.snapshotSentTick = now;
    LOG.info("{} sends snapshot at {} to {}", n.self, n.log.snapshotIndex(), p.id);
    n.transport.send(
        p.id, new SnapshotRequest(n.state.term(), n.self, n.log.snapshot(), n.reads.currentSeq()));
  }

  void onAppendResponse(AppendResponse r) {
    Progress p = progress.get(r.from());
    if (p == null) {
      return;
    }
    acknowledge(p, r.readSeq());
    p.inflight = Math.max(0, p.inflight - 1);
    if (r.success()) {
      p.match = Math.max(p.match, r.matchIndex());
      p.next = Math.max(p.next, p.match + 1);
      if (p.probing) {
        p.probing = false;
        p.inflight = 0;
        p.next = p.match + 1;
      }
      maybeCommit();
      if (n.state.role() == Role.LEADER && transferTarget != null) {
        maybeSendTimeoutNow(p);
      }
    } else if (r.requestPrevIndex() >= p.match) {
      if (r.conflictTerm() == 0 && r.conflictIndex() <= p.match) {
        // The follower's log is shorter than it once acknowledged: it lost entries it had fsync'd
        // (a disk
        // fault, or --unsafe-no-fsync). Counting them would be wrong, and probing above them would
        // never end.
        LOG.warn(
            "{}: {} lost entries after {} it had acknowledged up to {}",
            n.self,
            p.id,
            r.conflictIndex() - 1,
            p.match);
        p.match = r.conflictIndex() - 1;
      }
      p.startProbing(backtrack(p, r));
    }
    n.reads.onAck();
    if (n.state.role() == Role.LEADER) {
      send(p, false);
    }
  }

  /**
   * Fast backtracking (§5.3): if the follower reports a conflicting term that the leader also has, resume after
   * the leader's last entry of that term; otherwise skip the follower's whole conflicting term.
   */
  private long backtrack(Progress p, AppendResponse r) {
    long next = r.conflictIndex();
    if (r.conflictTerm() > 0) {
      long last = n.log.lastIndexOfTerm(r.conflictTerm());
      if (last > 0) {
        next = last + 1;
      }
    }
    return Math.max(p.match + 1, Math.min(next, n.log.lastIndex() + 1));
  }

  void onSnapshotResponse(SnapshotResponse r) {
    Progress p = progress.get(r.from());
    if (p == null) {
      return;
    }
    acknowledge(p, r.readSeq());
    p.snapshotSentTick = Progress.NONE;
    if (r.success()) {
      p.match = Math.max(p.match, r.lastIndex());
      p.startProbing(p.match + 1);
      maybeCommit();
    }
    n.reads.onAck();
    if (n.state.role() == Role.LEADER) {
      send(p, false);
    }
  }

  private void acknowledge(Progress p, long readSeq) {
    p.lastResponseTick = n.ticks;
    p.ackedReadSeq = Math.max(p.ackedReadSeq, readSeq);
  }

  /**
   * "If there exists an N such that N &gt; commitIndex, a majority of matchIndex[i] ≥ N, and log[N].term ==
   * currentTerm: set commitIndex = N (§5.3, §5.4)". The leader counts itself only up to what its own disk holds.
   */
  void maybeCommit() {
    long[] matches = new long[progress.size() + 1];
    int i = 0;
    matches[i++] = n.durability.durableIndex();
    for (Progress p : progress.values()) {
      matches[i++] = p.match;
    }
    Arrays.sort(matches);
    long candidate = matches[matches.length - n.config.quorum()];
    if (candidate <= n.commitIndex) {
      return;
    }
    if (n.log.term(candidate) == n.state.term()
        || n.config.isUnsafe(UnsafeMode.COMMIT_PREVIOUS_TERM)) {
      n.commitTo(candidate);
    }
  }

  /** A duration in ticks; leader-side timing counts ticks so that clock steps do not distort it. */
  private static long ticks(long millis) {
    return millis / RaftNodeImpl.TICK_MILLIS;
  }

  /** Check-quorum: step down if a majority has not answered within the maximum election timeout. */
  private boolean checkQuorum(long now) {
    long window = ticks(n.config.electionMaxMillis());
    if (now - leaderSinceTick < window) {
      return true;
    }
    int active = 1;
    for (Progress p : progress.values()) {
      if (now - p.lastResponseTick <= window) {
        active++;
      }
    }
    if (active >= n.config.quorum()) {
      return true;
    }
    LOG.warn("{} lost contact with a majority; stepping down in term {}", n.self, n.state.term());
    n.becomeFollower(n.state.term(), null);
    return false;
  }
}
