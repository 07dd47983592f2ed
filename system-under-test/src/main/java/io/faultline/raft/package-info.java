/**
 * The Raft replicated key-value store that Faultline attacks. It follows Ongaro's Raft paper and thesis, runs as
 * separate processes that talk over TCP and keep their state on disk, and depends on no other Faultline module.
 *
 * <p>This package is the public API of the consensus core, in the style of MicroRaft: a {@link
 * io.faultline.raft.RaftNode} is assembled by its builder from injected parts — a {@link
 * io.faultline.raft.StateMachine}, a {@link io.faultline.raft.RaftStore}, a {@link io.faultline.raft.Transport}, a
 * single-threaded {@link io.faultline.raft.Scheduler} and a {@link io.faultline.raft.Clock} — so that tests can run
 * whole groups in one JVM on virtual time. {@link io.faultline.raft.RaftConfig} holds the static configuration,
 * including the deliberate bugs of {@link io.faultline.raft.UnsafeMode}. The implementation lives in {@code impl};
 * the key-value state machine in {@code kv}; durable storage in {@code storage}; networking in {@code net}; the
 * node process in {@code node}; and the client library the harness uses in {@code client}.
 */
package io.faultline.raft;
