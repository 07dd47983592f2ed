package io.faultline.raft;

import io.faultline.raft.message.RaftMessage;

/**
 * Sends Raft messages to other members. Delivery is best effort: a message may be lost, delayed or duplicated, and
 * Raft tolerates all three (§5.1). Implementations must not block the caller.
 */
public interface Transport {
  /** Sends the message to the member with this id, or drops it if the member cannot be reached now. */
  void send(String to, RaftMessage message);
}
