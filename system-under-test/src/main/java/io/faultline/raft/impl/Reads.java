package io.faultline.raft.impl;

import io.faultline.raft.RaftConfig;
import io.faultline.raft.ReadMode;
import io.faultline.raft.Reply;
import io.faultline.raft.Role;
import io.faultline.raft.UnsafeMode;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Linearizable reads without log entries (thesis §6.4).
 *
 * <p>ReadIndex: the leader notes {@code readIndex = max(commitIndex, index of its first entry in this term)}, then
 * waits for a majority to acknowledge a heartbeat round that started after the read arrived (proving no newer
 * leader existed when the read arrived), then for {@code lastApplied ≥ readIndex}. Rounds are numbered
 * ({@code readSeq}) and shared by every read that arrived before the round started, so reads are batched.
 *
 * <p>Lease (§6.4.1): when a majority acknowledged a round sent less than
 * {@code (electionMin − 2 ticks) × (1 − drift)} ago on the monotonic clock, no new leader can have been elected yet
 * (voters ignore candidates, and do not campaign, for {@code electionMin} after hearing from the leader, counted in
 * ticks), so the round is skipped. The two ticks are what that count can lose: the first tick after the contact
 * may come at once, and a forward step of the clock fires the pending tick early (see
 * {@link RaftNodeImpl#TICK_MILLIS}).
 * A backwards step of the clock voids the lease, and so does a leadership transfer (see
 * {@link Replication#leaseVoid}).
 */
final class Reads {
  private static final Logger LOG = LoggerFactory.getLogger(Reads.class);
  private static final int RING = 4096;

  private record PendingRead(long seq, long readIndex, byte[] query, Consumer<Reply> done) {}

  private final RaftNodeImpl n;
  private final ArrayDeque<PendingRead> awaitingQuorum = new ArrayDeque<>();
  private final ArrayDeque<PendingRead> awaitingApply = new ArrayDeque<>();
  private final long[] roundSeq = new long[RING];
  private final long[] roundStart = new long[RING];
  private long seq;
  private long noopIndex;
  private boolean roundRequested;
  private long lastLeaseNow = Long.MIN_VALUE;
  private long leaseVoidBeforeSeq;
  private final long leaseNanos;

  Reads(RaftNodeImpl n) {
    this.n = n;
    this.leaseNanos = leaseNanos(n.config);
    if (n.config.readMode() == ReadMode.LEASE && leaseNanos == 0) {
      LOG.warn(
          "{}: an election timeout of {} ms leaves no lease beyond two {} ms ticks; reads use ReadIndex",
          n.self,
          n.config.electionMinMillis(),
          RaftNodeImpl.TICK_MILLIS);
    }
  }

  long currentSeq() {
    return seq;
  }

  void leaderStarted() {
    noopIndex = 0;
    leaseVoidBeforeSeq = seq + 1;
  }

  void setNoopIndex(long index) {
    noopIndex = index;
  }

  void read(byte[] query, Consumer<Reply> done) {
    if (n.config.isUnsafe(UnsafeMode.STALE_READS)) {
      done.accept(Reply.ok(n.stateMachine.query(query)));
      return;
    }
    if (n.state.role() != Role.LEADER) {
      done.accept(Reply.notLeader(n.state.leaderId()));
      return;
    }
    // Step 1 of §6.4: not below the no-op, which makes the commit index the cluster's (unless
    // unsafe).
    long readIndex =
        n.config.isUnsafe(UnsafeMode.READ_INDEX_BEFORE_NOOP)
            ? n.commitIndex
            : Math.max(n.commitIndex, noopIndex);
    // During a leadership transfer voters ignore the lease (§3.10), so the leader must not rely on
    // it either. With --unsafe-read-index-unconfirmed no round confirms the read at all.
    if (n.config.isUnsafe(UnsafeMode.READ_INDEX_UNCONFIRMED)
        || (n.config.readMode() == ReadMode.LEASE && !n.replication.leaseVoid() && leaseValid())) {
      awaitingApply.add(new PendingRead(seq, readIndex, query, done));
      drainApplied();
      return;
    }
    awaitingQuorum.add(new PendingRead(seq + 1, readIndex, query, done));
    if (n.peers.isEmpty()) {
      newRound();
      onAck();
    } else if (!roundRequested) {
      roundRequested = true;
      n.scheduler.execute(
          () -> {
            roundRequested = false;
            if (n.state.role() == Role.LEADER && !n.stopped) {
              newRound();
              n.replication.sendToAll(true);
            }
          });
    }
  }

  /** Starts a heartbeat round; the next messages to followers carry its number. */
  void newRound() {
    long now = leaseNow();
    checkClockStep(now);
    seq++;
    roundSeq[(int) (seq % RING)] = seq;
    roundStart[(int) (seq % RING)] = now;
  }

  /** A backwards step of the clock voids every round started before it (their start times are now too late). */
  private void checkClockStep(long now) {
    if (!n.config.isUnsafe(UnsafeMode.LEASE_WALLCLOCK) && now < lastLeaseNow) {
      leaseVoidBeforeSeq = seq + 1;
    }
    lastLeaseNow = now;
  }

  /** A follower acknowledged a round: confirm the reads a majority has now vouched for. */
  void onAck() {
    long confirmed = quorumSeq();
    while (!awaitingQuorum.isEmpty() && awaitingQuorum.peekFirst().seq() <= confirmed) {
      awaitingApply.add(awaitingQuorum.pollFirst());
    }
    drainApplied();
  }

  void onApplied() {
    drainApplied();
  }

  private void drainApplied() {
    while (!awaitingApply.isEmpty() && awaitingApply.peekFirst().readIndex() <= n.lastApplied) {
      PendingRead r = awaitingApply.pollFirst();
      r.done().accept(Reply.ok(n.stateMachine.query(r.query())));
    }
  }

  /** Fails every waiting read; reads have no effects, so the failure is definite. */
  void failAll() {
    for (PendingRead r : awaitingQuorum) {
      r.done().accept(Reply.notLeader(n.state.leaderId()));
    }
    for (PendingRead r : awaitingApply) {
      r.done().accept(Reply.notLeader(n.state.leaderId()));
    }
    awaitingQuorum.clear();
    awaitingApply.clear();
  }

  /** The highest round acknowledged by a majority, counting the leader itself. */
  private long quorumSeq() {
    long[] acked = new long[n.peers.size() + 1];
    int i = 0;
    acked[i++] = seq;
    for (Progress p : n.replication.followers()) {
      acked[i++] = p.ackedReadSeq;
    }
    Arrays.sort(acked);
    return acked[acked.length - n.config.quorum()];
  }

  private boolean leaseValid() {
    long now = leaseNow();
    boolean wallClock = n.config.isUnsafe(UnsafeMode.LEASE_WALLCLOCK);
    checkClockStep(now);
    long confirmed = quorumSeq();
    if (confirmed < leaseVoidBeforeSeq || roundSeq[(int) (confirmed % RING)] != confirmed) {
      return false;
    }
    long start = roundStart[(int) (confirmed % RING)];
    if (wallClock) {
      return now - start
          < n.config.electionMinMillis() * 1_000_000L; // unsafe: wall clock, no margin
    }
    return now - start >= 0 && now - start < leaseNanos;
  }

  /**
   * The lease: what is left of {@code electionMin} once the stickiness count's two ticks are taken off, less the
   * drift margin; zero (no lease, every read takes a round) when the minimum election timeout is two ticks or less.
   * With {@code --unsafe-lease-tick} the ticks stay on, as they once did.
   */
  static long leaseNanos(RaftConfig config) {
    long ticks = config.isUnsafe(UnsafeMode.LEASE_TICK) ? 0 : 2 * RaftNodeImpl.TICK_MILLIS;
    long millis = Math.max(0, config.electionMinMillis() - ticks);
    return (long) (millis * 1_000_000L * (1 - config.leaseDriftMargin()));
  }

  private long leaseNow() {
    return n.config.isUnsafe(UnsafeMode.LEASE_WALLCLOCK)
        ? n.clock.wallMillis() * 1_000_000L
        : n.clock.nanoTime();
  }
}
