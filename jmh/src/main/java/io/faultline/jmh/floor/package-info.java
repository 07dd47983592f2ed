/**
 * The physical floor of this machine: what one durable 4 KiB write ({@code O_DSYNC}) and one loopback TCP round
 * trip cost, measured in the same run as the stores, so that their latencies can be read as multiples of it; and what
 * a durable write costs while two other members write to the same disk ({@code ReplicaDsyncBenchmark}). A client's
 * Raft commit on three local members needs at least two round trips (client to leader, leader to follower) and one
 * durable write made while the other members write too: {@code ReplicatedCommitBenchmark} measures that message
 * pattern with nothing else in it, the floor no store of three members on this machine can go below.
 */
package io.faultline.jmh.floor;
