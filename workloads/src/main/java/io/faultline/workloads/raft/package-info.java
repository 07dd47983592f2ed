/**
 * The adapter for Faultline's own Raft store: {@link io.faultline.workloads.raft.RaftDb} describes its nodes (the
 * command line of {@code system-under-test/target/raft-node.jar}, its ports, when the cluster is ready) for whatever
 * cluster backend runs them, and the clients talk to it with the store's own client
 * library, mapping its definite failures to {@code fail} and its indeterminate ones to {@code info}.
 */
package io.faultline.workloads.raft;
