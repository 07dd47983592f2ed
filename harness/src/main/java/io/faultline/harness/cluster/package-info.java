/**
 * Running nodes: {@link io.faultline.harness.cluster.Nodes} is what a cluster needs to start, crash, freeze and stop
 * its nodes wherever they run; {@link io.faultline.harness.cluster.NodeGroup} runs them as processes on this machine
 * (the {@code process} backend), and the {@code docker} subpackage as containers.
 *
 * <p>{@link io.faultline.harness.cluster.NodeProcess} starts a node under a small shell watchdog whose standard input
 * is a pipe from the harness. When the harness ends in any way (normal exit, an exception, Ctrl-C, even SIGKILL) the
 * pipe closes and the watchdog kills the node, so no node outlives the harness. A JVM shutdown hook also kills the
 * nodes still running, for the common endings. Signals are real: SIGKILL, SIGSTOP, SIGCONT and SIGTERM go to the
 * node's own process id.
 */
package io.faultline.harness.cluster;
