package io.faultline.jmh.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Three members of a store on loopback, started and ready (a leader elected), with their data under a folder of
 * their own that {@link #close()} deletes.
 */
public interface StoreCluster extends AutoCloseable {

  /** The names {@link #start} accepts. */
  List<String> STORES = List.of("raft", "raft-lease", "raft-nio", "etcd");

  /** A new client connection; the caller closes it. */
  KvSession session();

  /** Stops every member and deletes their data. */
  @Override
  void close();

  /**
   * Starts the cluster named by a benchmark's {@code store} parameter: {@code raft} (ReadIndex reads),
   * {@code raft-lease} (lease reads), {@code raft-nio} (ReadIndex reads over Java's NIO instead of the native epoll
   * transport: pass {@code -p store=raft,raft-nio} to compare the two side by side) or {@code etcd}.
   */
  static StoreCluster start(String store) {
    if (!STORES.contains(store)) {
      throw new IllegalArgumentException(
          "unknown store: " + store + " (" + String.join(", ", STORES) + ")");
    }
    Path dir;
    try {
      dir = Files.createTempDirectory("faultline-bench-" + store + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return switch (store) {
      case "raft" -> RaftCluster.start(dir, "read-index", "auto");
      case "raft-lease" -> RaftCluster.start(dir, "lease", "auto");
      case "raft-nio" -> RaftCluster.start(dir, "read-index", "nio");
      default -> EtcdCluster.start(dir);
    };
  }

  /** Deletes a folder and everything in it, as far as it can. */
  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: a leftover temp folder is not worth failing a benchmark for
    }
  }
}
