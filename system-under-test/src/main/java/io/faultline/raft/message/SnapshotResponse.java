package io.faultline.raft.message;

/** Reply to a {@link SnapshotRequest}; on success the sender's log matches up to {@code lastIndex}. */
public record SnapshotResponse(long term, String from, boolean success, long lastIndex, long readSeq)
        implements RaftMessage {
}
