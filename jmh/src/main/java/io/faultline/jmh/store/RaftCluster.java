package io.faultline.jmh.store;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.ProcessBackend;
import io.faultline.raft.client.RaftKvClient;
import io.faultline.workloads.raft.RaftDb;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Three nodes of Faultline's Raft store, through the harness' own {@link RaftDb} (fsync on, as always), each with the
 * full tiered JIT rather than the harness' C1-only default, as the store would run in production and as etcd runs
 * compiled. {@code -Dfaultline.bench.nodeJvm="..."} (space-separated flags) replaces them, e.g. to compare JITs.
 *
 * <p>Fresh node JVMs interpret and then profile the commit path before C2 compiles it: on this 2-core machine under
 * load, 64-client throughput climbed from about 2,000 to 24,000 writes/s over the first 20 s of a trial, longer than
 * JMH's warm-up iterations, so trial means measured the JIT rather than the store (etcd, compiled ahead of time,
 * stays flat). {@link #start} therefore drives the new cluster with writes, cas and reads from
 * {@value #WARM_UP_CLIENTS} clients for {@code -Dfaultline.bench.raftWarmUpSeconds} (default
 * {@value #WARM_UP_SECONDS}) before it is measured.
 */
final class RaftCluster implements StoreCluster {
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
  static final int WARM_UP_CLIENTS = 16;
  static final long WARM_UP_SECONDS = 6;
  private static final Duration WARM_UP =
      Duration.ofSeconds(Long.getLong("faultline.bench.raftWarmUpSeconds", WARM_UP_SECONDS));
  private static final List<String> NODE_JVM =
      List.of(
          System.getProperty(
                  "faultline.bench.nodeJvm", "-Xmx256m -XX:+UseSerialGC -XX:-UsePerfData")
              .trim()
              .split("\\s+"));

  private final RaftDb db;
  private final Path dir;
  private final Map<String, InetSocketAddress> clients = new LinkedHashMap<>();

  private RaftCluster(RaftDb db, Path dir) {
    this.db = db;
    this.dir = dir;
    db.nodes().forEach(n -> clients.put(n, db.clientAddress(n)));
  }

  /** Starts 3 nodes with {@code --read-mode readMode --io io} and warms them up. */
  static RaftCluster start(Path dir, String readMode, String io) {
    // the real clock, as in production: libfaketime would cost every clock read a file read
    RaftDb db =
        new RaftDb(
            new ProcessBackend(Backend.names(3), List.copyOf(RaftDb.PORTS.keySet()), dir),
            RaftDb.jarIn(Checkout.root()),
            List.of("--read-mode", readMode, "--io", io),
            NODE_JVM,
            false);
    try {
      db.setup();
    } catch (RuntimeException e) {
      StoreCluster.deleteTree(dir);
      throw e;
    }
    RaftCluster cluster = new RaftCluster(db, dir);
    try {
      cluster.warmUp();
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  /** Writes, cas and reads keys of its own from {@link #WARM_UP_CLIENTS} clients for {@link #WARM_UP}. */
  private void warmUp() {
    long deadline = System.nanoTime() + WARM_UP.toNanos();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < WARM_UP_CLIENTS; i++) {
      String key = "warm-up-" + i;
      Thread t =
          new Thread(
              () -> {
                try (KvSession s = session()) {
                  for (long n = 0; System.nanoTime() < deadline && failure.get() == null; n++) {
                    s.write(key, "w" + n);
                    s.cas(key, "w" + n, "c" + n);
                    s.read(key);
                  }
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              },
              "raft-warm-up-" + i);
      t.start();
      clients.add(t);
    }
    for (Thread t : clients) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while warming up the cluster", e);
      }
    }
    if (failure.get() != null) {
      throw new IllegalStateException(
          "warming up the cluster failed: " + failure.get().getMessage(), failure.get());
    }
  }

  @Override
  public KvSession session() {
    RaftKvClient c =
        RaftKvClient.connect(
            clients, CLIENT_TIMEOUT); // by id: a redirect goes straight to the leader
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
