package io.faultline.raft;

/**
 * The node's view of time. Injected so that in-JVM tests can run whole groups on virtual time.
 * Election timeouts and leases use {@link #nanoTime()}; only the unsafe wall-clock lease uses {@link #wallMillis()}.
 */
public interface Clock {
  /** Monotonic time in nanoseconds, like {@link System#nanoTime()}. */
  long nanoTime();

  /** Wall-clock time in milliseconds, like {@link System#currentTimeMillis()}. */
  long wallMillis();

  /** The JVM's clocks. */
  static Clock system() {
    return new Clock() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public long wallMillis() {
        return System.currentTimeMillis();
      }
    };
  }
}
