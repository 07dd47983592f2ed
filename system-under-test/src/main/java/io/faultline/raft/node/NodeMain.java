package io.faultline.raft.node;

import java.util.concurrent.CountDownLatch;

/**
 * The launcher: {@code java -jar raft-node.jar --id n1 --peers n1=127.0.0.1:7001,... --client-port P --admin-port Q
 * --data-dir DIR [--read-mode read-index|lease] [--unsafe-...]}. See {@link NodeOptions#help()}.
 * A bad flag or unusable data directory prints one line and exits with 2; SIGTERM shuts down cleanly.
 */
public final class NodeMain {
  private NodeMain() {}

  public static void main(String[] args) {
    NodeOptions options;
    try {
      options = NodeOptions.parse(args);
    } catch (NodeOptions.HelpRequested h) {
      System.out.print(NodeOptions.help());
      return;
    } catch (NodeOptions.UsageException e) {
      System.err.println("raft-node: " + e.getMessage());
      System.exit(2);
      return;
    }
    RaftServer server;
    try {
      server = RaftServer.start(options);
    } catch (Exception e) {
      System.err.println("raft-node: cannot start node " + options.id() + ": " + e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
