package io.faultline.raft.impl;

import io.faultline.raft.Role;
import java.util.Objects;

/**
 * A member's role, current term, vote and known leader: the only place they change. Figure 2's persistent state
 * ({@code currentTerm}, {@code votedFor}) goes to stable storage <em>before</em> the change is visible in memory,
 * so nothing this member says afterwards (a vote granted, a response in the new term) can run ahead of what it will
 * remember after a crash ("Updated on stable storage before responding to RPCs", Figure 2; §5.1, §5.2). Not
 * thread-safe: it lives on the node's event loop, as the rest of the core does.
 */
final class RaftState {

  /** Writes the persistent state; throws when it cannot, after which the node must not answer anyone. */
  @FunctionalInterface
  interface Persister {
    void save(long term, String votedFor);
  }

  private final String self;
  private final Persister persister;
  private long term;
  private String votedFor;
  private Role role = Role.FOLLOWER;
  private String leaderId;

  RaftState(String self, Persister persister) {
    this.self = self;
    this.persister = persister;
  }

  long term() {
    return term;
  }

  String votedFor() {
    return votedFor;
  }

  Role role() {
    return role;
  }

  boolean isLeader() {
    return role == Role.LEADER;
  }

  /** The leader of the current term as far as this member knows, or {@code null}. */
  String leaderId() {
    return leaderId;
  }

  /** The state recovered from stable storage at start-up; nothing is written. */
  void restore(long recoveredTerm, String recoveredVote) {
    term = recoveredTerm;
    votedFor = recoveredVote;
  }

  /**
   * "If RPC request or response contains term T > currentTerm: set currentTerm = T" (Figure 2, §5.1), with no vote
   * in the new term yet. Persists first.
   *
   * @return whether the term went up
   */
  boolean advanceTerm(long newTerm) {
    if (newTerm <= term) {
      return false;
    }
    persister.save(newTerm, null);
    term = newTerm;
    votedFor = null;
    return true;
  }

  /** Follows {@code leader} ({@code null} when unknown) in the current term. */
  void toFollower(String leader) {
    role = Role.FOLLOWER;
    leaderId = leader;
  }

  /** The election timer fired: the leader of this term is no longer known (§5.2). */
  void forgetLeader() {
    leaderId = null;
  }

  /** Asks for pre-votes (thesis §9.6); term and vote are unchanged. */
  void toPreCandidate() {
    role = Role.PRE_CANDIDATE;
  }

  /**
   * "Increment currentTerm, vote for self" (§5.2), persisted first. The known leader is kept: a candidacy that a
   * leadership transfer started still remembers who asked for it.
   */
  void toCandidate() {
    persister.save(term + 1, self);
    term++;
    votedFor = self;
    role = Role.CANDIDATE;
  }

  /**
   * Grants the vote of term {@code voteTerm} to {@code candidate} when it is this term and the vote is free or
   * already theirs ("If votedFor is null or candidateId", §5.2); the log check (§5.4) is the caller's. Persists
   * before it returns, so the grant that follows survives a crash.
   *
   * @return whether the vote is {@code candidate}'s
   */
  boolean grantVote(long voteTerm, String candidate) {
    if (voteTerm != term || (votedFor != null && !votedFor.equals(candidate))) {
      return false;
    }
    persister.save(term, candidate);
    votedFor = candidate;
    return true;
  }

  /** Won the election of the current term (§5.2). */
  void toLeader() {
    role = Role.LEADER;
    leaderId = self;
  }

  @Override
  public String toString() {
    return self
        + " "
        + role
        + " term "
        + term
        + " vote "
        + votedFor
        + " leader "
        + Objects.toString(leaderId);
  }
}
