/**
 * The adapter for Faultline's own Raft store: {@link io.faultline.workloads.raft.RaftDb} starts and controls its node
 * processes from {@code system-under-test/target/raft-node.jar}, and the clients talk to it with the store's own client
 * library, mapping its definite failures to {@code fail} and its indeterminate ones to {@code info}.
 */
package io.faultline.workloads.raft;
