/**
 * The Java client library the harness uses: {@link io.faultline.raft.client.RaftKvClient} with leader discovery,
 * deadlines and exactly-once retries, and failures classified as
 * {@link io.faultline.raft.client.DefiniteFailure} (did not happen: {@code :fail}) or
 * {@link io.faultline.raft.client.IndeterminateFailure} (may have happened: {@code :info}).
 */
package io.faultline.raft.client;
