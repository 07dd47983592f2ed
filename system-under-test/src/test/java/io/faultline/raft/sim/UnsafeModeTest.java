package io.faultline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.raft.ReadMode;
import io.faultline.raft.Reply;
import io.faultline.raft.Role;
import io.faultline.raft.UnsafeMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each deliberate bug, shown doing what its flag promises, next to the correct behaviour. (Stale reads, no-dedup
 * and the wall-clock lease are shown in {@link RaftScenarioTest}, the four {@code lease-*} modes in
 * {@link LeaseReadScenarioTest}, session-evict-reapply in {@code KvStateMachineTest}, and timeout-as-failure, which
 * the client library plays, in {@code ClientPlayedModeTest} and {@code RaftKvClientTest}.)
 */
class UnsafeModeTest {
  @TempDir Path dir;

  private LocalCluster cluster(long seed, UnsafeMode... modes) {
    return new LocalCluster(3, seed, dir, cfg -> cfg.withUnsafe(Set.of(modes)));
  }

  @Test
  void ackBeforeCommitAcknowledgesAWriteThatIsThenLost() {
    LocalCluster c = cluster(21, UnsafeMode.ACK_BEFORE_COMMIT);
    c.writeCommitted("x", "1", 5_000);
    String old = c.leader();
    c.runUntil(
        () -> c.ids().stream().allMatch(id -> "1".equals(c.stateMachine(id).get("x"))), 1_000);
    c.firewall().isolate(old, c.ids());
    LocalCluster.Call doomed = c.write(old, "x", "lost");
    c.runFor(5);
    assertThat(doomed.reply.status()).as("acknowledged at once").isEqualTo(Reply.Status.OK);

    c.awaitNewLeader(old, 5_000);
    c.writeCommitted("y", "1", 5_000);
    c.firewall().heal();
    long target = c.status(c.leader()).commitIndex();
    c.runUntil(() -> c.status(old).lastApplied() >= target, 5_000);
    assertThat(c.stateMachine(old).get("x")).as("the acknowledged write is gone").isEqualTo("1");
  }

  @Test
  void correctLeaderDoesNotAcknowledgeWithoutAMajority() {
    LocalCluster c = cluster(21);
    c.writeCommitted("x", "1", 5_000);
    String old = c.leader();
    c.firewall().isolate(old, c.ids());
    LocalCluster.Call write = c.write(old, "x", "lost");
    c.runFor(100);
    assertThat(write.done()).isFalse();
  }

  @Test
  void forgetVoteLosesTheVoteOnRestart() {
    for (boolean unsafe : new boolean[] {false, true}) {
      LocalCluster c = unsafe ? cluster(22, UnsafeMode.FORGET_VOTE) : cluster(22);
      String leader = c.awaitLeader(5_000);
      String follower = c.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      String voted = c.status(follower).votedFor();
      c.crash(follower);
      c.restart(follower);
      assertThat(c.status(follower).votedFor())
          .as("unsafe=%s", unsafe)
          .isEqualTo(unsafe ? null : voted);
      dir = dir.resolve("second");
    }
  }

  @Test
  void noFsyncAcknowledgesWritesBeforeTheyAreWritten() {
    for (boolean unsafe : new boolean[] {false, true}) {
      LocalCluster c = unsafe ? cluster(23, UnsafeMode.NO_FSYNC) : cluster(23);
      String leader = c.awaitLeader(5_000);
      c.runFor(100);
      String follower = c.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
      long before = c.status(follower).lastIndex();
      c.write(leader, "x", "1");
      // Run until the follower has the entry in memory, but not long enough for a simulated disk
      // write.
      c.runUntil(() -> c.status(follower).lastIndex() > before, 1_000);
      c.runFor(
          0); // tasks already due at this instant, but no simulated disk write (those take 0.3 ms)
      long durable = c.status(follower).durableIndex();
      assertThat(durable > before)
          .as("unsafe=%s: reported durable before the write", unsafe)
          .isEqualTo(unsafe);
      dir = dir.resolve("second");
    }
  }

  @Test
  void commitPreviousTermCommitsAnOldEntryWithoutANoopOfTheNewTerm() {
    for (boolean unsafe : new boolean[] {false, true}) {
      LocalCluster c = unsafe ? cluster(24, UnsafeMode.COMMIT_PREVIOUS_TERM) : cluster(24);
      c.writeCommitted("x", "1", 5_000);
      String first = c.leader();
      List<String> others = c.ids().stream().filter(id -> !id.equals(first)).toList();
      String keeper = others.get(0);
      String other = others.get(1);
      // The entry reaches one follower, but no acknowledgement gets back: it stays uncommitted.
      c.firewall().drop(first, other);
      c.firewall().drop(keeper, first);
      long base = c.status(first).lastIndex();
      c.write(first, "x", "old-term");
      assertThat(c.runUntil(() -> c.status(keeper).lastIndex() > base, 1_000)).isTrue();
      long oldEntry = c.status(keeper).lastIndex();
      c.crash(first);
      c.firewall().heal();

      String next = c.awaitLeader(5_000);
      assertThat(next).isEqualTo(keeper);
      c.runUntil(() -> c.status(keeper).commitIndex() >= oldEntry, 2_000);
      assertThat(c.status(keeper).commitIndex()).isGreaterThanOrEqualTo(oldEntry);
      // Correct: committed by way of the new term's no-op (§5.4.2). Unsafe: counted directly, no
      // no-op.
      assertThat(c.status(keeper).lastIndex())
          .as("unsafe=%s", unsafe)
          .isEqualTo(unsafe ? oldEntry : oldEntry + 1);
      assertThat(c.status(keeper).commitIndex()).isEqualTo(c.status(keeper).lastIndex());
      dir = dir.resolve("second");
    }
  }

  @Test
  void leaseModeServesReadsWithoutAHeartbeatRound() {
    LocalCluster c = new LocalCluster(3, 25, dir, cfg -> cfg.withReadMode(ReadMode.LEASE));
    c.writeCommitted("x", "1", 5_000);
    c.runFor(60);
    LocalCluster.Call read = c.read(c.leader(), "x");
    c.runUntil(read::done, 1);
    assertThat(read.done()).as("answered within the same millisecond, from the lease").isTrue();
    assertThat(read.reply.value()).isEqualTo("1");
  }

  /**
   * The double vote that forget-vote allows, scripted much as the harness's {@code ring-restart-voter} schedule does
   * it, on a ring W-A-V-B-X-W where each member hears only its two neighbours: V votes for candidate A while A has
   * no third vote yet (W is down), restarts, and votes for candidate B of the same term, which V did not hear
   * before; X and W, back from a crash, give B and A their third votes. Only because V had no entry of A's term
   * does the log check (§5.4.1) let it vote again. The correct V remembers its vote and refuses B (§5.2).
   */
  @Test
  void forgetVoteLetsTwoLeadersWinOneTerm() {
    for (boolean unsafe : new boolean[] {false, true}) {
      LocalCluster c =
          new LocalCluster(
              5,
              26,
              dir,
              cfg ->
                  cfg.withPreVote(false)
                      .withTimeouts(1_000, 1_500, 50)
                      .withUnsafe(unsafe ? Set.of(UnsafeMode.FORGET_VOTE) : Set.of()));
      c.writeCommitted("x", "1", 10_000);
      List<String> ring = List.of("n1", "n2", "n3", "n4", "n5"); // W, A, V, B, X
      String w = ring.get(0), a = ring.get(1), v = ring.get(2), b = ring.get(3), x = ring.get(4);
      c.ids().forEach(c::crash);
      ring(c, ring);
      c.firewall().drop(v, b);
      c.firewall().drop(b, v);
      c.restart(a);
      c.restart(b);
      assertThat(c.runUntil(() -> candidate(c, a) && candidate(c, b), 2_000)).isTrue();
      long term = c.status(a).term();
      assertThat(c.status(b).term()).isEqualTo(term);

      c.restart(v);
      assertThat(c.runUntil(() -> a.equals(c.status(v).votedFor()), 500)).isTrue();
      c.crash(v);
      ring(c, ring);
      c.restart(v);
      c.restart(x);
      c.runFor(200);
      c.restart(w);
      assertThat(c.runUntil(() -> leads(c, a, term), 500)).as("unsafe=%s", unsafe).isTrue();
      assertThat(leads(c, b, term))
          .as("unsafe=%s: B leads term %d too", unsafe, term)
          .isEqualTo(unsafe);
      if (unsafe) {
        assertReplicasDivergeUnderTwoLeaders(c, a, b);
      }
      dir = dir.resolve("second");
    }
  }

  /**
   * Two leaders of one term each commit a different write at the same index, through majorities that share V: the
   * leaders' state machines then disagree at one applied index, which their digests show (the harness's replica
   * agreement check), and no client read needs to see it.
   */
  private static void assertReplicasDivergeUnderTwoLeaders(LocalCluster c, String a, String b) {
    LocalCluster.Call viaA = c.write(a, "x", "from-a");
    c.runUntil(viaA::done, 1_000);
    LocalCluster.Call viaB = c.write(b, "x", "from-b");
    assertThat(c.runUntil(() -> viaA.done() && viaB.done(), 2_000)).isTrue();
    assertThat(viaA.reply.status()).isEqualTo(Reply.Status.OK);
    assertThat(viaB.reply.status()).isEqualTo(Reply.Status.OK);
    assertThat(viaA.reply.index()).isEqualTo(viaB.reply.index());
    long index = viaA.reply.index();
    assertThat(c.stateMachine(a).digestAt(index)).isPresent();
    assertThat(c.stateMachine(a).digestAt(index)).isNotEqualTo(c.stateMachine(b).digestAt(index));
    assertThat(c.stateMachine(a).digestAt(index - 1))
        .isEqualTo(c.stateMachine(b).digestAt(index - 1));
  }

  /**
   * vote-ignores-log: F misses the acknowledged write {@code x=2} that L and K hold; L crashes before K learns it
   * is committed. K (whose long election timeout keeps it from campaigning first) grants F its pre-vote and vote
   * although F's log is behind (§5.4.1), and F, as leader, overwrites the write on K. The correct K refuses F and
   * wins itself, so {@code x=2} survives.
   */
  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void voteIgnoringTheLogElectsALeaderThatLosesAnAcknowledgedWrite(boolean unsafe) {
    String k = "n3";
    LocalCluster c =
        new LocalCluster(
            3,
            27,
            dir,
            cfg ->
                (cfg.selfId().equals(k) ? cfg.withTimeouts(3_000, 4_000, 50) : cfg)
                    .withUnsafe(unsafe ? Set.of(UnsafeMode.VOTE_IGNORES_LOG) : Set.of()));
    String l = c.writeCommitted("x", "1", 5_000);
    assertThat(l).isNotEqualTo(k);
    String f = l.equals("n1") ? "n2" : "n1";
    assertThat(c.runUntil(() -> "1".equals(c.stateMachine(f).get("x")), 1_000)).isTrue();
    c.firewall().isolate(f, c.ids());
    c.writeCommitted("x", "2", 5_000);
    c.crash(l);
    assertThat(c.status(k).commitIndex()).isLessThan(c.status(k).lastIndex());
    c.firewall().heal();

    assertThat(c.awaitLeader(10_000)).isEqualTo(unsafe ? f : k);
    c.writeCommitted("y", "1", 5_000);
    assertThat(c.runUntil(() -> "1".equals(c.stateMachine(k).get("y")), 1_000)).isTrue();
    assertThat(c.stateMachine(k).get("x"))
        .as("unsafe=%s: the acknowledged x=2", unsafe)
        .isEqualTo(unsafe ? "1" : "2");
  }

  /**
   * read-index-unconfirmed: L (whose long maximum election timeout delays its check-quorum) is cut off, the others
   * elect a leader that commits {@code x=2}, and L, still leader in its own eyes, is asked for {@code x}. Unsafe, it
   * answers {@code 1} without asking anyone (thesis §6.4 step 3); the correct L waits for a heartbeat round that
   * nobody acknowledges, and never answers {@code 1}.
   */
  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void unconfirmedReadIndexLetsADeposedLeaderReadStale(boolean unsafe) {
    String l = "n1";
    LocalCluster c =
        new LocalCluster(
            3,
            28,
            dir,
            cfg ->
                (cfg.selfId().equals(l) ? cfg.withTimeouts(150, 5_000, 50) : cfg)
                    .withUnsafe(unsafe ? Set.of(UnsafeMode.READ_INDEX_UNCONFIRMED) : Set.of()));
    String first = c.awaitLeader(10_000);
    if (!first.equals(l)) {
      c.node(first).transferLeadership(l, r -> {});
      assertThat(c.runUntil(() -> l.equals(c.leader()), 2_000)).isTrue();
    }
    c.writeCommitted("x", "1", 5_000);
    assertThat(c.leader()).isEqualTo(l);
    c.firewall().isolate(l, c.ids());
    assertThat(c.awaitNewLeader(l, 5_000)).isNotNull();
    c.writeCommitted("x", "2", 5_000);

    assertThat(c.status(l).role()).as("L does not know it was deposed").isEqualTo(Role.LEADER);
    LocalCluster.Call read = c.read(l, "x");
    c.runUntil(read::done, 1_000);
    boolean stale = read.done() && read.reply.status() == Reply.Status.OK;
    assertThat(stale).as("unsafe=%s: L answers", unsafe).isEqualTo(unsafe);
    if (unsafe) {
      assertThat(read.reply.value()).as("the value before the committed x=2").isEqualTo("1");
    }
  }

  /**
   * read-index-before-noop: L acknowledges {@code x=2} and crashes before the followers hear that it is committed.
   * M, whose disk is slow (so that a follower acknowledges M's no-op before M's own write of it ends), wins, and is
   * asked for {@code x} at once. Unsafe, M reads at its own commit index, still below {@code x=2}, as soon as a
   * heartbeat round confirms it, and answers {@code 1}; the correct M waits until its no-op, and with it
   * {@code x=2}, is committed and applied (thesis §6.4 step 1). K's long election timeout keeps it from winning.
   */
  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void readIndexBeforeTheNoopMissesTheOldLeadersLastWrite(boolean unsafe) {
    String k = "n3";
    LocalCluster c =
        new LocalCluster(
            3,
            29,
            dir,
            cfg ->
                (cfg.selfId().equals(k) ? cfg.withTimeouts(3_000, 4_000, 50) : cfg)
                    .withUnsafe(unsafe ? Set.of(UnsafeMode.READ_INDEX_BEFORE_NOOP) : Set.of()));
    String l = c.writeCommitted("x", "1", 5_000);
    assertThat(l).isNotEqualTo(k);
    String m = l.equals("n1") ? "n2" : "n1";
    c.diskDelayMicros(m, 10_000);
    c.runFor(100);
    LocalCluster.Call write = c.write(l, "x", "2");
    assertThat(c.runUntil(write::done, 1_000)).isTrue();
    assertThat(write.reply.status()).isEqualTo(Reply.Status.OK);
    long index = c.status(l).commitIndex();
    assertThat(c.runUntil(() -> c.status(m).lastIndex() >= index, 100)).isTrue();
    c.crash(l);
    assertThat(c.status(m).commitIndex()).as("M knows x=2 is committed").isLessThan(index);

    assertThat(c.awaitNewLeader(l, 5_000)).isEqualTo(m);
    LocalCluster.Call read = c.read(m, "x");
    assertThat(c.runUntil(read::done, 1_000)).isTrue();
    assertThat(read.reply.status()).isEqualTo(Reply.Status.OK);
    assertThat(read.reply.value()).as("unsafe=%s", unsafe).isEqualTo(unsafe ? "1" : "2");
  }

  /**
   * stale-term-responses: B's vote for A in term 1 is held on the link back to A (a link with a long latency). A
   * crashes; C wins term 2 with B's vote; A restarts and campaigns in term 2, cut off from B and C. When B's old
   * grant arrives, the unsafe A counts it towards term 2 and leads term 2 beside C (Election Safety, §5.2, fails);
   * the correct A ignores a vote of another term.
   */
  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void staleVoteGrantElectsASecondLeaderInOneTerm(boolean unsafe) {
    String a = "n1", b = "n2", cc = "n3";
    LocalCluster c =
        new LocalCluster(
            3,
            30,
            dir,
            cfg ->
                (cfg.selfId().equals(b) ? cfg.withTimeouts(5_000, 6_000, 50) : cfg)
                    .withPreVote(false)
                    .withUnsafe(unsafe ? Set.of(UnsafeMode.STALE_TERM_RESPONSES) : Set.of()));
    c.crash(cc);
    c.hold(b, a);
    assertThat(c.runUntil(() -> a.equals(c.status(b).votedFor()), 1_000)).isTrue();
    long staleTerm = c.status(b).term();
    c.firewall().drop(a, b);
    c.firewall().drop(a, cc);
    c.firewall().drop(cc, a);
    c.crash(a);

    c.restart(cc);
    assertThat(c.runUntil(() -> c.status(cc).role() == Role.LEADER, 5_000)).isTrue();
    long term = c.status(cc).term();
    assertThat(term).isGreaterThan(staleTerm);
    c.restart(a);
    assertThat(c.runUntil(() -> candidate(c, a) && c.status(a).term() == term, 5_000)).isTrue();

    c.release(b, a);
    c.runUntil(() -> leads(c, a, term), 100);
    assertThat(leads(c, a, term))
        .as("unsafe=%s: A leads term %d too", unsafe, term)
        .isEqualTo(unsafe);
    assertThat(leads(c, cc, term)).isTrue();
  }

  /**
   * stale-snapshot-installs: F's acknowledgements stop reaching L (a one-way cut) while F still receives and
   * applies every entry. L, seeing F stuck, probes from F's last known match, which is behind L's snapshot, and
   * sends F that snapshot, older than F's applied state. Unsafe, F's state machine goes back to it and never
   * applies the entries after it again: after the cut heals, F lacks writes that L has. The correct F ignores a
   * snapshot that covers nothing new (§7, Figure 13).
   */
  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void staleSnapshotRollsAFollowersStateBackForGood(boolean unsafe) {
    LocalCluster c =
        new LocalCluster(
            3,
            31,
            dir,
            cfg ->
                cfg.withTimeouts(1_000, 2_000, 50)
                    .withSnapshotThreshold(20)
                    .withUnsafe(unsafe ? Set.of(UnsafeMode.STALE_SNAPSHOT_INSTALLS) : Set.of()));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 35; i++) {
      keys.add("k" + i);
    }
    String l = c.writeCommitted(keys.get(0), "v", 10_000);
    for (String k : keys.subList(1, 10)) {
      c.writeCommitted(k, "v", 5_000);
    }
    String f = c.ids().stream().filter(id -> !id.equals(l)).findFirst().orElseThrow();
    assertThat(c.runUntil(() -> "v".equals(c.stateMachine(f).get("k9")), 1_000)).isTrue();
    c.firewall().drop(f, l);
    for (String k : keys.subList(10, keys.size())) {
      c.writeCommitted(k, "v", 5_000);
    }
    assertThat(c.runUntil(() -> "v".equals(c.stateMachine(f).get("k34")), 1_000)).isTrue();
    assertThat(c.status(l).snapshotIndex())
        .as("L's snapshot is older than what F applied")
        .isPositive()
        .isLessThan(c.status(f).lastApplied());
    c.runFor(1_500); // L finds F stuck and sends it the snapshot
    c.firewall().heal();
    c.writeCommitted("after", "v", 5_000);
    assertThat(c.runUntil(() -> "v".equals(c.stateMachine(f).get("after")), 5_000)).isTrue();

    List<String> lost = keys.stream().filter(k -> c.stateMachine(f).get(k) == null).toList();
    assertThat(keys).allMatch(k -> "v".equals(c.stateMachine(l).get(k)));
    assertThat(lost)
        .as("unsafe=%s: writes F's state machine lacks", unsafe)
        .hasSize(unsafe ? lost.size() : 0);
    assertThat(lost.isEmpty()).as("unsafe=%s: F lacks %s", unsafe, lost).isEqualTo(!unsafe);
  }

  /** Cuts every link but those between neighbours on {@code ring} (the harness's majorities ring, for 5 nodes). */
  private static void ring(LocalCluster c, List<String> ring) {
    c.firewall().heal();
    int n = ring.size();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        int d = Math.floorMod(i - j, n);
        if (d > 1 && d < n - 1) {
          c.firewall().drop(ring.get(i), ring.get(j));
        }
      }
    }
  }

  private static boolean candidate(LocalCluster c, String id) {
    return c.alive(id) && c.status(id).role() == Role.CANDIDATE;
  }

  private static boolean leads(LocalCluster c, String id, long term) {
    return c.alive(id) && c.status(id).role() == Role.LEADER && c.status(id).term() == term;
  }
}
