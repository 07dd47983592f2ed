package io.faultline.raft.kv;

import java.util.Optional;

/**
 * The digests of the last {@code capacity} applied commands, oldest first, so that members applying at different
 * speeds can still be compared at one index. Written by the node's scheduler, read by the admin endpoint: every
 * method is synchronized.
 */
final class DigestRing {
  private final AppliedDigest[] ring;
  private int size;
  private int next;

  DigestRing(int capacity) {
    this.ring = new AppliedDigest[capacity];
  }

  /** Forgets everything and starts from {@code d} (a fresh state machine, or a restored snapshot). */
  synchronized void reset(AppliedDigest d) {
    java.util.Arrays.fill(ring, null);
    size = 0;
    next = 0;
    add(d);
  }

  /** Records the digest after a command; indexes must increase. */
  synchronized void add(AppliedDigest d) {
    ring[next] = d;
    next = (next + 1) % ring.length;
    size = Math.min(size + 1, ring.length);
  }

  /** The newest digest. */
  synchronized AppliedDigest latest() {
    return ring[(next - 1 + ring.length) % ring.length];
  }

  /** The oldest index still held. */
  synchronized long oldestIndex() {
    return ring[(next - size + ring.length) % ring.length].index();
  }

  /**
   * The digest that holds at {@code index}: the one of the last command at or before it. Empty when that command is
   * older than the ring. The caller must know that the member has applied {@code index}.
   */
  synchronized Optional<AppliedDigest> at(long index) {
    for (int i = 1; i <= size; i++) {
      AppliedDigest d = ring[(next - i + ring.length) % ring.length];
      if (d.index() <= index) {
        return Optional.of(d); // every older command, evicted or not, is before d
      }
    }
    return Optional.empty();
  }
}
