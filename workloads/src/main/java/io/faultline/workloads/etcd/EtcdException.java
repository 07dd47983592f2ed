package io.faultline.workloads.etcd;

/**
 * A request to etcd that did not succeed. {@link #definite()} is true when it certainly did not take effect (the
 * connection was never made, or etcd refused it before proposing it to raft); otherwise the outcome is unknown, and a
 * write must be recorded as {@code info}.
 */
public final class EtcdException extends Exception {
  private final boolean definite;

  public EtcdException(String message, boolean definite) {
    super(message, null, false, false);
    this.definite = definite;
  }

  /** Whether the request certainly had no effect. */
  public boolean definite() {
    return definite;
  }
}
