package io.faultline.harness.spi;

import io.faultline.harness.history.Op;

/**
 * How workers talk to the system under test: Jepsen's client protocol.
 *
 * <p>The client a test is configured with is a template. Each worker calls {@link #open(String)} on it to get a
 * client of its own, bound to one node, on the worker's own thread; it uses that client for one process at a time and
 * {@link #close() closes} it when the test ends or when its process crashes (an {@code info} completion), opening a
 * fresh one for the next process. {@link #setup()} and {@link #teardown()} are called once per test by the runner,
 * on one opened client, around the whole run; the interpreter never calls them.
 *
 * <p>Outcomes follow Jepsen. Return {@code ok} when the operation took effect, {@code fail} only when it certainly did
 * not (for example the server rejected it before doing anything), and {@code info} when it may or may not have (a
 * timeout, a lost connection after sending). Throwing is always safe: the interpreter records the op as {@code info}
 * with the exception's class and message and carries on.
 */
public interface Client extends AutoCloseable {

  /**
   * A new client bound to {@code node} (which may be {@code null} when the test has no nodes). Called on the thread
   * that will use the client; may block to connect. The receiver itself is not used for operations.
   */
  Client open(String node) throws Exception;

  /** Prepares the system once per test, before any operation: create tables, write initial values. */
  default void setup() throws Exception {}

  /**
   * Performs {@code invocation} and returns its completion: an op of type {@code OK}, {@code FAIL} or {@code INFO}
   * for the same process and {@code f}, whose value is the result (what a read read) or the invocation's value. The
   * interpreter sets the completion's time and index. Called by one thread at a time; it must not keep the operation
   * running after returning.
   */
  Op invoke(Op invocation) throws Exception;

  /** Cleans up what {@link #setup()} created, once per test. */
  default void teardown() throws Exception {}

  /** Releases the connection; the client is not used again. */
  @Override
  default void close() throws Exception {}
}
