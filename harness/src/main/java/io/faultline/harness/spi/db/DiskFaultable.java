package io.faultline.harness.spi.db;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Nodes whose disks can fail: a power loss that drops every write a node had not made durable, and damage to the
 * data files of a stopped node. What sits between a node and its files is the cluster's business (Faultline's lazy
 * file system on the process backend); a system under test only names its data files.
 */
public interface DiskFaultable extends Killable {

  /** Why this cluster cannot take disk faults here (no root, no FUSE, a backend without them), or empty. */
  Optional<String> diskFaultsRefused();

  /**
   * Kills the node at once and drops the writes it had not made durable; it stays down until {@link #restart}.
   *
   * @throws UnsupportedOperationException when {@link #diskFaultsRefused} says why not
   */
  void powerLoss(String node);

  /**
   * The node's data files that a disk fault may damage, on this machine: for each kind the system names (its log
   * segments, its snapshots), the newest file of that kind; empty when it has none yet.
   */
  List<Path> dataFiles(String node);

  /** The node's data directory on this machine, which {@link #dataFiles} are under. */
  Path dataRoot(String node);
}
