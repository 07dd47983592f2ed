/**
 * Running node processes on this machine: the building blocks of the {@code process} cluster backend.
 *
 * <p>{@link io.faultline.harness.cluster.NodeProcess} starts a node under a small shell watchdog whose standard input
 * is a pipe from the harness. When the harness ends in any way (normal exit, an exception, Ctrl-C, even SIGKILL) the
 * pipe closes and the watchdog kills the node, so no node outlives the harness. A JVM shutdown hook also kills the
 * nodes still running, for the common endings. Signals are real: SIGKILL, SIGSTOP, SIGCONT and SIGTERM go to the
 * node's own process id.
 */
package io.faultline.harness.cluster;
