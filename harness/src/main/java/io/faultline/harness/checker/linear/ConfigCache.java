package io.faultline.harness.checker.linear;

import java.util.Arrays;

/**
 * The set of configurations the search has already explored: (linearized operations as a bitset, model state).
 *
 * <p>Keyed by a hash that the search maintains incrementally (Zobrist hashing of the bitset, mixed with the state's
 * hash), so a lookup neither copies nor rehashes the bitset; only inserts copy it. Entries are stored densely, in
 * the order they were added, in a few flat arrays: every entry's bitset lives in one {@code long[]}, at {@code words}
 * longs per entry, instead of one array object each. A search that caches a million configurations thus holds a
 * handful of large primitive arrays rather than a million small objects, which the garbage collector would otherwise
 * copy and trace at every collection (issue 20: on a 50-client history the collector's pauses took longer than the
 * search). The open-addressing table holds, per slot, the entry's number and the high half of its mixed hash, which
 * also places it (the slot is that half, masked): a probe that misses reads no other array, and growing the table
 * reads the table alone, in order.
 */
final class ConfigCache {
  private static final int MIN_TABLE = 1 << 4;

  private final int words;
  private long[] table;
  private int mask;
  private long[] hashes;
  private Object[] states;
  private long[] bits;
  private int size;

  /**
   * @param words the length of every bitset, in longs
   * @param expected how many entries to make room for at first (the table grows past it)
   */
  ConfigCache(int words, int expected) {
    this.words = words;
    int capacity = Math.max(MIN_TABLE, Integer.highestOneBit(Math.max(1, expected) * 2 - 1) * 2);
    table = new long[capacity];
    mask = capacity - 1;
    int entries = capacity / 2;
    hashes = new long[entries];
    states = new Object[entries];
    bits = new long[entries * words];
  }

  /**
   * Estimated heap bytes of one entry whose bitset has {@code words} longs: its bitset, hash and state reference, two
   * table slots (the table is at most half full), with a third more for the slack of growing arrays.
   */
  static long entryBytes(int words) {
    return (8L * words + 8 + 4 + 2 * 8) * 4 / 3;
  }

  int size() {
    return size;
  }

  /**
   * Adds the configuration unless it is present.
   *
   * @param hash the configuration's hash (any bits)
   * @param b the bitset, {@code words} longs
   * @return true when it was absent and has been added
   */
  boolean add(long hash, long[] b, Object state) {
    long high = mix(hash) & 0xFFFF_FFFF_0000_0000L;
    int i = (int) (high >>> 32) & mask;
    for (long slot; (slot = table[i]) != 0; i = (i + 1) & mask) {
      if ((slot & 0xFFFF_FFFF_0000_0000L) == high) {
        int e = (int) slot - 1;
        if (hashes[e] == hash && sameBits(e, b) && states[e].equals(state)) {
          return false;
        }
      }
    }
    if (size == hashes.length) {
      growEntries();
    }
    hashes[size] = hash;
    states[size] = state;
    System.arraycopy(b, 0, bits, size * words, words);
    size++;
    table[i] = high | size;
    if (size * 2L > table.length) {
      growTable();
    }
    return true;
  }

  private boolean sameBits(int e, long[] b) {
    int from = e * words;
    for (int w = 0; w < words; w++) {
      if (bits[from + w] != b[w]) {
        return false;
      }
    }
    return true;
  }

  private void growEntries() {
    int capacity = Math.toIntExact(Math.max(16, hashes.length + (hashes.length >> 1)));
    hashes = Arrays.copyOf(hashes, capacity);
    states = Arrays.copyOf(states, capacity);
    bits = Arrays.copyOf(bits, Math.multiplyExact(capacity, words));
  }

  private void growTable() {
    int capacity = Math.multiplyExact(table.length, 2);
    long[] grown = new long[capacity];
    int m = capacity - 1;
    for (long slot : table) {
      if (slot != 0) {
        int i = (int) (slot >>> 32) & m;
        while (grown[i] != 0) {
          i = (i + 1) & m;
        }
        grown[i] = slot;
      }
    }
    table = grown;
    mask = m;
  }

  private static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
