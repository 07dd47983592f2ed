package io.faultline.jmh.store;

import io.faultline.workloads.etcd.EtcdDb;
import io.faultline.workloads.etcd.EtcdException;
import io.faultline.workloads.etcd.EtcdGateway;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Three etcd members on loopback with etcd's defaults (fsync on every commit), through the harness' own
 * {@link EtcdDb} (not routed, so members talk to each other directly, as the Raft store's nodes do here), each under
 * the harness' watchdog. Sessions are the adapter's own client, {@link EtcdGateway}, talking to the leader, as the Raft
 * store's client ends up doing after its first redirect; etcd's followers would forward writes to it at the cost of
 * another hop. Reads are etcd's default, linearizable ones.
 */
final class EtcdCluster implements StoreCluster {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);

  private final EtcdDb db;
  private final Path dir;
  private final InetSocketAddress leader;

  private EtcdCluster(EtcdDb db, Path dir, InetSocketAddress leader) {
    this.db = db;
    this.dir = dir;
    this.leader = leader;
  }

  static EtcdCluster start(Path dir) {
    if (!EtcdDb.installed(EtcdDb.DEFAULT_BIN)) {
      StoreCluster.deleteTree(dir);
      throw new IllegalStateException(EtcdDb.NOT_INSTALLED);
    }
    EtcdDb db = EtcdDb.processes(3, EtcdDb.DEFAULT_BIN, dir);
    try {
      db.setup();
      String leader =
          db.leader()
              .orElseThrow(() -> new IllegalStateException("etcd has no leader after setup"));
      return new EtcdCluster(db, dir, db.clientAddress(leader));
    } catch (RuntimeException e) {
      db.teardown();
      StoreCluster.deleteTree(dir);
      throw e;
    }
  }

  @Override
  public KvSession session() {
    EtcdGateway gateway = new EtcdGateway(CLIENT_TIMEOUT);
    return new KvSession() {
      @Override
      public void write(String key, String value) {
        try {
          gateway.put(leader, key, value);
        } catch (EtcdException e) {
          throw failed("put", e);
        }
      }

      @Override
      public String read(String key) {
        try {
          return gateway.get(leader, key, false).value();
        } catch (EtcdException e) {
          throw failed("range", e);
        }
      }

      @Override
      public boolean cas(String key, String from, String to) {
        try {
          return gateway.compareAndSet(leader, key, from, to);
        } catch (EtcdException e) {
          throw failed("txn", e);
        }
      }

      @Override
      public void close() {
        gateway.close();
      }
    };
  }

  private IllegalStateException failed(String request, EtcdException e) {
    return new IllegalStateException("etcd at " + leader + ": " + request + ": " + e.getMessage());
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
