package io.faultline.harness.spi.db;

import java.util.List;

/**
 * A cluster of the system under test. {@link #setup} returns once every node is up and the cluster can serve
 * (for a consensus system: a leader is known); {@link #teardown} stops every node and must succeed after a failed or
 * partial setup too. Neither may leave a node process behind.
 */
public interface Db extends AutoCloseable {

  /**
   * Starts the cluster and waits until it is ready.
   *
   * @throws DbException with a one-line cause (and the tail of the node logs) when it does not become ready
   */
  void setup();

  /** Stops every node. Idempotent; never throws for a node that is already gone. */
  void teardown();

  /**
   * Waits until the cluster serves again after faults were healed (for a consensus system: a leader is known).
   *
   * @throws DbException when it does not recover in time
   */
  default void awaitReady() {}

  /** The node names, e.g. {@code n1..n5}. */
  List<String> nodes();

  /** Tears down. */
  @Override
  default void close() {
    teardown();
  }
}
