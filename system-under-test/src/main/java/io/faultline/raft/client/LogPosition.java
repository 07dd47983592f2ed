package io.faultline.raft.client;

/**
 * Where an acknowledged write's entry sits in the log: its index and term (§5.3). Once acknowledged, the entry must
 * be at that index with that term in the log of a majority for ever (Leader Completeness, §5.4).
 */
public record LogPosition(long index, long term) {}
