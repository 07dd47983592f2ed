/**
 * Process faults: nodes crash and come back, or freeze and thaw.
 *
 * <p>{@link io.faultline.nemesis.process.ProcessNemesis#kill} kills nodes with SIGKILL and restarts them on their own
 * data directories, so a restarted node must recover from whatever it had made durable; killing a majority, or every
 * node at once, makes the cluster unavailable until the {@code start}.
 * {@link io.faultline.nemesis.process.ProcessNemesis#pause} freezes nodes with SIGSTOP: unlike a crash, a paused node
 * keeps its sockets open and wakes up with stale beliefs (it may still think it leads), which is the classic way to
 * expose a leader that serves reads it no longer may.
 *
 * <p>Both act through the cluster's capabilities ({@link io.faultline.harness.spi.db.Killable},
 * {@link io.faultline.harness.spi.db.Pausable}), never through process ids, so the same nemesis drives a process cluster
 * and a container cluster. {@link io.faultline.nemesis.process.ProcessPackages} makes them nemesis packages.
 */
package io.faultline.nemesis.process;
