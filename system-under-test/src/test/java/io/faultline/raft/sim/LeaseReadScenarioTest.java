package io.faultline.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.raft.RaftConfig;
import io.faultline.raft.ReadMode;
import io.faultline.raft.Reply;
import io.faultline.raft.Role;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four ways a leader lease (thesis §6.4.1) can outlive the promise it rests on, that no other leader is elected
 * before it expires. In each story L leads with a lease that B's acknowledgement gave it, a new leader is elected
 * and commits {@code x=2} while that lease still runs, and L then answers a read of {@code x} from its lease.
 */
class LeaseReadScenarioTest {
  @TempDir Path dir;

  /**
   * Leadership transfer (thesis §3.10): B grants the vote that A asks for at L's request although it heard from L
   * a moment ago, and A asks again every heartbeat for as long as its candidacy lasts.
   */
  @Test
  void transferTargetWinsWhileTheOldLeaderStillHoldsALease() {
    LocalCluster c = cluster(1, cfg -> cfg.withTimeouts(150, 1_000, 50));
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
    assertThat(c.runUntil(() -> c.status(p.a).role() == Role.LEADER, 100)).isTrue();
    assertThat(readAfterNewWrite(c, p.a, p.leader).reply.value()).isEqualTo("1");
  }

  /**
   * A forward step of B's clock fires its election timer at once, although B heard from L moments before: B asks
   * A, which has not heard from L for long, and wins.
   */
  @Test
  void followerWhoseClockJumpsForwardWinsWhileTheOldLeaderStillHoldsALease() {
    LocalCluster c = cluster(2, cfg -> cfg);
    Cast p = cast(c);
    c.firewall().drop(p.leader, p.a);
    c.runFor(400); // A no longer follows L; B, which still hears L, refuses A's pre-votes

    c.firewall().isolate(p.leader, c.ids());
    c.bumpClock(p.b, 300);
    assertThat(c.runUntil(() -> c.status(p.b).role() == Role.LEADER, 100)).isTrue();
    assertThat(readAfterNewWrite(c, p.b, p.leader).reply.value()).isEqualTo("1");
  }

  /**
   * With a 20 ms minimum election timeout B counts its 10 ms ticks of stickiness from a contact that came just
   * before a tick, so it may vote 10 ms after it heard from L, while L's lease is 16 ms. On a loopback-fast network
   * A, which campaigns every millisecond, wins and commits within those 6 ms.
   */
  @Test
  void followerVotesBeforeTheLeaseEndsWhenTheTickIsCoarse() {
    LocalCluster c = cluster(4, cfg -> cfg.withTimeouts(20, 40, 1).withPreVote(false));
    c.linkDelayMicros(50, 200);
    Cast p = cast(c);
    c.firewall().drop(p.leader, p.a);
    c.firewall().drop(p.a, p.leader);
    c.runFor(200); // A campaigns every heartbeat; B, which hears L, refuses it

    c.firewall().isolate(p.leader, c.ids());
    assertThat(c.runUntil(() -> c.status(p.a).role() == Role.LEADER, 100)).isTrue();
    assertThat(readAfterNewWrite(c, p.a, p.leader).reply.value()).isEqualTo("1");
  }

  /** B restarts at once on its own data and has forgotten that it heard from L moments ago, so it votes for A. */
  @Test
  void restartedFollowerVotesWhileTheOldLeaderStillHoldsALease() {
    LocalCluster c = cluster(5, cfg -> cfg.withPreVote(false));
    Cast p = cast(c);
    c.firewall().drop(p.leader, p.a);
    c.firewall().drop(p.a, p.leader);
    c.runFor(400); // A campaigns every heartbeat; B, which hears L, refuses it

    c.firewall().isolate(p.leader, c.ids());
    c.crash(p.b);
    c.restart(p.b);
    assertThat(c.runUntil(() -> c.status(p.a).role() == Role.LEADER, 100)).isTrue();
    assertThat(readAfterNewWrite(c, p.a, p.leader).reply.value()).isEqualTo("1");
  }

  /** The members of a story: the leader L, which has written {@code x=1}, and the followers A and B. */
  private record Cast(String leader, String a, String b) {}

  private LocalCluster cluster(long seed, UnaryOperator<RaftConfig> tweak) {
    return new LocalCluster(3, seed, dir, cfg -> tweak.apply(cfg.withReadMode(ReadMode.LEASE)));
  }

  /** Writes {@code x=1}, waits until every member has applied it, and names the members. */
  private static Cast cast(LocalCluster c) {
    String leader = c.writeCommitted("x", "1", 5_000);
    assertThat(
            c.runUntil(
                () -> c.ids().stream().allMatch(id -> "1".equals(c.stateMachine(id).get("x"))),
                1_000))
        .isTrue();
    c.runFor(60); // one more heartbeat round, so the leader knows every follower has it
    List<String> others = c.ids().stream().filter(id -> !id.equals(leader)).toList();
    return new Cast(leader, others.get(0), others.get(1));
  }

  /**
   * Commits {@code x=2} through {@code newLeader}, then reads {@code x} at {@code oldLeader} at once; returns the
   * read, answered only if the old leader answered from its lease (a round of heartbeats cannot reach anyone).
   */
  private static LocalCluster.Call readAfterNewWrite(
      LocalCluster c, String newLeader, String oldLeader) {
    LocalCluster.Call write = c.write(newLeader, "x", "2");
    assertThat(c.runUntil(write::done, 50)).isTrue();
    assertThat(write.reply.status()).isEqualTo(Reply.Status.OK);
    LocalCluster.Call read = c.read(oldLeader, "x");
    c.runUntil(read::done, 0);
    assertThat(read.done()).as("the old leader answered from its lease").isTrue();
    return read;
  }
}
