package io.faultline.jmh.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.harness.cluster.NodeProcess;
import io.faultline.harness.cluster.Ports;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Three etcd members on loopback with etcd's defaults (fsync on every commit), each under the harness' watchdog.
 * Sessions talk to the leader, as the Raft store's client ends up doing after its first redirect; etcd's followers
 * would forward writes to it at the cost of another hop.
 */
final class EtcdCluster implements StoreCluster {
  private static final Duration READY = Duration.ofSeconds(30);
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(5);
  private static final List<Path> BINARIES = List.of(Path.of("/usr/bin/etcd"), Path.of("/usr/local/bin/etcd"));

  private final List<NodeProcess> members;
  private final Path dir;
  private final InetSocketAddress leader;

  private EtcdCluster(List<NodeProcess> members, Path dir, InetSocketAddress leader) {
    this.members = members;
    this.dir = dir;
    this.leader = leader;
  }

  static EtcdCluster start(Path dir) {
    Path etcd = BINARIES.stream().filter(Files::isExecutable).findFirst().orElseThrow(() ->
        new IllegalStateException("etcd is not installed (apt-get install etcd-server)"));
    List<Integer> ports = Ports.free(6);
    StringBuilder initial = new StringBuilder();
    for (int i = 0; i < 3; i++) {
      initial.append(i == 0 ? "" : ",").append("e").append(i + 1).append("=http://127.0.0.1:").append(ports.get(i));
    }
    List<NodeProcess> members = new ArrayList<>();
    List<InetSocketAddress> clients = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        String name = "e" + (i + 1);
        String peer = "http://127.0.0.1:" + ports.get(i);
        String client = "http://127.0.0.1:" + ports.get(3 + i);
        clients.add(new InetSocketAddress("127.0.0.1", ports.get(3 + i)));
        members.add(NodeProcess.start(name, List.of(etcd.toString(), "--name", name,
            "--data-dir", dir.resolve(name).toString(),
            "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
            "--listen-client-urls", client, "--advertise-client-urls", client,
            "--initial-cluster", initial.toString(), "--initial-cluster-token", "faultline-bench",
            "--initial-cluster-state", "new", "--logger", "zap", "--log-level", "warn"),
            Map.of(), dir.resolve(name + ".log")));
      }
      return new EtcdCluster(members, dir, awaitLeader(members, clients));
    } catch (RuntimeException e) {
      members.forEach(m -> m.terminate(Duration.ofSeconds(3)));
      StoreCluster.deleteTree(dir);
      throw e;
    }
  }

  /** The client address of the member that every member names leader. */
  private static InetSocketAddress awaitLeader(List<NodeProcess> members, List<InetSocketAddress> clients) {
    long deadline = System.nanoTime() + READY.toNanos();
    String last = "no answer";
    while (System.nanoTime() - deadline < 0) {
      for (NodeProcess m : members) {
        if (!m.isAlive()) {
          throw new IllegalStateException("etcd member " + m.name() + " exited; the end of its log:\n" + m.tail(10));
        }
      }
      String leaderId = null;
      InetSocketAddress leader = null;
      int agree = 0;
      for (InetSocketAddress c : clients) {
        try (EtcdSession s = new EtcdSession(c, Duration.ofMillis(500))) {
          JsonNode status = s.post("/v3/maintenance/status", "{}");
          String l = status.path("leader").asText("0");
          if (leaderId == null || leaderId.equals(l)) {
            leaderId = l;
            agree++;
          }
          if (l.equals(status.path("header").path("member_id").asText())) {
            leader = c;
          }
        } catch (RuntimeException e) {
          last = e.toString();
        }
      }
      if (agree == clients.size() && leader != null && !"0".equals(leaderId)) {
        return leader;
      }
      LockSupport.parkNanos(100_000_000L);
    }
    throw new IllegalStateException("etcd elected no leader within " + READY.toSeconds() + " s (" + last + ")");
  }

  @Override
  public KvSession session() {
    return new EtcdSession(leader, CLIENT_TIMEOUT);
  }

  @Override
  public void close() {
    try {
      for (NodeProcess m : members) {
        m.terminate(Duration.ofSeconds(3));
      }
    } finally {
      StoreCluster.deleteTree(dir);
    }
  }
}
