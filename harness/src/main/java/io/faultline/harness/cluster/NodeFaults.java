package io.faultline.harness.cluster;

import io.faultline.harness.spi.db.Killable;
import io.faultline.harness.spi.db.Pausable;

/**
 * A {@link io.faultline.harness.spi.db.Db} whose crashes and freezes are those of its {@link Nodes}, whatever they run
 * on: kill, restart and pause go straight to {@link #group()}.
 */
public interface NodeFaults extends Killable, Pausable {

  /** The cluster's nodes. */
  Nodes group();

  @Override
  default void kill(String node) {
    group().kill(node);
  }

  @Override
  default void restart(String node) {
    group().restart(node);
  }

  @Override
  default boolean isRunning(String node) {
    return group().isRunning(node);
  }

  @Override
  default void pause(String node) {
    group().pause(node);
  }

  @Override
  default void resume(String node) {
    group().resume(node);
  }
}
