/**
 * The physical floor of this machine: what one durable 4 KiB write ({@code O_DSYNC}) and one loopback TCP round
 * trip cost, measured in the same run as the stores, so that their latencies can be read as multiples of it. A Raft
 * commit on three local members needs at least one durable write (the leader's, in parallel with the followers')
 * and one round trip; nothing can go below their sum.
 */
package io.faultline.jmh.floor;
