package io.faultline.raft;

import io.faultline.raft.impl.RaftNodeImpl;
import io.faultline.raft.message.RaftMessage;
import java.io.IOException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One member of a Raft group. All methods are thread-safe and non-blocking: they hand work to the node's
 * {@link Scheduler}, and answers come back through callbacks, run on that scheduler (so callbacks must not block).
 */
public interface RaftNode {

  String id();

  /** Recovers the persistent state from the store and starts the election timer. */
  void start() throws IOException;

  /** Delivers a message from another member. */
  void receive(RaftMessage message);

  /**
   * Appends a command and calls {@code done} once it is committed and applied (§5.3, §8), with the state machine's
   * result. A {@link Reply.Status#NOT_LEADER} reply is definite; {@link Reply.Status#UNCERTAIN} is not.
   */
  void propose(byte[] command, Consumer<Reply> done);

  /** Answers a read-only query linearizably, according to the configured {@link ReadMode} (thesis §6.4). */
  void read(byte[] query, Consumer<Reply> done);

  /**
   * Hands leadership to another member (thesis §3.10): the leader stops accepting proposals, brings the target's
   * log up to date and tells it to start an election at once. {@code done} gets OK once TimeoutNow is sent,
   * NOT_LEADER if this node does not lead, REJECTED if the target is unknown or does not catch up in time.
   */
  void transferLeadership(String to, Consumer<Reply> done);

  /** The node's current state. */
  CompletableFuture<NodeStatus> status();

  /** The terms of the log entries from {@code from} to {@code to} that are still in the log (see {@link LogTerms}). */
  CompletableFuture<LogTerms> logTerms(long from, long to);

  /** Stops the node: pending requests fail, timers stop, no more messages are handled. */
  void stop();

  static Builder builder(RaftConfig config) {
    return new Builder(config);
  }

  /** Assembles a node from its injected parts (MicroRaft style), so tests can substitute each of them. */
  final class Builder {
    private final RaftConfig config;
    private StateMachine stateMachine;
    private RaftStore store;
    private Transport transport;
    private Scheduler scheduler;
    private Clock clock = Clock.system();
    private Random random = new Random();

    private Builder(RaftConfig config) {
      this.config = config;
    }

    public Builder stateMachine(StateMachine s) {
      this.stateMachine = s;
      return this;
    }

    public Builder store(RaftStore s) {
      this.store = s;
      return this;
    }

    public Builder transport(Transport t) {
      this.transport = t;
      return this;
    }

    public Builder scheduler(Scheduler s) {
      this.scheduler = s;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public Builder random(Random r) {
      this.random = r;
      return this;
    }

    public RaftNode build() {
      return new RaftNodeImpl(
          config,
          Objects.requireNonNull(stateMachine, "stateMachine"),
          Objects.requireNonNull(store, "store"),
          Objects.requireNonNull(transport, "transport"),
          Objects.requireNonNull(scheduler, "scheduler"),
          clock,
          random);
    }
  }
}
