package io.faultline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.raft.RaftConfig;
import io.faultline.raft.ReadMode;
import io.faultline.raft.Reply;
import io.faultline.raft.Role;
import io.faultline.raft.UnsafeMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The four ways a leader lease (thesis §6.4.1) could outlive the promise it rests on, that no other leader is
 * elected before it expires. In each story L leads with a lease that B's acknowledgement gave it, L is cut off, a
 * new leader is elected and commits {@code x=2}, and L is asked for {@code x}. With the story's unsafe mode the new
 * leader wins while L's lease still runs, and L answers {@code 1} from it; without, L does not answer {@code 1}.
 */
class LeaseReadScenarioTest {
  @TempDir Path dir;

  /**
   * Leadership transfer (thesis §3.10): B grants the vote that A asks for at L's request although it heard from L
   * a moment ago, and A asks again every heartbeat for as long as its candidacy lasts.
   */
  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void transferTargetWinsWhileTheOldLeaderStillHoldsALease(boolean unsafe) {
    LocalCluster c =
        cluster(
            1, unsafe, UnsafeMode.LEASE_AFTER_TRANSFER, cfg -> cfg.withTimeouts(150, 1_000, 50));
    Cast p = cast(c);
    c.firewall().drop(p.a, p.leader);
    c.firewall().drop(p.a, p.b);
    LocalCluster.Call transfer = new LocalCluster.Call();
    c.node(p.leader).transferLeadership(p.a, r -> transfer.reply = r);
    assertThat(c.runUntil(() -> c.status(p.a).role() == Role.CANDIDATE, 100))
        .as("A got TimeoutNow and campaigns, but nobody hears it")
        .isTrue();
    assertThat(transfer.reply.status()).isEqualTo(Reply.Status.OK);
    c.runFor(200); // past the electionMin after TimeoutNow; B's acks keep renewing L's lease

    c.firewall().heal();
    c.firewall().isolate(p.leader, c.ids());
    assertThat(c.status(p.a).role()).as("A still campaigns").isEqualTo(Role.CANDIDATE);
    assertThat(c.runUntil(() -> c.status(p.a).role() == Role.LEADER, 1_000)).isTrue();
    assertStaleReadOnlyIfUnsafe(c, p.a, p.leader, unsafe);
  }

  /**
   * A forward step of B's clock fires its election timer at once, although B heard from L moments before: B asks
   * A, which has not heard from L for long, and wins.
   */
  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void followerWhoseClockJumpsForwardWinsWhileTheOldLeaderStillHoldsALease(boolean unsafe) {
    LocalCluster c = cluster(2, unsafe, UnsafeMode.LEASE_CLOCK_JUMP, cfg -> cfg);
    Cast p = cast(c);
    c.firewall().drop(p.leader, p.a);
    c.runFor(400); // A no longer follows L; B, which still hears L, refuses A's pre-votes

    c.firewall().isolate(p.leader, c.ids());
    c.bumpClock(p.b, 300);
    assertThat(c.runUntil(() -> c.status(p.b).role() == Role.LEADER, 1_000)).isTrue();
    assertStaleReadOnlyIfUnsafe(c, p.b, p.leader, unsafe);
  }

  /**
   * With a 30 ms minimum election timeout B counts its three 10 ms ticks of stickiness from a contact that came
   * just before a tick, so it may vote 20 ms after it heard from L, while L's lease is 24 ms. On a loopback-fast
   * network A, which campaigns every millisecond, wins and commits within those 4 ms. Safe, the lease is
   * {@code (30 − 2 × 10) × 0.8 = 8} ms.
   */
  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void followerVotesBeforeTheLeaseEndsWhenTheTickIsCoarse(boolean unsafe) {
    LocalCluster c =
        cluster(
            24,
            unsafe,
            UnsafeMode.LEASE_TICK,
            cfg -> cfg.withTimeouts(30, 60, 1).withPreVote(false));
    c.linkDelayMicros(50, 200);
    Cast p = cast(c);
    c.firewall().drop(p.leader, p.a);
    c.firewall().drop(p.a, p.leader);
    c.runFor(200); // A campaigns every heartbeat; B, which hears L, refuses it

    c.firewall().isolate(p.leader, c.ids());
    assertThat(c.runUntil(() -> c.status(p.a).role() == Role.LEADER, 1_000)).isTrue();
    assertStaleReadOnlyIfUnsafe(c, p.a, p.leader, unsafe);
  }

  /** B restarts at once on its own data and has forgotten that it heard from L moments ago, so it votes for A. */
  @ParameterizedTest(name = "unsafe={0}")
  @ValueSource(booleans = {false, true})
  void restartedFollowerVotesWhileTheOldLeaderStillHoldsALease(boolean unsafe) {
    LocalCluster c = cluster(5, unsafe, UnsafeMode.LEASE_RESTART, cfg -> cfg.withPreVote(false));
    Cast p = cast(c);
    c.firewall().drop(p.leader, p.a);
    c.firewall().drop(p.a, p.leader);
    c.runFor(400); // A campaigns every heartbeat; B, which hears L, refuses it

    c.firewall().isolate(p.leader, c.ids());
    c.crash(p.b);
    c.restart(p.b);
    assertThat(c.runUntil(() -> c.status(p.a).role() == Role.LEADER, 1_000)).isTrue();
    assertStaleReadOnlyIfUnsafe(c, p.a, p.leader, unsafe);
  }

  /** The members of a story: the leader L, which has written {@code x=1}, and the followers A and B. */
  private record Cast(String leader, String a, String b) {}

  /** Three members with lease reads, and {@code mode} when {@code unsafe}. */
  private LocalCluster cluster(
      long seed, boolean unsafe, UnsafeMode mode, UnaryOperator<RaftConfig> tweak) {
    Set<UnsafeMode> modes = unsafe ? Set.of(mode) : Set.of();
    return new LocalCluster(
        3, seed, dir, cfg -> tweak.apply(cfg.withReadMode(ReadMode.LEASE).withUnsafe(modes)));
  }

  /** Writes {@code x=1}, waits until every member has applied it and the leader holds a lease, and names them. */
  private static Cast cast(LocalCluster c) {
    String leader = c.writeCommitted("x", "1", 5_000);
    assertThat(
            c.runUntil(
                () -> c.ids().stream().allMatch(id -> "1".equals(c.stateMachine(id).get("x"))),
                1_000))
        .isTrue();
    c.runFor(60); // one more heartbeat round, so the leader knows every follower has it
    LocalCluster.Call read = c.read(leader, "x");
    c.runUntil(read::done, 0);
    assertThat(read.done()).as("the leader answers from its lease").isTrue();
    List<String> others = c.ids().stream().filter(id -> !id.equals(leader)).toList();
    return new Cast(leader, others.get(0), others.get(1));
  }

  /**
   * Commits {@code x=2} through {@code newLeader}, then reads {@code x} at {@code oldLeader}, which no heartbeat
   * round can leave: only a lease can answer it. Unsafe, the old leader answers {@code 1} at once, from its lease;
   * safe, it never answers the read with a value.
   */
  private static void assertStaleReadOnlyIfUnsafe(
      LocalCluster c, String newLeader, String oldLeader, boolean unsafe) {
    LocalCluster.Call write = c.write(newLeader, "x", "2");
    assertThat(c.runUntil(write::done, 50)).isTrue();
    assertThat(write.reply.status()).isEqualTo(Reply.Status.OK);
    LocalCluster.Call read = c.read(oldLeader, "x");
    if (unsafe) {
      c.runUntil(read::done, 0);
      assertThat(read.done()).as("the old leader answered from its lease").isTrue();
      assertThat(read.reply.value()).as("the bug: a stale read").isEqualTo("1");
    } else {
      c.runFor(1_000);
      assertThat(read.done() && read.reply.status() == Reply.Status.OK)
          .as("no read answered by the old leader, which had no lease left")
          .isFalse();
    }
  }
}
