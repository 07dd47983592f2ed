/**
 * Cluster backends: where a system's nodes run and how their lifecycle is driven there.
 *
 * <p>A system under test describes what runs on a node ({@link io.faultline.harness.cluster.NodeSpec}: a program, its
 * arguments, whether its clock is faked) from the addresses and data directory a
 * {@link io.faultline.harness.cluster.Backend} gives it; the backend starts, stops, kills, pauses and resumes the node
 * and keeps its log. {@link io.faultline.harness.cluster.ProcessBackend} runs nodes as processes on this machine
 * (the {@code process} backend), the {@code docker} subpackage as containers, the {@code ssh} subpackage on hosts
 * reached over SSH; each is a
 * {@link io.faultline.harness.cluster.BackendFactory} found through {@code ServiceLoader}, and
 * {@link io.faultline.harness.cluster.Backends} is the one place where {@code --cluster} chooses among them. A new
 * backend is a package of its own and one line in the services file; no system's adapter changes.
 *
 * <p>{@link io.faultline.harness.cluster.NodeProcess} starts a node under a small shell watchdog whose standard input
 * is a pipe from the harness. When the harness ends in any way (normal exit, an exception, Ctrl-C, even SIGKILL) the
 * pipe closes and the watchdog kills the node, so no node outlives the harness. A JVM shutdown hook also kills the
 * nodes still running, for the common endings. Signals are real: SIGKILL, SIGSTOP, SIGCONT and SIGTERM go to the
 * node's own process id.
 *
 * <p>What the backends share is named once here: the node's lifecycle ({@link io.faultline.harness.cluster.Backend}),
 * its files ({@link io.faultline.harness.cluster.NodeFiles}), how a cluster waits to serve
 * ({@link io.faultline.harness.cluster.Readiness}), and a fault's effect on a node
 * ({@link io.faultline.harness.cluster.NodeFaults}: kill, pause, logs, and the hosts' packet filter where a backend has
 * one, {@link io.faultline.harness.cluster.Backend#firewall}; clocks through {@link
 * io.faultline.harness.cluster.Backend#setClock}). Each backend supplies only where and how a node runs.
 */
package io.faultline.harness.cluster;
