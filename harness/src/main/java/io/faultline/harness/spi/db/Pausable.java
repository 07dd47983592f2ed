package io.faultline.harness.spi.db;

/** Nodes that can be frozen and thawed: Jepsen's {@code Pause} protocol (SIGSTOP and SIGCONT). */
public interface Pausable {

  void pause(String node);

  void resume(String node);
}
