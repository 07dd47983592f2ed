/**
 * Commit latency and write throughput of replicated key-value stores running as real processes on loopback with
 * fsync on: Faultline's Raft store (ReadIndex reads, or lease reads) and, side by side in the same run, etcd.
 *
 * <p>A {@link io.faultline.jmh.store.StoreCluster} starts three members in a benchmark's
 * {@code @Setup(Level.Trial)} and stops them in its {@code @TearDown}; each member runs under the harness' watchdog,
 * so none outlives the benchmark JVM. A {@link io.faultline.jmh.store.KvSession} is one blocking client connection,
 * for one thread: the Raft store's own {@code RaftKvClient}, or the etcd adapter's own
 * {@link io.faultline.workloads.etcd.EtcdGateway} (keep-alive HTTP/1.1 to etcd's v3 JSON gateway on the leader,
 * hand-written request bodies, answers scanned for the one field needed). Both are blocking clients over one TCP
 * connection, so neither side pays for machinery the other does not, and the benchmark measures the client the
 * suites use.
 *
 * <p>The store is a {@code @Param} ({@code raft}, {@code raft-lease}, {@code etcd}), so one JMH run measures every
 * system with the same clients, concurrency and value sizes, and the JSON holds the rows to divide.
 */
package io.faultline.jmh.store;
