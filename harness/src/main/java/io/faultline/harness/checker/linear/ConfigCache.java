package io.faultline.harness.checker.linear;

import java.util.Arrays;

/**
 * The set of configurations the search has already explored: (linearized operations as a bitset, model state).
 * Open addressing with linear probing, keyed by a hash that the search maintains incrementally (Zobrist hashing of the
 * bitset, mixed with the state's hash), so a lookup neither copies nor rehashes the bitset. Only inserts copy it.
 */
final class ConfigCache {
  private long[] hashes;
  private long[][] bitsets;
  private Object[] states;
  private int size;
  private int mask;

  ConfigCache() {
    int capacity = 1 << 10;
    hashes = new long[capacity];
    bitsets = new long[capacity][];
    states = new Object[capacity];
    mask = capacity - 1;
  }

  /** Estimated heap bytes of one entry whose bitset has {@code words} longs, slots included. */
  static long entryBytes(int words) {
    return 16L + 8L * words + 24L + 3 * 8L * 2;
  }

  int size() {
    return size;
  }

  /**
   * Adds the configuration unless it is present.
   *
   * @param hash the configuration's hash (any bits)
   * @return true when it was absent and has been added
   */
  boolean add(long hash, long[] bits, Object state) {
    int i = (int) mix(hash) & mask;
    while (bitsets[i] != null) {
      if (hashes[i] == hash && Arrays.equals(bitsets[i], bits) && states[i].equals(state)) {
        return false;
      }
      i = (i + 1) & mask;
    }
    hashes[i] = hash;
    bitsets[i] = bits.clone();
    states[i] = state;
    if (++size * 2 > hashes.length) {
      grow();
    }
    return true;
  }

  private void grow() {
    long[] oldHashes = hashes;
    long[][] oldBits = bitsets;
    Object[] oldStates = states;
    int capacity = oldHashes.length * 2;
    hashes = new long[capacity];
    bitsets = new long[capacity][];
    states = new Object[capacity];
    mask = capacity - 1;
    for (int j = 0; j < oldHashes.length; j++) {
      if (oldBits[j] != null) {
        int i = (int) mix(oldHashes[j]) & mask;
        while (bitsets[i] != null) {
          i = (i + 1) & mask;
        }
        hashes[i] = oldHashes[j];
        bitsets[i] = oldBits[j];
        states[i] = oldStates[j];
      }
    }
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
