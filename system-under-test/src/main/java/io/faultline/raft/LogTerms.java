package io.faultline.raft;

/**
 * The terms of a range of a member's log, as the admin endpoint serves them. Entries up to {@code snapshotIndex}
 * are compacted into the snapshot (§7): only the snapshot's last index and term are known for them. Since terms
 * never decrease along a log, an entry at or before {@code snapshotIndex} has a term of at most
 * {@code snapshotTerm}, and, by the Log Matching Property (§5.3), the same entry as any other log that holds
 * ({@code snapshotIndex}, {@code snapshotTerm}) and an entry of that term at its index.
 *
 * @param snapshotIndex the last index the snapshot covers (0: none)
 * @param snapshotTerm the term of the entry at {@code snapshotIndex} (0: none)
 * @param lastIndex the index of the last entry in the log
 * @param from the index of {@code terms[0]}: the requested start, or the first entry after the snapshot
 * @param terms the term of each entry from {@code from} on, up to the requested end or the log's end
 */
public record LogTerms(
    long snapshotIndex, long snapshotTerm, long lastIndex, long from, long[] terms) {

  /** The most entries one answer holds. */
  public static final int MAX_RANGE = 100_000;
}
