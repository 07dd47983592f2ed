package io.faultline.harness.spi;

import io.faultline.harness.history.Op;
import java.util.Set;

/**
 * Injects faults: Jepsen's nemesis protocol. One nemesis serves a test; the interpreter's nemesis worker calls
 * {@link #invoke(Op)} with the ops that generators route to the nemesis thread, one at a time, and records them on
 * process {@link Op#NEMESIS}. The runner calls {@link #setup()} before the run and {@link #teardown()} after it.
 */
public interface Nemesis {

  /** Prepares the faults (e.g. installs proxies) before the test; must leave the system healthy. */
  default void setup() throws Exception {}

  /**
   * Performs {@code op} (e.g. {@code f = "partition"}, {@code value} = which halves) and returns its completion,
   * usually an {@code INFO} whose value says what was done. Returning the op itself is accepted and recorded as
   * {@code INFO}. An exception is recorded as {@code INFO} with its text; the test goes on.
   */
  Op invoke(Op op) throws Exception;

  /**
   * Heals everything this nemesis may have broken, whatever state it is in: the network is whole, clocks are reset,
   * paused or killed nodes run again. Called once after the run, also when the run failed.
   */
  void teardown() throws Exception;

  /** The functions this nemesis handles, so that nemeses can be composed by {@code f}; empty when unspecified. */
  default Set<String> fs() {
    return Set.of();
  }
}
