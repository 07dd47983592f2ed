package io.faultline.harness.checker.linear;

import java.util.Arrays;

/**
 * The set of configurations the search has already explored: (linearized operations as a bitset, model state).
 *
 * <p>Keyed by a hash that the search maintains incrementally (Zobrist hashing of the bitset, mixed with the state's
 * hash), so a lookup neither copies nor rehashes the bitset; only inserts copy it. Entries are stored densely, in
 * the order they were added, in pages of flat arrays: every entry's bitset lives in a {@code long[]} page, at {@code
 * words} longs per entry, instead of one array object each. A search that caches a million configurations thus holds
 * a few large primitive arrays rather than a million small objects, which the garbage collector would otherwise copy
 * and trace at every collection (issue 20: on a 50-client history the collector's pauses took longer than the
 * search). Pages are added, never copied, once the first has grown to full size, so the cache grows without needing
 * twice its size for a moment.
 *
 * <p>The open-addressing table holds, per slot, the entry's number and the high half of its mixed hash, which also
 * places it (the slot is that half, masked): a probe that misses reads no other array, and growing the table reads
 * the table alone, in order.
 */
final class ConfigCache {
  private static final int MIN_TABLE = 1 << 4;
  private static final int PAGE_LONGS = 1 << 16;

  private final int words;
  private final int pageShift;
  private final int pageMask;
  private long[] table;
  private int mask;
  private long[][] hashes;
  private Object[][] states;
  private long[][] bits;
  private int size;

  /**
   * @param words the length of every bitset, in longs
   * @param expected how many entries to make room for at first (the table grows past it)
   */
  ConfigCache(int words, int expected) {
    this.words = words;
    this.pageShift = 31 - Integer.numberOfLeadingZeros(Math.max(1, PAGE_LONGS / words));
    this.pageMask = (1 << pageShift) - 1;
    int capacity = Math.max(MIN_TABLE, Integer.highestOneBit(Math.max(1, expected) * 2 - 1) * 2);
    table = new long[capacity];
    mask = capacity - 1;
    int first = Math.min(capacity / 2, 1 << pageShift);
    hashes = new long[][] {new long[first]};
    states = new Object[][] {new Object[first]};
    bits = new long[][] {new long[first * words]};
  }

  /**
   * Estimated heap bytes of one entry whose bitset has {@code words} longs: its bitset, hash and state reference, two
   * table slots (the table is at most half full), with a third more for the slack of growing.
   */
  static long entryBytes(int words) {
    return (8L * words + 8 + 4 + 2 * 8) * 4 / 3;
  }

  int size() {
    return size;
  }

  /** The bytes that the next {@code adds} additions may allocate at most: a grown table, and pages. */
  long bytesSoon(int adds) {
    long bytes = 0;
    if ((size + (long) adds) * 2 > table.length) {
      bytes += 16L * table.length;
    }
    long perEntry = 8L * words + 8 + 8;
    return bytes + perEntry * Math.max(adds, 1 << pageShift);
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
        int p = e >>> pageShift;
        int o = e & pageMask;
        if (hashes[p][o] == hash && sameBits(bits[p], o * words, b) && states[p][o].equals(state)) {
          return false;
        }
      }
    }
    int p = size >>> pageShift;
    int o = size & pageMask;
    if (p == hashes.length || o == hashes[p].length) {
      makeRoom(p);
    }
    hashes[p][o] = hash;
    states[p][o] = state;
    System.arraycopy(b, 0, bits[p], o * words, words);
    size++;
    table[i] = high | size;
    if (size * 2L > table.length) {
      growTable();
    }
    return true;
  }

  private boolean sameBits(long[] page, int from, long[] b) {
    for (int w = 0; w < words; w++) {
      if (page[from + w] != b[w]) {
        return false;
      }
    }
    return true;
  }

  /** Doubles the first page up to its full size, or adds page {@code p} at full size. */
  private void makeRoom(int p) {
    int full = 1 << pageShift;
    if (p == 0) {
      int capacity = Math.min(full, Math.max(16, hashes[0].length * 2));
      hashes[0] = Arrays.copyOf(hashes[0], capacity);
      states[0] = Arrays.copyOf(states[0], capacity);
      bits[0] = Arrays.copyOf(bits[0], capacity * words);
      return;
    }
    hashes = Arrays.copyOf(hashes, p + 1);
    states = Arrays.copyOf(states, p + 1);
    bits = Arrays.copyOf(bits, p + 1);
    hashes[p] = new long[full];
    states[p] = new Object[full];
    bits[p] = new long[Math.multiplyExact(full, words)];
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
