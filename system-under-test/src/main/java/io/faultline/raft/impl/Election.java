package io.faultline.raft.impl;

import io.faultline.raft.Role;
import io.faultline.raft.UnsafeMode;
import io.faultline.raft.message.VoteRequest;
import io.faultline.raft.message.VoteResponse;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election (§5.2) with Pre-Vote (thesis §9.6): a node whose election timer fires first asks whether it could
 * win, without touching its term, and starts a real election only if a majority says yes. Together with the
 * leader-stickiness rule (thesis §4.2.3: ignore vote requests within the minimum election timeout of hearing from a
 * leader) a partitioned node that returns cannot disrupt a healthy leader. Pre-Vote is optional
 * ({@link io.faultline.raft.RaftConfig#preVote()}); without it a timed-out node becomes a candidate at once.
 *
 * <p>A candidate retries RequestVote, every heartbeat interval, to the peers that have not answered it in its term
 * ("Servers retry RPCs if they do not receive a response in a timely manner", §5.1), so a peer that was down or cut
 * off when the election started can still give its vote before the election times out.
 */
final class Election {
  private static final Logger LOG = LoggerFactory.getLogger(Election.class);

  private final RaftNodeImpl n;
  private final Set<String> votes = new HashSet<>();

  /**
   * The peers that answered this candidacy's RequestVote in its term, granted or not. A refusal in a lower term,
   * from a voter that heard from a leader recently (§4.2.3) and so did not take the candidate's term, is no answer:
   * that voter is asked again.
   */
  private final Set<String> answered = new HashSet<>();

  /** This candidacy's RequestVote, resent to the peers that have not answered. */
  private VoteRequest request;

  Election(RaftNodeImpl n) {
    this.n = n;
  }

  /** "If election timeout elapses without receiving AppendEntries ... convert to candidate" (§5.2), via Pre-Vote. */
  void timeout() {
    n.state.forgetLeader();
    n.forgetLeaderContact();
    if (n.damaged) {
      n.resetElectionDeadline(); // a node that lost data waits for a leader (see
      // RaftNodeImpl#damaged)
      return;
    }
    if (!n.config.preVote()) {
      startElection();
      return;
    }
    n.state.toPreCandidate();
    votes.clear();
    votes.add(n.self);
    LOG.debug("{} pre-vote for term {}", n.self, n.state.term() + 1);
    VoteRequest req =
        VoteRequest.preVote(n.state.term() + 1, n.self, n.log.lastIndex(), n.log.lastTerm());
    for (String p : n.peers) {
      n.transport.send(p, req);
    }
    if (votes.size() >= n.config.quorum()) {
      startElection();
    }
  }

  /** Leadership transfer (thesis §3.10): the leader asked us to start an election now, skipping Pre-Vote. */
  void onTimeoutNow() {
    if (n.state.role() == Role.FOLLOWER && !n.damaged) {
      LOG.info("{} starts an election at the leader's request", n.self);
      startElection(true);
    }
  }

  private void startElection() {
    startElection(false);
  }

  /** "Increment currentTerm, vote for self, reset election timer, send RequestVote RPCs to all servers" (§5.2). */
  private void startElection(boolean transfer) {
    n.state.toCandidate();
    n.resetElectionDeadline();
    votes.clear();
    votes.add(n.self);
    answered.clear();
    LOG.info("{} candidate in term {}", n.self, n.state.term());
    request =
        transfer
            ? VoteRequest.transfer(n.state.term(), n.self, n.log.lastIndex(), n.log.lastTerm())
            : VoteRequest.vote(n.state.term(), n.self, n.log.lastIndex(), n.log.lastTerm());
    if (votes.size() >= n.config.quorum()) {
      n.becomeLeader();
    } else {
      sendToUnanswered(n.state.term());
    }
  }

  /**
   * Sends this candidacy's RequestVote to every peer that has not answered it, and again every heartbeat interval,
   * for as long as the node is a candidate of {@code term} (§5.1). A correct voter answers a repeated request as it
   * answered the first: its vote is on disk (Figure 2, votedFor), so it never votes twice in a term.
   */
  private void sendToUnanswered(long term) {
    if (n.stopped || n.state.role() != Role.CANDIDATE || n.state.term() != term) {
      return;
    }
    for (String p : n.peers) {
      if (!answered.contains(p)) {
        n.transport.send(p, request);
      }
    }
    n.scheduler.schedule(() -> sendToUnanswered(term), n.config.heartbeatMillis());
  }

  void onRequest(VoteRequest r) {
    boolean heardFromLeader =
        !r.transfer() && (n.state.role() == Role.LEADER || n.heardFromLeaderRecently());
    if (r.preVote()) {
      // A pre-vote never changes our term or vote.
      boolean grant = r.term() > n.state.term() && !heardFromLeader && !n.damaged && logUpToDate(r);
      n.transport.send(
          r.from(), VoteResponse.preVote(grant ? r.term() : n.state.term(), n.self, grant));
      return;
    }
    if (r.term() > n.state.term() && heardFromLeader) {
      // Thesis §4.2.3: within the minimum election timeout of hearing from a leader, neither update
      // the term
      // nor grant the vote. This is also what makes leader leases safe (§6.4.1).
      n.transport.send(r.from(), VoteResponse.vote(n.state.term(), n.self, false));
      return;
    }
    if (r.term() > n.state.term()) {
      n.becomeFollower(r.term(), null);
    }
    // "If votedFor is null or candidateId, and candidate's log is at least as up-to-date as
    // receiver's log,
    // grant vote (§5.2, §5.4)"; "Reply false if term < currentTerm (§5.1)".
    boolean grant = !n.damaged && logUpToDate(r) && n.state.grantVote(r.term(), r.from());
    if (grant) {
      n.resetElectionDeadline();
    }
    n.transport.send(r.from(), VoteResponse.vote(n.state.term(), n.self, grant));
  }

  void onResponse(VoteResponse r) {
    if (!r.preVote() && n.state.role() == Role.CANDIDATE && r.term() == n.state.term()) {
      answered.add(r.from());
    }
    if (!r.granted()) {
      return;
    }
    if (r.preVote() && n.state.role() == Role.PRE_CANDIDATE && r.term() == n.state.term() + 1) {
      votes.add(r.from());
      if (votes.size() >= n.config.quorum()) {
        startElection();
      }
    } else if (!r.preVote() && n.state.role() == Role.CANDIDATE && isThisTerm(r.term())) {
      votes.add(r.from());
      if (votes.size() >= n.config.quorum()) {
        n.becomeLeader();
      }
    }
  }

  /** Whether a vote answers this candidacy's term; with {@code --unsafe-stale-term-responses} earlier ones do too. */
  private boolean isThisTerm(long voteTerm) {
    return voteTerm == n.state.term()
        || (voteTerm < n.state.term() && n.config.isUnsafe(UnsafeMode.STALE_TERM_RESPONSES));
  }

  /**
   * §5.4.1: compare the terms of the last entries, then the lengths of the logs. With
   * {@code --unsafe-vote-ignores-log} every candidate passes.
   */
  private boolean logUpToDate(VoteRequest r) {
    if (n.config.isUnsafe(UnsafeMode.VOTE_IGNORES_LOG)) {
      return true;
    }
    long lastTerm = n.log.lastTerm();
    return r.lastLogTerm() > lastTerm
        || (r.lastLogTerm() == lastTerm && r.lastLogIndex() >= n.log.lastIndex());
  }
}
