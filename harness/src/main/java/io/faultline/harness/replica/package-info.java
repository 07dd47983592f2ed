/**
 * Checks that look below the history, at what clients cannot see: a safety violation often heals before any client
 * reads it (a follower drops entries it acknowledged and is repaired by the leader; two leaders of one term commit
 * different entries and one side is later overwritten). Two checks, each composed with the workload's checker and
 * each with its own entry in {@code results.json}:
 *
 * <ul>
 *   <li>{@link io.faultline.harness.replica.ReplicaAgreementCheck}: every node's state-machine digest at a common
 *       applied index, sampled while the run goes (whenever every node answers) and after recovery; two nodes with
 *       different digests at one index make the run invalid (State Machine Safety, Raft §5.4.3);
 *   <li>{@link io.faultline.harness.replica.DurableAckCheck}: every acknowledged write's (index, term) must be in the
 *       final log of a majority (Leader Completeness, §5.4).
 * </ul>
 *
 * <p>They need capabilities of the cluster ({@link io.faultline.harness.spi.db.ReplicaDigests},
 * {@link io.faultline.harness.spi.db.LogPositions}); a cluster without one gets that check skipped with the reason,
 * and its verdict is unaffected. {@link io.faultline.harness.replica.ReplicaChecks} gathers the evidence while the
 * cluster is up, for the runner; the checks themselves are plain values over that evidence, so tests can feed them
 * real digests without a run.
 */
package io.faultline.harness.replica;
