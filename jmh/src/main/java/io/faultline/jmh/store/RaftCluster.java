package io.faultline.jmh.store;

import io.faultline.raft.client.RaftKvClient;
import io.faultline.workloads.raft.RaftDb;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Three nodes of Faultline's Raft store, through the harness' own {@link RaftDb} (fsync on, as always), each with the
 * full tiered JIT rather than the harness' C1-only default, as the store would run in production and as etcd runs
 * compiled. {@code -Dfaultline.bench.nodeJvm="..."} (space-separated flags) replaces them, e.g. to compare JITs.
 */
final class RaftCluster implements StoreCluster {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
  private static final List<String> NODE_JVM = List.of(System.getProperty("faultline.bench.nodeJvm",
      "-Xmx256m -XX:+UseSerialGC -XX:-UsePerfData").trim().split("\\s+"));

  private final RaftDb db;
  private final Path dir;
  private final Map<String, InetSocketAddress> clients = new LinkedHashMap<>();

  private RaftCluster(RaftDb db, Path dir) {
    this.db = db;
    this.dir = dir;
    db.nodes().forEach(n -> clients.put(n, db.clientAddress(n)));
  }

  static RaftCluster start(Path dir, String readMode) {
    RaftDb db = new RaftDb(3, RaftDb.jarIn(Checkout.root()), dir, List.of("--read-mode", readMode),
        Duration.ofSeconds(30));
    db.nodeJvmOptions(NODE_JVM);
    try {
      db.setup();
    } catch (RuntimeException e) {
      StoreCluster.deleteTree(dir);
      throw e;
    }
    return new RaftCluster(db, dir);
  }

  @Override
  public KvSession session() {
    RaftKvClient c = RaftKvClient.connect(clients, CLIENT_TIMEOUT); // by id: a redirect goes straight to the leader
    return new KvSession() {
      @Override
      public void write(String key, String value) {
        c.write(key, value);
      }

      @Override
      public String read(String key) {
        Object v = c.read(key);
        return v == null ? null : v.toString();
      }

      @Override
      public boolean cas(String key, String from, String to) {
        return c.cas(key, from, to);
      }

      @Override
      public void close() {
        c.close();
      }
    };
  }

  @Override
  public void close() {
    try {
      db.teardown();
    } finally {
      StoreCluster.deleteTree(dir);
    }
  }
}
