package io.faultline.harness.cluster;

import io.faultline.harness.spi.db.HasLogs;
import io.faultline.harness.spi.db.Killable;
import io.faultline.harness.spi.db.Pausable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A {@link io.faultline.harness.spi.db.Db} whose crashes, freezes and logs are those of its {@link Backend}'s nodes,
 * whatever runs them: kill, restart, pause and the log files go straight to {@link #backend()}.
 */
public interface NodeFaults
    extends Killable, Pausable, HasLogs, io.faultline.harness.spi.db.Firewalled {

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
}
