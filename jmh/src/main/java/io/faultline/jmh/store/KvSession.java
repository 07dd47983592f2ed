package io.faultline.jmh.store;

/** One client connection to a store, for one thread at a time. Every method blocks until the store answers. */
public interface KvSession extends AutoCloseable {

  /** Writes {@code value} under {@code key} and returns once the store acknowledges it as committed. */
  void write(String key, String value);

  /** A linearizable read of {@code key}; null when absent. */
  String read(String key);

  /** Sets {@code key} to {@code to} if it holds {@code from}; true when it did. */
  boolean cas(String key, String from, String to);

  @Override
  void close();
}
