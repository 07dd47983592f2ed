package io.faultline.raft.message;

/**
 * Leadership transfer (thesis §3.10): the leader, having brought the target's log up to date, tells it to start an
 * election at once, without waiting for its election timeout and without Pre-Vote.
 */
public record TimeoutNow(long term, String from) implements RaftMessage {}
