/**
 * The Raft consensus core. {@link io.faultline.raft.impl.RaftNodeImpl} holds the state of Figure 2 and runs every
 * handler on one scheduler thread, so no state is locked; the handlers are split by concern:
 * {@code Election} (§5.2, Pre-Vote §9.6), {@code Replication} (leader side of §5.3, §5.4.2, §7, check-quorum),
 * {@code FollowerLog} (receiver side of AppendEntries and InstallSnapshot) and {@code Reads} (ReadIndex and leases,
 * thesis §6.4). {@code Durability} tracks which prefix of the log is on disk, so that the leader's fsync runs in
 * parallel with replication (thesis §10.2.1) and followers acknowledge only durable entries.
 */
package io.faultline.raft.impl;
