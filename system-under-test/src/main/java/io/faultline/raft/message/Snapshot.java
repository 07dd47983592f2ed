package io.faultline.raft.message;

/** A state-machine snapshot that replaces the log up to and including {@code lastIndex} (§7). */
public record Snapshot(long lastIndex, long lastTerm, byte[] data) {
  /** The snapshot of an empty log. */
  public static final Snapshot EMPTY = new Snapshot(0, 0, new byte[0]);
}
