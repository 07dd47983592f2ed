package io.faultline.harness.cluster;

import io.faultline.harness.spi.db.DbException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waiting for a cluster to serve, the same way for every system: poll, and fail fast when a node has died. */
public final class Readiness {
  private static final long POLL_NANOS = 50_000_000L;

  private Readiness() {}

  /**
   * Polls {@code ready} until it holds, within the backend's {@link Backend#patience()}.
   *
   * @param what how to call a node, e.g. {@code node} or {@code etcd member}
   * @param cluster how to call the cluster in the message, e.g. {@code the etcd cluster}
   * @throws DbException at once when a started node has exited, or at the deadline, with the end of each node's log
   */
  public static void await(Backend backend, String what, String cluster, BooleanSupplier ready) {
    Duration patience = backend.patience();
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() - deadline < 0) {
      backend.requireAlive(what);
      if (ready.getAsBoolean()) {
        return;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    throw new DbException(
        cluster
            + " did not elect a leader within "
            + patience.toSeconds()
            + " s; the end of each "
            + what
            + "'s log:"
            + backend.tails(8));
  }
}
