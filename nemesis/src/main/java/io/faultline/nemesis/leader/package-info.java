/**
 * The {@code leader} fault family: {@code transfer-leader} asks the current leader to hand over to another member,
 * chosen from the seed or named in the op, through the system's own transfer (Raft's TimeoutNow, thesis §3.10). It
 * needs a cluster that {@link io.faultline.harness.spi.db.TransfersLeadership}; a transfer heals itself, so the family
 * has no healing op and its faults are instants in the report. This package is the whole family: it declares itself
 * ({@link io.faultline.nemesis.leader.LeaderFamily}) and joins {@code --nemesis all} by being listed with the others.
 */
package io.faultline.nemesis.leader;
