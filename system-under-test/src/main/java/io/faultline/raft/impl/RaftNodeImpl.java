package io.faultline.raft.impl;

import io.faultline.raft.Clock;
import io.faultline.raft.LogTerms;
import io.faultline.raft.NodeStatus;
import io.faultline.raft.RaftConfig;
import io.faultline.raft.RaftNode;
import io.faultline.raft.RaftStore;
import io.faultline.raft.ReadMode;
import io.faultline.raft.Reply;
import io.faultline.raft.Role;
import io.faultline.raft.Scheduler;
import io.faultline.raft.StateMachine;
import io.faultline.raft.Transport;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.WritePlacement;
import io.faultline.raft.message.AppendRequest;
import io.faultline.raft.message.AppendResponse;
import io.faultline.raft.message.LogEntry;
import io.faultline.raft.message.RaftMessage;
import io.faultline.raft.message.Snapshot;
import io.faultline.raft.message.SnapshotRequest;
import io.faultline.raft.message.SnapshotResponse;
import io.faultline.raft.message.TimeoutNow;
import io.faultline.raft.message.VoteRequest;
import io.faultline.raft.message.VoteResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core of a member: Raft state (Figure 2), role transitions and the apply loop. Message handling is split by
 * concern into {@link Election}, {@link Replication} (leader side), {@link FollowerLog} (follower side) and
 * {@link Reads}. Every field is touched only by tasks of the node's {@link Scheduler}, so nothing is locked.
 */
public final class RaftNodeImpl implements RaftNode {
  private static final Logger LOG = LoggerFactory.getLogger(RaftNodeImpl.class);

  final RaftConfig config;
  final String self;
  final List<String> peers;
  final StateMachine stateMachine;
  final RaftStore store;

  /** The store's {@link WritePlacement}, or one that ignores the hint; chosen once, here. */
  private final WritePlacement placement;

  final Transport transport;
  final Scheduler scheduler;
  final Clock clock;
  final Random random;

  /** Role, term, vote and leader: changed only through its methods, which persist first. */
  final RaftState state;

  long commitIndex;
  long lastApplied;

  /**
   * Set when the store found its data damaged at start-up ({@link RaftStore.Recovered#damaged}): the node may have
   * lost entries it acknowledged, so counting its vote could elect a leader without a committed entry (the majority
   * that held it may no longer hold it). Until it has committed an entry of the term of a leader it follows (which
   * comes after every entry committed before, §5.4), it neither votes nor campaigns; then its log again holds every
   * committed entry up to there, and it is a voter like any other.
   */
  boolean damaged;

  RaftLog log;
  Durability durability;

  /**
   * Stickiness clock (thesis §4.2.3): {@code ticks} counts {@link #TICK_MILLIS} periods, each scheduled after the
   * previous one ran, and {@code lastLeaderContactTick} is the tick at which a leader was last heard. Counting
   * periods instead of reading the clock means a forward step of the clock (libfaketime moves {@code nanoTime}, and
   * with it the node's timers) advances it by one tick only, so it shortens the window that leader leases rely on
   * (§6.4.1) by at most a tick; {@link Reads} takes that tick, and the tick's granularity, off the lease. The election
   * timer runs on the clock, so it waits for this count as well before it fires (see {@link #electionCheck}).
   */
  static final long TICK_MILLIS = 10;

  /** Lone writes in a row after which the leader writes on its loop (see {@link #loneWrites}). */
  private static final int LONE_STREAK = 8;

  /** A contact tick so old that no leader counts as recently heard. */
  private static final long NO_CONTACT = Long.MIN_VALUE / 4;

  long ticks;
  long lastLeaderContactTick;
  private long electionDeadlineNanos;
  private int timerGeneration;
  boolean stopped;

  final Election election;
  final Replication replication;
  final FollowerLog followerLog;
  final Reads reads;
  private final TreeMap<Long, PendingWrite> pendingWrites = new TreeMap<>();

  /** How many batches in a row were lone writes (see {@link #loneWrites}). */
  private int loneStreak;

  private final List<PendingAck> pendingAcks = new ArrayList<>();
  private final List<LogEntry> unsavedEntries = new ArrayList<>();
  private boolean flushScheduled;

  private record PendingWrite(long term, Consumer<Reply> done) {}

  /** A reply that may be sent only once the log is durable up to {@code index}. */
  private record PendingAck(long term, long index, String to, RaftMessage reply) {}

  public RaftNodeImpl(
      RaftConfig config,
      StateMachine stateMachine,
      RaftStore store,
      Transport transport,
      Scheduler scheduler,
      Clock clock,
      Random random) {
    this.config = config;
    this.self = config.selfId();
    this.peers = config.members().stream().filter(m -> !m.equals(self)).toList();
    this.stateMachine = stateMachine;
    this.store = store;
    this.state = new RaftState(self, this::persistTermAndVote);
    this.placement = store instanceof WritePlacement w ? w : overlap -> {};
    this.transport = transport;
    this.scheduler = scheduler;
    this.clock = clock;
    this.random = random;
    this.election = new Election(this);
    this.replication = new Replication(this);
    this.followerLog = new FollowerLog(this);
    this.reads = new Reads(this);
    this.lastLeaderContactTick = startContactTick(config);
  }

  /**
   * Under lease reads a node counts its own start as contact with a leader, and so waits out a minimum election
   * timeout before it votes or campaigns. It cannot know whether it heard from a leader just before it went down,
   * and that leader's lease may rest on its acknowledgement: the lease holds only while no voter that acknowledged
   * it votes within that timeout (thesis §6.4.1, §4.2.3), which a restart must not erase. Under ReadIndex safety
   * does not depend on it, and a restarted node votes at once.
   */
  private static long startContactTick(RaftConfig config) {
    boolean lease = config.readMode() == ReadMode.LEASE;
    return lease && !config.isUnsafe(UnsafeMode.LEASE_RESTART) ? 0 : NO_CONTACT;
  }

  @Override
  public String id() {
    return self;
  }

  @Override
  public void start() throws IOException {
    RaftStore.Recovered r = store.load();
    damaged = r.damaged() && !peers.isEmpty(); // alone, it has no one to catch up from
    if (damaged) {
      LOG.warn("{} found its data damaged: no votes until it has caught up with a leader", self);
    }
    state.restore(r.term(), r.votedFor());
    log = new RaftLog(r.snapshot(), r.entries());
    durability = new Durability(log.lastIndex());
    store.onDurable(seq -> scheduler.execute(() -> onDurable(seq)));
    if (r.snapshot().lastIndex() > 0) {
      stateMachine.restoreSnapshot(r.snapshot().data());
    }
    commitIndex = r.snapshot().lastIndex();
    lastApplied = commitIndex;
    LOG.info(
        "{} recovered term {} vote {} snapshot {} log {}..{}",
        self,
        state.term(),
        state.votedFor(),
        log.snapshotIndex(),
        log.snapshotIndex() + 1,
        log.lastIndex());
    scheduler.execute(this::startElectionTimer);
    scheduler.schedule(this::tick, TICK_MILLIS);
  }

  private void tick() {
    if (!stopped) {
      ticks++;
      scheduler.schedule(this::tick, TICK_MILLIS);
    }
  }

  /**
   * Whether a leader was heard within the minimum election timeout, by the tick count alone (thesis §4.2.3): not by
   * whether the leader is still known, which the election timer, on the clock, could have forgotten early.
   */
  boolean heardFromLeaderRecently() {
    return (ticks - lastLeaderContactTick) * TICK_MILLIS < config.electionMinMillis();
  }

  /** The election timer fired: stickiness ends with the leader it remembered. */
  void forgetLeaderContact() {
    lastLeaderContactTick = NO_CONTACT;
  }

  @Override
  public void receive(RaftMessage m) {
    scheduler.execute(
        () -> {
          if (!stopped) {
            handle(m);
          }
        });
  }

  @Override
  public void propose(byte[] command, Consumer<Reply> done) {
    scheduler.execute(() -> doPropose(command, done));
  }

  @Override
  public void read(byte[] query, Consumer<Reply> done) {
    scheduler.execute(
        () -> {
          if (stopped) {
            done.accept(Reply.notLeader(null));
          } else {
            reads.read(query, done);
          }
        });
  }

  @Override
  public void transferLeadership(String to, Consumer<Reply> done) {
    scheduler.execute(
        () -> {
          if (stopped || state.role() != Role.LEADER) {
            done.accept(Reply.notLeader(state.leaderId()));
          } else if (to.equals(self)) {
            done.accept(Reply.ok(self));
          } else {
            replication.transferTo(to, done);
          }
        });
  }

  @Override
  public CompletableFuture<NodeStatus> status() {
    CompletableFuture<NodeStatus> f = new CompletableFuture<>();
    scheduler.execute(() -> f.complete(statusNow()));
    return f;
  }

  /** The status, for tests that run the node's scheduler themselves; must be called on that scheduler. */
  public NodeStatus statusNowForTest() {
    return statusNow();
  }

  /** The status; must be called on the node's scheduler. */
  private NodeStatus statusNow() {
    return new NodeStatus(
        self,
        state.role(),
        state.term(),
        state.leaderId(),
        state.votedFor(),
        commitIndex,
        lastApplied,
        log.snapshotIndex(),
        log.lastIndex(),
        durability.durableIndex(),
        config.readMode(),
        config.unsafe().stream().map(UnsafeMode::flag).sorted().toList());
  }

  @Override
  public CompletableFuture<LogTerms> logTerms(long from, long to) {
    CompletableFuture<LogTerms> f = new CompletableFuture<>();
    scheduler.execute(
        () -> {
          long first = Math.max(from, log.snapshotIndex() + 1);
          long last = Math.min(to, Math.min(log.lastIndex(), first + LogTerms.MAX_RANGE - 1));
          long[] terms = new long[(int) Math.max(0, last - first + 1)];
          for (int i = 0; i < terms.length; i++) {
            terms[i] = log.term(first + i);
          }
          f.complete(
              new LogTerms(
                  log.snapshotIndex(),
                  log.term(log.snapshotIndex()),
                  log.lastIndex(),
                  first,
                  terms));
        });
    return f;
  }

  /** The (index, term) of each entry after the snapshot; for invariant checks in tests, on the scheduler. */
  public List<long[]> logTermsNowForTest() {
    List<long[]> out = new ArrayList<>();
    for (LogEntry e : log.entriesCopy()) {
      out.add(new long[] {e.index(), e.term()});
    }
    return out;
  }

  @Override
  public void stop() {
    scheduler.execute(this::stopNow);
  }

  /** Stops on the scheduler thread: pending writes become uncertain, pending reads fail. */
  private void stopNow() {
    if (stopped) {
      return;
    }
    stopped = true;
    saveUnsavedEntries();
    failPendingWrites();
    reads.failAll();
    timerGeneration++;
  }

  // ---- dispatch
  // ----------------------------------------------------------------------------------------------

  private void handle(RaftMessage m) {
    if (m instanceof VoteRequest v) {
      election.onRequest(v);
    } else if (m instanceof VoteResponse v) {
      if (v.term() > state.term() && !(v.preVote() && v.granted())) {
        becomeFollower(v.term(), null);
      } else {
        election.onResponse(v);
      }
    } else if (m instanceof AppendRequest a) {
      if (acceptLeader(a.term(), a.from())) {
        followerLog.onAppend(a);
      } else {
        transport.send(a.from(), AppendResponse.staleTerm(state.term(), self, a));
      }
    } else if (m instanceof SnapshotRequest s) {
      if (acceptLeader(s.term(), s.from())) {
        followerLog.onSnapshot(s);
      } else {
        transport.send(s.from(), SnapshotResponse.staleTerm(state.term(), self));
      }
    } else if (m instanceof AppendResponse a) {
      if (isCurrentLeaderReply(a.term())) {
        replication.onAppendResponse(a);
      }
    } else if (m instanceof SnapshotResponse s) {
      if (isCurrentLeaderReply(s.term())) {
        replication.onSnapshotResponse(s);
      }
    } else if (m instanceof TimeoutNow t) {
      if (t.term() == state.term() && t.from().equals(state.leaderId())) {
        election.onTimeoutNow();
      }
    }
  }

  /**
   * "If RPC request or response contains term T &gt; currentTerm: set currentTerm = T, convert to follower (§5.1)";
   * "Reply false if term &lt; currentTerm (§5.1)". Returns whether the request comes from this term's leader.
   */
  private boolean acceptLeader(long msgTerm, String from) {
    if (msgTerm < state.term()) {
      return false;
    }
    if (msgTerm > state.term() || state.role() != Role.FOLLOWER || !from.equals(state.leaderId())) {
      becomeFollower(msgTerm, from);
    }
    lastLeaderContactTick = ticks;
    resetElectionDeadline();
    return true;
  }

  /**
   * Whether a response answers this leader's term (a higher term deposes it, §5.1); with
   * {@code --unsafe-stale-term-responses} responses of earlier terms count too.
   */
  private boolean isCurrentLeaderReply(long msgTerm) {
    if (msgTerm > state.term()) {
      becomeFollower(msgTerm, null);
      return false;
    }
    boolean stale = msgTerm < state.term() && config.isUnsafe(UnsafeMode.STALE_TERM_RESPONSES);
    return state.role() == Role.LEADER && (msgTerm == state.term() || stale);
  }

  // ---- role transitions
  // --------------------------------------------------------------------------------------

  void becomeFollower(long newTerm, String leader) {
    boolean wasLeader = state.role() == Role.LEADER;
    // Entries appended as leader must reach the store before any truncation a new leader may ask
    // for.
    saveUnsavedEntries();
    if (state.advanceTerm(newTerm)) {
      pendingAcks.clear();
    }
    if (state.role() != Role.FOLLOWER || !java.util.Objects.equals(leader, state.leaderId())) {
      LOG.info("{} follower in term {} (leader {})", self, state.term(), leader);
    }
    state.toFollower(leader);
    if (wasLeader) {
      placement.overlapWrites(false);
      failPendingWrites();
      reads.failAll();
      replication.reset();
      startElectionTimer();
    }
  }

  void becomeLeader() {
    LOG.info(
        "{} leader in term {} (log {}..{})",
        self,
        state.term(),
        log.snapshotIndex() + 1,
        log.lastIndex());
    state.toLeader();
    pendingAcks.clear();
    replication.start();
    if (!config.isUnsafe(UnsafeMode.COMMIT_PREVIOUS_TERM)) {
      // §8: a leader commits an entry of its own term at the start of its term; ReadIndex waits for
      // it (§6.4).
      reads.setNoopIndex(appendLocal(new byte[0]));
    }
    timerGeneration++;
    int gen = timerGeneration;
    scheduler.execute(() -> heartbeatLoop(gen));
  }

  private void persistTermAndVote(long term, String votedFor) {
    try {
      store.saveTermAndVote(term, config.isUnsafe(UnsafeMode.FORGET_VOTE) ? null : votedFor);
    } catch (IOException e) {
      LOG.error("{} cannot persist term and vote; stopping", self, e);
      stopNow();
      throw new UncheckedIOException(e);
    }
  }

  // ---- timers
  // ------------------------------------------------------------------------------------------------

  void resetElectionDeadline() {
    long ms =
        config.electionMinMillis()
            + random.nextInt((int) (config.electionMaxMillis() - config.electionMinMillis()));
    electionDeadlineNanos = clock.nanoTime() + ms * 1_000_000L;
  }

  private void startElectionTimer() {
    timerGeneration++;
    resetElectionDeadline();
    int gen = timerGeneration;
    scheduler.schedule(() -> electionCheck(gen), config.electionMinMillis());
  }

  /**
   * Fires at the deadline; a reset deadline only moves the next check, so resets cost no timer churn. The deadline
   * is on the clock, which a step can move forward at once, so it counts only once the ticks say that no leader was
   * heard for the minimum election timeout either: otherwise a follower whose clock jumps would campaign, and vote
   * for itself, inside the window that the leader's lease relies on (thesis §6.4.1).
   */
  private void electionCheck(int gen) {
    if (gen != timerGeneration || stopped || state.role() == Role.LEADER) {
      return;
    }
    long now = clock.nanoTime();
    if (now >= electionDeadlineNanos
        && heardFromLeaderRecently()
        && !config.isUnsafe(UnsafeMode.LEASE_CLOCK_JUMP)) {
      long waitMs = config.electionMinMillis() - (ticks - lastLeaderContactTick) * TICK_MILLIS;
      scheduler.schedule(() -> electionCheck(gen), Math.max(1, waitMs));
      return;
    }
    if (now >= electionDeadlineNanos) {
      resetElectionDeadline();
      election.timeout();
    } else if (electionDeadlineNanos - now > config.electionMaxMillis() * 1_000_000L) {
      resetElectionDeadline(); // the monotonic clock stepped backwards (e.g. libfaketime): start
      // over
    }
    if (gen == timerGeneration && state.role() != Role.LEADER) {
      long waitMs = Math.max(1, (electionDeadlineNanos - clock.nanoTime() + 999_999) / 1_000_000);
      scheduler.schedule(() -> electionCheck(gen), Math.min(waitMs, config.electionMaxMillis()));
    }
  }

  private void heartbeatLoop(int gen) {
    if (gen != timerGeneration || stopped || state.role() != Role.LEADER) {
      return;
    }
    replication.tick();
    if (gen == timerGeneration && state.role() == Role.LEADER) {
      scheduler.schedule(() -> heartbeatLoop(gen), config.heartbeatMillis());
    }
  }

  // ---- client writes
  // -----------------------------------------------------------------------------------------

  private void doPropose(byte[] command, Consumer<Reply> done) {
    if (stopped) {
      done.accept(Reply.notLeader(null));
      return;
    }
    if (state.role() != Role.LEADER) {
      done.accept(Reply.notLeader(state.leaderId()));
      return;
    }
    if (replication.transferring()) {
      done.accept(Reply.notLeader(replication.transferTarget()));
      return;
    }
    long index = appendLocal(command);
    if (config.isUnsafe(UnsafeMode.ACK_BEFORE_COMMIT)) {
      done.accept(Reply.ok(stateMachine.preview(command), index, state.term()));
      return;
    }
    pendingWrites.put(index, new PendingWrite(state.term(), done));
  }

  /**
   * Appends an entry of the current term to the leader's log. Writing it to disk and sending it to followers are
   * deferred to one flush task, so that a burst of proposals becomes one write and one message per follower.
   */
  private long appendLocal(byte[] command) {
    LogEntry e = new LogEntry(log.lastIndex() + 1, state.term(), command);
    log.append(e);
    unsavedEntries.add(e);
    if (!flushScheduled) {
      flushScheduled = true;
      scheduler.execute(this::flushAppends);
    }
    return e.index();
  }

  private void flushAppends() {
    flushScheduled = false;
    if (state.role() == Role.LEADER && !stopped) {
      // The leader's own write runs in parallel with replication (thesis §10.2.1): the entries
      // leave for the
      // followers before they are handed to the store.
      replication.sendToAll(false);
    }
    saveUnsavedEntries();
    if (state.role() == Role.LEADER && !stopped) {
      replication.maybeCommit();
    }
  }

  /** Queues the leader's new entries for the disk; must run before any other store write. */
  void saveUnsavedEntries() {
    if (unsavedEntries.isEmpty()) {
      return;
    }
    List<LogEntry> batch = List.copyOf(unsavedEntries);
    unsavedEntries.clear();
    placement.overlapWrites(state.role() == Role.LEADER && !loneWrites(batch));
    store.append(durability.begin(log.lastIndex(), Long.MAX_VALUE), 0, batch);
  }

  /**
   * Whether the leader's writes come one at a time: this batch is one entry, nothing older awaits its commit, and
   * the same held for the batches before it. Such a write is written on the loop, which has nothing else to do
   * until it commits, and saves the writer thread's wake-up each way; under concurrent clients the loop stays free
   * for acknowledgements and new requests while the writer thread waits for the disk (thesis §10.2.1).
   */
  private boolean loneWrites(List<LogEntry> batch) {
    boolean lone =
        batch.size() == 1
            && (pendingWrites.isEmpty() || pendingWrites.firstKey() >= batch.get(0).index());
    loneStreak = lone ? loneStreak + 1 : 0;
    return loneStreak >= LONE_STREAK;
  }

  private void failPendingWrites() {
    for (PendingWrite w : pendingWrites.values()) {
      w.done.accept(Reply.uncertain(state.leaderId()));
    }
    pendingWrites.clear();
  }

  // ---- durability, commit and apply
  // --------------------------------------------------------------------------

  private void onDurable(long seq) {
    if (stopped) {
      return;
    }
    durability.completed(seq);
    if (state.role() == Role.LEADER) {
      replication.maybeCommit();
    } else {
      sendDurableAcks();
    }
  }

  /** Sends (now, or once the log is durable up to {@code index}) a reply that vouches for the log. */
  void replyWhenDurable(long index, String to, RaftMessage reply) {
    if (durability.durableIndex() >= index) {
      transport.send(to, reply);
    } else {
      pendingAcks.add(new PendingAck(state.term(), index, to, reply));
    }
  }

  private void sendDurableAcks() {
    long durable = durability.durableIndex();
    for (Iterator<PendingAck> it = pendingAcks.iterator(); it.hasNext(); ) {
      PendingAck a = it.next();
      if (a.term != state.term()) {
        it.remove();
      } else if (a.index <= durable) {
        it.remove();
        transport.send(a.to, a.reply);
      }
    }
  }

  /** Raises the commit index and applies newly committed entries in order (§5.3). */
  void commitTo(long index) {
    if (index <= commitIndex) {
      return;
    }
    commitIndex = index;
    if (damaged && state.role() == Role.FOLLOWER && log.term(index) == state.term()) {
      damaged = false;
      LOG.info("{} caught up to {} in term {}: votes again", self, index, state.term());
    }
    applyCommitted();
  }

  private void applyCommitted() {
    while (lastApplied < commitIndex && lastApplied < log.lastIndex()) {
      long i = lastApplied + 1;
      LogEntry e = log.entry(i);
      Object result = e.isNoop() ? null : stateMachine.apply(i, e.command());
      lastApplied = i;
      PendingWrite w = pendingWrites.remove(i);
      if (w != null) {
        w.done.accept(
            w.term == e.term() ? Reply.ok(result, i, e.term()) : Reply.uncertain(state.leaderId()));
      }
    }
    reads.onApplied();
    maybeSnapshot();
  }

  /** Takes a snapshot and compacts the log once enough entries are applied (§7). */
  private void maybeSnapshot() {
    if (lastApplied - log.snapshotIndex() < config.snapshotThreshold()) {
      return;
    }
    saveUnsavedEntries();
    Snapshot s = new Snapshot(lastApplied, log.term(lastApplied), stateMachine.takeSnapshot());
    log.compactTo(s);
    store.saveSnapshot(durability.begin(log.lastIndex(), Long.MAX_VALUE), s, log.entriesCopy());
    LOG.debug("{} snapshot at {}", self, s.lastIndex());
  }

  /** Installs a snapshot received from the leader (§7, Figure 13); called by {@link FollowerLog}. */
  void installSnapshot(Snapshot s) {
    boolean keepSuffix = log.term(s.lastIndex()) == s.lastTerm();
    if (keepSuffix) {
      log.compactTo(s);
    } else {
      log.resetTo(s);
    }
    stateMachine.restoreSnapshot(s.data());
    commitIndex = Math.max(commitIndex, s.lastIndex());
    lastApplied = s.lastIndex();
    store.saveSnapshot(
        durability.begin(log.lastIndex(), keepSuffix ? Long.MAX_VALUE : 0), s, log.entriesCopy());
    LOG.info("{} installed snapshot at {} from leader {}", self, s.lastIndex(), state.leaderId());
    applyCommitted();
  }
}
