package io.faultline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.raft.ReadMode;
import io.faultline.raft.Reply;
import io.faultline.raft.Role;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.protocol.KvCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Scenarios on a {@link LocalCluster}: each test reads as a story of faults and what Raft must do about them. */
class RaftScenarioTest {
  @TempDir Path dir;

  @Test
  void isolatedLeadersUncommittedEntriesAreOverwrittenAfterHeal() {
    LocalCluster c = new LocalCluster(5, 1, dir);
    String old = c.awaitLeader(5_000);
    c.writeCommitted("x", "committed", 5_000);
    old = c.leader();

    c.firewall().isolate(old, c.ids());
    LocalCluster.Call lost = c.write(old, "x", "uncommitted");
    c.runFor(50);
    assertThat(c.status(old).lastIndex()).isGreaterThan(c.status(old).commitIndex());

    String oldLeader = old;
    String fresh = c.awaitNewLeader(oldLeader, 5_000);
    assertThat(fresh).isNotNull();
    c.writeCommitted("x", "new", 5_000);
    // Check-quorum: the isolated leader steps down, and its client learns the outcome is unknown.
    assertThat(c.runUntil(() -> c.status(oldLeader).role() != Role.LEADER, 2_000)).isTrue();
    assertThat(lost.reply.status()).isEqualTo(Reply.Status.UNCERTAIN);

    c.firewall().heal();
    long target = c.status(fresh).commitIndex();
    assertThat(c.runUntil(() -> c.status(oldLeader).lastApplied() >= target, 5_000)).isTrue();
    assertThat(c.stateMachine(oldLeader).get("x")).isEqualTo("new");
    assertThat(c.violations()).isEmpty();
  }

  @Test
  void leaderWritesOneClientsWritesItselfAndConcurrentWritesOnItsWriter() {
    LocalCluster c = new LocalCluster(3, 4, dir);
    String leader = c.awaitLeader(5_000);
    for (int i = 0; i < 20; i++) {
      c.writeCommitted("one-by-one", "v" + i, 5_000);
    }
    assertThat(c.leader()).isEqualTo(leader);
    // After a streak of lone writes the leader stops waking its writer: 20 writes, at most 8 + the
    // no-op there.
    assertThat(c.ownDrains(leader)).isGreaterThanOrEqualTo(11);
    assertThat(c.writerDrains(leader)).isLessThanOrEqualTo(9);
    for (String follower : c.ids()) {
      if (!follower.equals(leader)) {
        assertThat(c.writerDrains(follower)).as("a follower always writes on its loop").isZero();
      }
    }

    long writerBefore = c.writerDrains(leader);
    long ownBefore = c.ownDrains(leader);
    List<LocalCluster.Call> burst = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      burst.add(c.write(leader, "burst-" + i, "v"));
    }
    assertThat(c.runUntil(() -> burst.stream().allMatch(LocalCluster.Call::done), 5_000)).isTrue();
    assertThat(burst).allMatch(call -> call.reply.status() == Reply.Status.OK);
    assertThat(c.writerDrains(leader))
        .as("concurrent writes overlap on the writer")
        .isGreaterThan(writerBefore);
    assertThat(c.ownDrains(leader)).isEqualTo(ownBefore);
    assertThat(c.violations()).isEmpty();
  }

  @Test
  void groupRestartsFromDiskWithEveryAcknowledgedWrite() {
    LocalCluster c = new LocalCluster(3, 2, dir);
    for (int i = 0; i < 20; i++) {
      c.writeCommitted("k" + i, "v" + i, 5_000);
    }
    for (String id : c.ids()) {
      c.crash(id);
    }
    c.runFor(1_000);
    for (String id : c.ids()) {
      c.restart(id);
    }
    String leader = c.awaitLeader(5_000);
    assertThat(leader).isNotNull();
    LocalCluster.Call read = c.read(leader, "k19");
    assertThat(c.runUntil(read::done, 2_000)).isTrue();
    assertThat(read.reply.value()).isEqualTo("v19");
    assertThat(c.stateMachine(leader).get("k0")).isEqualTo("v0");
    assertThat(c.status(leader).term()).isGreaterThan(1);
  }

  @Test
  void followerFarBehindCatchesUpThroughInstallSnapshot() {
    LocalCluster c = new LocalCluster(3, 3, dir, cfg -> cfg.withSnapshotThreshold(10));
    String leader = c.awaitLeader(5_000);
    String lagging = c.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    c.firewall().isolate(lagging, c.ids());
    for (int i = 0; i < 50; i++) {
      c.writeCommitted("k", "v" + i, 5_000);
    }
    String now = c.leader();
    assertThat(c.status(now).snapshotIndex()).isGreaterThan(10);

    c.firewall().heal();
    long target = c.status(now).commitIndex();
    assertThat(c.runUntil(() -> c.status(lagging).lastApplied() >= target, 5_000)).isTrue();
    assertThat(c.status(lagging).snapshotIndex()).isGreaterThan(0);
    assertThat(c.stateMachine(lagging).get("k")).isEqualTo("v49");
  }

  @Test
  void tornLogTailIsTruncatedOnRestartAndRefilledByTheLeader() throws java.io.IOException {
    LocalCluster c = new LocalCluster(3, 11, dir);
    for (int i = 0; i < 10; i++) {
      c.writeCommitted("k", "v" + i, 5_000);
    }
    String leader = c.leader();
    String follower = c.ids().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    c.runUntil(() -> c.status(follower).lastIndex() == c.status(leader).lastIndex(), 1_000);
    long before = c.status(follower).lastIndex();

    c.crash(follower);
    Path log = dir.resolve(follower).resolve("log.dat");
    try (java.nio.channels.FileChannel ch =
        java.nio.channels.FileChannel.open(log, java.nio.file.StandardOpenOption.WRITE)) {
      ch.truncate(ch.size() - 5); // the last record was torn (here even one it had acknowledged)
    }
    c.restart(follower);
    assertThat(c.status(follower).lastIndex()).isEqualTo(before - 1);

    c.writeCommitted("k", "after", 5_000);
    long target = c.status(c.leader()).commitIndex();
    boolean caughtUp = c.runUntil(() -> c.status(follower).lastApplied() >= target, 5_000);
    assertThat(caughtUp).isTrue();
    assertThat(c.stateMachine(follower).get("k")).isEqualTo("after");
    assertThat(c.violations()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(ReadMode.class)
  void isolatedLeaderServesNoStaleRead(ReadMode mode) {
    LocalCluster c = new LocalCluster(3, 4, dir, cfg -> cfg.withReadMode(mode));
    c.writeCommitted("x", "1", 5_000);
    String old = c.leader();
    c.firewall().isolate(old, c.ids());
    String fresh = c.awaitNewLeader(old, 5_000);
    assertThat(fresh).isNotNull();
    c.writeCommitted("x", "2", 5_000);

    LocalCluster.Call stale = c.read(old, "x");
    c.runFor(1_000);
    assertThat(stale.done()).isTrue();
    assertThat(stale.reply.status()).isEqualTo(Reply.Status.NOT_LEADER);

    LocalCluster.Call read = c.read(c.leader(), "x");
    assertThat(c.runUntil(read::done, 1_000)).isTrue();
    assertThat(read.reply.value()).isEqualTo("2");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void leaseSurvivesABackwardClockStepOnlyOnTheUnsafeWallClock(boolean wallClock) {
    LocalCluster c =
        new LocalCluster(
            3,
            10,
            dir,
            cfg ->
                cfg.withReadMode(ReadMode.LEASE)
                    .withUnsafe(wallClock ? Set.of(UnsafeMode.LEASE_WALLCLOCK) : Set.of()));
    c.writeCommitted("x", "1", 5_000);
    String old = c.leader();
    c.firewall().isolate(old, c.ids());
    c.bumpClock(old, -5_000);
    assertThat(c.awaitNewLeader(old, 5_000)).isNotNull();
    c.writeCommitted("x", "2", 5_000);

    LocalCluster.Call read = c.read(old, "x");
    c.runFor(100);
    if (wallClock) {
      assertThat(read.reply.value()).as("the bug: a stale read").isEqualTo("1");
    } else {
      assertThat(read.done() && read.reply.status() == Reply.Status.OK)
          .as("no stale read")
          .isFalse();
    }
  }

  @Test
  void retriedWriteIsAppliedOnceThanksToTheClientSession() {
    LocalCluster c = new LocalCluster(3, 5, dir);
    String leader = c.awaitLeader(5_000);
    LocalCluster.Call first = c.append(leader, 42, 1, "l", "a");
    LocalCluster.Call retry = c.append(leader, 42, 1, "l", "a");
    assertThat(c.runUntil(() -> first.done() && retry.done(), 2_000)).isTrue();
    assertThat(c.stateMachine(leader).get("l")).isEqualTo(List.of("a"));
  }

  @Test
  void unsafeNoDedupAppliesARetryTwice() {
    LocalCluster c =
        new LocalCluster(3, 6, dir, cfg -> cfg.withUnsafe(Set.of(UnsafeMode.NO_DEDUP)));
    String leader = c.awaitLeader(5_000);
    LocalCluster.Call first = c.append(leader, 42, 1, "l", "a");
    LocalCluster.Call retry = c.append(leader, 42, 1, "l", "a");
    assertThat(c.runUntil(() -> first.done() && retry.done(), 2_000)).isTrue();
    assertThat(c.stateMachine(leader).get("l")).isEqualTo(List.of("a", "a"));
  }

  @Test
  void unsafeStaleReadsLetAnIsolatedFollowerAnswer() {
    LocalCluster c =
        new LocalCluster(3, 7, dir, cfg -> cfg.withUnsafe(Set.of(UnsafeMode.STALE_READS)));
    c.writeCommitted("x", "1", 5_000);
    String follower =
        c.ids().stream().filter(id -> !id.equals(c.leader())).findFirst().orElseThrow();
    c.runUntil(() -> "1".equals(c.stateMachine(follower).get("x")), 1_000);
    c.firewall().isolate(follower, c.ids());
    c.writeCommitted("x", "2", 5_000);
    LocalCluster.Call read = c.read(follower, "x");
    assertThat(c.runUntil(read::done, 1_000)).isTrue();
    assertThat(read.reply.value()).isEqualTo("1");
  }

  @Test
  void leadershipMovesToTheChosenMemberOnRequest() {
    LocalCluster c = new LocalCluster(3, 9, dir);
    c.writeCommitted("x", "1", 5_000);
    String old = c.leader();
    String target = c.ids().stream().filter(id -> !id.equals(old)).findFirst().orElseThrow();
    LocalCluster.Call transfer = new LocalCluster.Call();
    c.node(old).transferLeadership(target, r -> transfer.reply = r);
    assertThat(c.runUntil(() -> target.equals(c.leader()), 2_000)).isTrue();
    assertThat(transfer.reply.status()).isEqualTo(Reply.Status.OK);
    c.writeCommitted("x", "2", 2_000);
    assertThat(c.leader()).isEqualTo(target);
  }

  @Test
  void casAndAppendFollowTheirSemantics() {
    LocalCluster c = new LocalCluster(1, 8, dir);
    String leader = c.awaitLeader(5_000);
    LocalCluster.Call w = c.write(leader, "r", "a");
    c.propose(leader, new KvCommand(KvCommand.Op.OPEN, 1, 0, null, null, null));
    LocalCluster.Call ok = c.propose(leader, new KvCommand(KvCommand.Op.CAS, 1, 1, "r", "a", "b"));
    LocalCluster.Call no = c.propose(leader, new KvCommand(KvCommand.Op.CAS, 1, 2, "r", "a", "c"));
    assertThat(c.runUntil(() -> w.done() && ok.done() && no.done(), 1_000)).isTrue();
    assertThat(ok.reply.value()).isEqualTo(true);
    assertThat(no.reply.value()).isEqualTo(false);
    assertThat(c.stateMachine(leader).get("r")).isEqualTo("b");
  }

  /**
   * "Servers retry RPCs if they do not receive a response in a timely manner" (§5.1): a candidate asks again the
   * peers that have not answered, so a peer that was down when the election started still votes in that term.
   * Without Pre-Vote the last live member becomes a candidate at once, although it cannot win yet.
   */
  @Test
  void candidateRetriesRequestVoteToAPeerThatWasDown() {
    LocalCluster c = new LocalCluster(3, 10, dir, cfg -> cfg.withPreVote(false));
    String leader = c.awaitLeader(5_000);
    List<String> others = c.ids().stream().filter(id -> !id.equals(leader)).toList();
    String candidate = others.get(0);
    String voter = others.get(1);
    c.crash(leader);
    c.crash(voter);
    assertThat(c.runUntil(() -> c.status(candidate).role() == Role.CANDIDATE, 1_000)).isTrue();
    long term = c.status(candidate).term();
    c.runFor(60); // the first request and a retry are lost on the dead peers
    c.restart(voter);
    assertThat(c.runUntil(() -> c.status(candidate).role() == Role.LEADER, 1_000)).isTrue();
    assertThat(c.status(candidate).term()).as("won the term of its first request").isEqualTo(term);
    assertThat(c.status(voter).votedFor()).isEqualTo(candidate);
  }

  /** With Pre-Vote (thesis §9.6) a member that no majority would vote for keeps its term instead of campaigning. */
  @Test
  void preVoteKeepsALoneMemberFromCampaigning() {
    LocalCluster c = new LocalCluster(3, 10, dir);
    String leader = c.awaitLeader(5_000);
    long term = c.status(leader).term();
    List<String> others = c.ids().stream().filter(id -> !id.equals(leader)).toList();
    c.crash(leader);
    c.crash(others.get(1));
    c.runFor(1_000);
    assertThat(c.status(others.get(0)).term()).isEqualTo(term);
    assertThat(c.status(others.get(0)).role()).isEqualTo(Role.PRE_CANDIDATE);
  }
}
