package io.faultline.workloads.raft;

import io.faultline.harness.cluster.Backend;
import io.faultline.harness.cluster.Backends;
import io.faultline.harness.cluster.docker.LocalImages;
import io.faultline.harness.spi.Client;
import io.faultline.harness.spi.Sut;
import io.faultline.harness.spi.TestSpec;
import io.faultline.harness.spi.db.Db;
import io.faultline.workloads.queue.QueueOnLists;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Faultline's Raft store as a system under test. Options ({@code --sut-opt}):
 *
 * <ul>
 *   <li>{@code read-mode=read-index|lease}: how the store serves linearizable reads;
 *   <li>{@code unsafe=MODE[+MODE...]}: deliberate bugs, e.g. {@code stale-reads} or {@code no-fsync+no-dedup}, passed
 *       to every node as {@code --unsafe-MODE};
 *   <li>{@code election-min-ms}, {@code election-max-ms}, {@code heartbeat-ms}: timing;
 *   <li>{@code snapshot-entries}: applied entries between snapshots, {@value #SNAPSHOT_ENTRIES} by default in a test
 *       (the store's own default is 10,000, which a short run at 100 ops/s never reaches), so that every run takes
 *       snapshots, compacts its log and brings lagging or restarted nodes back with InstallSnapshot (§7);
 *   <li>{@code pre-vote=on|off}: whether elections start with a Pre-Vote round (thesis §9.6; default on).
 * </ul>
 */
public final class RaftSut implements Sut {
  private static final Set<String> NUMERIC =
      Set.of("election-min-ms", "election-max-ms", "heartbeat-ms", "snapshot-entries");

  /** The snapshot interval of a test's nodes unless {@code snapshot-entries} says otherwise. */
  public static final int SNAPSHOT_ENTRIES = 200;

  @Override
  public String name() {
    return "raft";
  }

  @Override
  public Set<String> workloads() {
    return Set.of("register", "append", "set", "queue");
  }

  @Override
  public void check(TestSpec spec) {
    nodeFlags(spec.sutOptions());
  }

  @Override
  public Set<String> clusters() {
    return Set.of("process", "docker", "ssh");
  }

  /**
   * The store's cluster on the backend {@code --cluster} names; libfaketime only where the clock family runs, since
   * it makes every clock read of a node read a file.
   */
  @Override
  public Db db(TestSpec spec, Path runDir, Path root) {
    Path jar = RaftDb.jarIn(root);
    Backend backend =
        Backends.of(spec, runDir, root, RaftDb.PORTS, () -> LocalImages.raftNode(root, jar));
    return new RaftDb(
        backend, jar, nodeFlags(spec.sutOptions()), RaftDb.NODE_JVM, spec.includes("clock"));
  }

  /** The node flags for these options. */
  static List<String> nodeFlags(Map<String, String> options) {
    List<String> flags = new ArrayList<>();
    options.forEach(
        (k, v) -> {
          if (k.equals("read-mode")) {
            if (!v.equals("read-index") && !v.equals("lease")) {
              throw new IllegalArgumentException(
                  "--sut-opt read-mode must be read-index or lease, not '" + v + "'");
            }
            flags.addAll(List.of("--read-mode", v));
          } else if (k.equals("pre-vote")) {
            if (!v.equals("on") && !v.equals("off")) {
              throw new IllegalArgumentException(
                  "--sut-opt pre-vote must be on or off, not '" + v + "'");
            }
            flags.addAll(List.of("--pre-vote", v));
          } else if (k.equals("unsafe")) {
            for (String mode : v.split("\\+")) {
              flags.add("--unsafe-" + mode.strip());
            }
          } else if (NUMERIC.contains(k)) {
            if (!v.matches("\\d+")) {
              throw new IllegalArgumentException(
                  "--sut-opt " + k + " must be a number, not '" + v + "'");
            }
            flags.addAll(List.of("--" + k, v));
          } else {
            throw new IllegalArgumentException(
                "unknown --sut-opt '"
                    + k
                    + "' for raft; options: read-mode, pre-vote, "
                    + "unsafe, "
                    + String.join(", ", NUMERIC));
          }
        });
    if (!options.containsKey("snapshot-entries")) {
      flags.addAll(List.of("--snapshot-entries", Integer.toString(SNAPSHOT_ENTRIES)));
    }
    return flags;
  }

  @Override
  public Client client(String workload, Db db, TestSpec spec) {
    return switch (workload) {
      case "register" -> RaftKvOpsClient.registers((RaftDb) db, spec.opTimeout());
      case "append", "set" -> RaftKvOpsClient.lists((RaftDb) db, spec.opTimeout());
      case "queue" -> new QueueOnLists(RaftKvOpsClient.lists((RaftDb) db, spec.opTimeout()));
      default ->
          throw new IllegalArgumentException(
              "the raft adapter has no client for workload '" + workload + "'");
    };
  }
}
