package io.faultline.harness.cluster;

import io.faultline.harness.spi.db.DiskFaultable;
import io.faultline.harness.spi.db.HasLogs;
import io.faultline.harness.spi.db.Killable;
import io.faultline.harness.spi.db.Pausable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link io.faultline.harness.spi.db.Db} whose crashes, freezes and logs are those of its {@link Backend}'s nodes,
 * whatever runs them: kill, restart, pause, power loss and the log files go straight to {@link #backend()}; the
 * system names its data files ({@link #dataFileGlobs}) for disk damage.
 */
public interface NodeFaults
    extends Killable, Pausable, HasLogs, io.faultline.harness.spi.db.Firewalled, DiskFaultable {

  /** Where the cluster's nodes run. */
  Backend backend();

  @Override
  default void kill(String node) {
    backend().kill(node);
  }

  @Override
  default void restart(String node) {
    backend().restart(node);
  }

  @Override
  default boolean isRunning(String node) {
    return backend().isRunning(node);
  }

  @Override
  default void pause(String node) {
    backend().pause(node);
  }

  @Override
  default void resume(String node) {
    backend().resume(node);
  }

  /** The packet filter of the backend's hosts, where it has one. */
  @Override
  default java.util.Optional<Firewall> firewall() {
    return backend().firewall();
  }

  @Override
  default Map<String, List<Path>> logFiles() {
    return backend().logFiles();
  }

  @Override
  default Optional<String> diskFaultsRefused() {
    return backend().diskFaultsRefused();
  }

  @Override
  default void powerLoss(String node) {
    backend().powerLoss(node);
  }

  /**
   * The kinds of data file of this system, as {@link java.nio.file.FileSystem#getPathMatcher} globs relative to a
   * node's data directory (e.g. {@code member/wal/*.wal}); the newest file of each kind may be damaged. The
   * default, {@code **}, makes the newest file of any name the only one.
   */
  default List<String> dataFileGlobs() {
    return List.of("**");
  }

  @Override
  default List<Path> dataFiles(String node) {
    return backend()
        .hostDataDir(node)
        .map(dir -> NodeFiles.newest(dir, dataFileGlobs()))
        .orElse(List.of());
  }

  @Override
  default Path dataRoot(String node) {
    return backend().hostDataDir(node).orElse(Path.of(backend().dataDir(node)));
  }
}
