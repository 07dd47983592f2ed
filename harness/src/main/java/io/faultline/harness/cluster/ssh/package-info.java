/**
 * The {@code ssh} cluster backend: nodes on hosts reached over SSH, as Jepsen's control node reaches its nodes (a
 * nodes file, a user, a key). {@link io.faultline.harness.cluster.ssh.SshBackend} is the
 * {@link io.faultline.harness.cluster.Backend}; {@link io.faultline.harness.cluster.ssh.SshOptions} reads its options
 * and nodes file; {@link io.faultline.harness.cluster.ssh.SshHost} is one host's SSH connection (commands, SFTP, port
 * forwards) over JSch; {@link io.faultline.harness.cluster.ssh.HostChecks} checks every host before anything starts;
 * {@link io.faultline.harness.cluster.ssh.NodeDaemon} is the shell side of a node's lifecycle on a host (a daemon with
 * a pid file that dies by itself when the harness is gone); {@link io.faultline.harness.cluster.ssh.Iptables} cuts
 * links with rules in a chain of Faultline's own; {@link io.faultline.harness.cluster.ssh.Cleaner} removes what a run
 * left on the hosts.
 */
package io.faultline.harness.cluster.ssh;
